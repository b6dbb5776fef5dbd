import { useApp } from '../store';

/**
 * The person box's side relative to the image. CPM reads a person at the size it was trained on (the crop is about
 * evalCropScale × the person's size), so a person who fills the picture reads better in a larger box.
 */
export function BoxSizeSlider() {
  const boxSize = useApp((s) => s.boxSize);
  const set = useApp((s) => s.set);
  return (
    <label className="control">
      Person box: {boxSize.toFixed(1)}× the image
      <input type="range" aria-label="Person box size" min={1} max={3} step={0.1} value={boxSize} onChange={(e) => set({ boxSize: Number(e.target.value) })} />
    </label>
  );
}
