import { useApp } from '../store';

export function OpacitySlider() {
  const opacity = useApp((s) => s.opacity);
  const set = useApp((s) => s.set);
  return (
    <label className="control">
      Heatmap opacity
      <input type="range" aria-label="Heatmap opacity" min={0} max={1} step={0.05} value={opacity} onChange={(e) => set({ opacity: Number(e.target.value) })} />
    </label>
  );
}
