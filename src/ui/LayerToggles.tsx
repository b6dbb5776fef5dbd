import { MULTI_SCALES, useApp } from '../store';

/**
 * The center-map layer, multi-scale testing (the maps of several scales summed per joint, as the paper does), and
 * temporal smoothing of camera keypoints.
 */
export function LayerToggles() {
  const showCenterMap = useApp((s) => s.showCenterMap);
  const multiScale = useApp((s) => s.multiScale);
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
        <input type="checkbox" checked={smoothing} onChange={(e) => set({ smoothing: e.target.checked })} /> Smooth camera keypoints (One
        Euro)
      </label>
    </div>
  );
}
