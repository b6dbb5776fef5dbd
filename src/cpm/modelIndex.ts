/** One entry of public/models/index.json, the list of models the app offers. */
export interface ModelEntry {
  id: string;
  name: string;
  default?: boolean;
  /** The camera's default: a lighter model for video frames. */
  camera?: boolean;
}

/**
 * The model to open: the one asked for, else (for the camera) the entry marked camera, else the entry marked
 * default, else the first.
 */
export function chooseModel(models: ModelEntry[], requested?: string | null, forCamera = false): string | undefined {
  return requested ?? (forCamera ? models.find((m) => m.camera)?.id : undefined) ?? models.find((m) => m.default)?.id ?? models[0]?.id;
}
