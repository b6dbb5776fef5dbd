/** One entry of public/models/index.json, the list of models the app offers. */
export interface ModelEntry {
  id: string;
  name: string;
  default?: boolean;
}

/** The model to open: the one asked for, else the entry marked default, else the first. */
export function chooseModel(models: ModelEntry[], requested?: string | null): string | undefined {
  return requested ?? models.find((m) => m.default)?.id ?? models[0]?.id;
}
