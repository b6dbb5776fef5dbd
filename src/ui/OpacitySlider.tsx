import { useApp } from '../store';

export function OpacitySlider() {
  const opacity = useApp((s) => s.opacity);
  const setOption = useApp((s) => s.setOption);
  return (
    <label className="control">
      Heatmap opacity
      <input type="range" aria-label="Heatmap opacity" min={0} max={1} step={0.05} value={opacity} onChange={(e) => setOption('opacity', Number(e.target.value))} />
    </label>
  );
}
