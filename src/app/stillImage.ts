/** The still image: read once per change of picture, framing or reading options. */
import { totalStageMs, useApp } from '../store';
import { currentClient, onModelReady } from './modelSession';
import { currentFrameOptions } from './reading';

/** Runs the model on the current still image (after a new image, a new centre, a box, multi-scale or flip change). */
export async function analyseImage(): Promise<void> {
  // A result is cleared with its picture: the people it found are this picture's, and are not searched for again.
  const { source, model, result: previous, set } = useApp.getState();
  const client = currentClient();
  if (!client || !model || !source?.bitmap || source.kind !== 'image') return;
  try {
    const how = currentFrameOptions(source.width, source.height, previous?.found ?? undefined);
    const result = await client.infer(await createImageBitmap(source.bitmap), how, true);
    if (result && useApp.getState().source === source) {
      const selected = Math.min(useApp.getState().selected, result.readings.length - 1);
      set({ result, selected, poses: result.readings.map((r) => r.poses), stageMs: totalStageMs(result) });
    }
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
