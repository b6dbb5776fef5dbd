import { MULTI_SCALES } from '../app/reading';
import { useApp } from '../store';

/**
 * The center-map layer, multi-scale testing (the maps of several scales summed per joint, as the paper does), flip
 * testing (the mirrored crop's maps averaged in), and temporal smoothing of camera keypoints.
 */
export function LayerToggles() {
  const showCenterMap = useApp((s) => s.showCenterMap);
  const multiScale = useApp((s) => s.multiScale);
  const flipTest = useApp((s) => s.flipTest);
  const smoothing = useApp((s) => s.smoothing);
  const set = useApp((s) => s.set);
  return (
    <div className="control">
      <label>
        <input type="checkbox" checked={showCenterMap} onChange={(e) => set({ showCenterMap: e.target.checked })} /> Show center map
      </label>
      <label>
        <input type="checkbox" checked={multiScale} onChange={(e) => set({ multiScale: e.target.checked })} /> Multi-scale (
        {MULTI_SCALES.join(', ')})
      </label>
      <label>
        <input type="checkbox" checked={flipTest} onChange={(e) => set({ flipTest: e.target.checked })} /> Flip test (also read
        the mirrored picture: two passes)
      </label>
      <label>
        <input type="checkbox" checked={smoothing} onChange={(e) => set({ smoothing: e.target.checked })} /> Smooth camera keypoints (One
        Euro)
      </label>
    </div>
  );
}
