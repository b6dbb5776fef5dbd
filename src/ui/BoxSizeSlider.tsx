import { HAND_BOX } from '../pose/people';
import { useApp } from '../store';

/**
 * The side of a box framed by hand (after a click away from the people found, or when nobody is found), relative to
 * the image. CPM reads a person at the size it was trained on (the crop is about evalCropScale × the person's size),
 * so a person who fills the picture reads better in a box larger than it, a small person in a smaller one. A click
 * away from the people found sets it to the size of the person found nearest.
 */
export function BoxSizeSlider() {
  const boxSize = useApp((s) => s.boxSize);
  const ready = useApp((s) => s.model !== null);
  const setOption = useApp((s) => s.setOption);
  return (
    <label className="control">
      Box by hand: {ready ? `${boxSize.toFixed(1)}× the image` : 'loading…'}
      <input type="range" aria-label="Person box size" min={HAND_BOX.min} max={HAND_BOX.max} step={HAND_BOX.step} value={boxSize} disabled={!ready} onChange={(e) => setOption('boxSize', Number(e.target.value))} />
    </label>
  );
}
