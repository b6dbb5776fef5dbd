import { MULTI_SCALES, useApp } from '../store';

/** The center-map layer, and multi-scale testing (the maps of several scales summed per joint, as the paper does). */
export function LayerToggles() {
  const showCenterMap = useApp((s) => s.showCenterMap);
  const multiScale = useApp((s) => s.multiScale);
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
    </div>
  );
}
