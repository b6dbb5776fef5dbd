/** The still image: read once per change of picture, framing or reading options, one reading at a time. */
import { LatestFrameQueue } from '../worker/latestFrame';
import { type SourceImage, clampSelected, totalStageMs, useApp } from '../store';
import { debounce } from './debounce';
import { currentClient, onModelReady } from './modelSession';
import { currentFrameOptions } from './reading';

/** A slider gesture (a drag, a few arrow keys) settles within this long; then one reading starts. */
const SETTLE_MS = 300;

async function analyse(source: SourceImage): Promise<void> {
  // A result is cleared with its picture: the people it found are this picture's, and are not searched for again.
  const { model, result: previous, set } = useApp.getState();
  const client = currentClient();
  if (!client || !model || !source.bitmap || useApp.getState().source !== source) return;
  set({ estimating: { phase: 'starting' } });
  try {
    const how = currentFrameOptions('image', model, source.width, source.height, previous?.found ?? undefined);
    const result = await client.infer(await createImageBitmap(source.bitmap), how, true);
    if (result && useApp.getState().source === source) {
      const selected = clampSelected(useApp.getState().selected, result.readings.length);
      set({ result, selected, poses: result.readings.map((r) => r.poses), stageMs: totalStageMs(result) });
    }
  } catch (error) {
    set({ error: (error as Error).message });
  } finally {
    set({ estimating: null });
  }
}

// While a reading runs, later requests wait and only the newest is read (the picture as it is by then).
const queue = new LatestFrameQueue<SourceImage>(analyse, () => undefined);

/** Reads the still image on screen (after a new image, a new centre, a box, multi-scale or flip change). */
export function analyseImage(): void {
  const { source } = useApp.getState();
  if (source?.kind === 'image') queue.push(source);
}

const settled = debounce(analyseImage, SETTLE_MS);

onModelReady(analyseImage);

useApp.subscribe((state, previous) => {
  if (state.source?.kind !== 'image') return;
  if (state.source !== previous.source) {
    analyseImage();
    return;
  }
  const changed =
    state.center !== previous.center ||
    state.multiScale !== previous.multiScale ||
    state.flipTest.image !== previous.flipTest.image ||
    state.boxSize !== previous.boxSize;
  if (changed) settled();
});
