import { useApp } from '../store';

/**
 * The side of a box framed by hand (after a click away from the people found, or when nobody is found), relative to
 * the image. CPM reads a person at the size it was trained on (the crop is about evalCropScale × the person's size),
 * so a person who fills the picture reads better in a box larger than it, a small person in a smaller one.
 */
export function BoxSizeSlider() {
  const boxSize = useApp((s) => s.boxSize);
  const set = useApp((s) => s.set);
  return (
    <label className="control">
      Box by hand: {boxSize.toFixed(1)}× the image
      <input type="range" aria-label="Person box size" min={0.2} max={3} step={0.1} value={boxSize} onChange={(e) => set({ boxSize: Number(e.target.value) })} />
    </label>
  );
}
