/** The still image: read once per change of picture, framing or reading options. */
import { useApp } from '../store';
import { currentClient, onModelReady } from './modelSession';
import { currentReading } from './reading';

/** Runs the model on the current still image (after a new image, a new centre, a box, multi-scale or flip change). */
export async function analyseImage(): Promise<void> {
  const { source, model, set } = useApp.getState();
  const client = currentClient();
  if (!client || !model || !source?.bitmap || source.kind !== 'image') return;
  try {
    const reading = currentReading(source.width, source.height);
    const result = await client.infer(await createImageBitmap(source.bitmap), reading, true);
    if (result && useApp.getState().source === source) set({ result, poses: result.poses, stageMs: result.stageMs });
  } catch (error) {
    set({ error: (error as Error).message });
  }
}

onModelReady(() => void analyseImage());

useApp.subscribe((state, previous) => {
  const changed =
    state.source !== previous.source ||
    state.center !== previous.center ||
    state.multiScale !== previous.multiScale ||
    state.flipTest !== previous.flipTest ||
    state.boxSize !== previous.boxSize;
  if (changed && state.source?.kind === 'image') void analyseImage();
});
