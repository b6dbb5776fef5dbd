/** The still image: read once per change of picture, framing or reading options, one reading at a time. */
import { LatestFrameQueue } from '../worker/latestFrame';
import { type SourceImage, useApp } from '../store';
import { estimationConfig } from './config';
import { debounce } from './debounce';
import { currentClient, onModelReady } from './modelSession';

/** A slider gesture (a drag, a few arrow keys) settles within this long; then one reading starts. */
const SETTLE_MS = 300;

async function estimateStill(source: SourceImage): Promise<void> {
  const { model, setEstimating, showResult, showError } = useApp.getState();
  const client = currentClient();
  if (!client || !model || !source.bitmap || useApp.getState().source !== source) return;
  setEstimating({ phase: 'starting' });
  try {
    const config = estimationConfig(useApp.getState(), 'image', source.width, source.height);
    const result = await client.estimatePoses(await createImageBitmap(source.bitmap), { ...config, timeStages: true }, (progress) => {
      if (useApp.getState().estimating) setEstimating(progress);
    });
    if (result && useApp.getState().source === source) showResult(result, config);
  } catch (error) {
    showError((error as Error).message);
  } finally {
    setEstimating(null);
  }
}

// While a reading runs, later requests wait and only the newest is read (the picture as it is by then).
const queue = new LatestFrameQueue<SourceImage>(estimateStill, () => undefined);

/** Reads the still image on screen (after a new image, a new centre, a box, multi-scale or flip change). */
function estimateImage(): void {
  const { source } = useApp.getState();
  if (source?.kind === 'image') queue.push(source);
}

const settled = debounce(estimateImage, SETTLE_MS);

onModelReady(estimateImage);

useApp.subscribe((state, previous) => {
  if (state.source?.kind !== 'image') return;
  if (state.source !== previous.source) {
    estimateImage();
    return;
  }
  const changed =
    state.center !== previous.center ||
    state.multiScale !== previous.multiScale ||
    state.flipTest.image !== previous.flipTest.image ||
    state.boxSize !== previous.boxSize;
  if (changed) settled();
});
