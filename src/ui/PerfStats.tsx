import { useApp } from '../store';

/** FPS (camera) and the milliseconds until each stage's maps were read back. */
export function PerfStats() {
  const result = useApp((s) => s.result);
  const fps = useApp((s) => s.fps);
  const source = useApp((s) => s.source);
  const stageMs = useApp((s) => s.stageMs);
  if (!result) return null;
  return (
    <div className="perf" data-testid="perf">
      {source?.kind === 'camera' && <span data-testid="fps">{fps.toFixed(1)} FPS · </span>}
      total {result.totalMs.toFixed(0)} ms · {result.finderMs !== null && `finding people ${result.finderMs.toFixed(0)} ms · `}
      {result.readings.length > 1 && `${result.readings.length} people read · `}per stage:{' '}
      {stageMs.map((ms, s) => (
        <span key={s}>
          {s + 1}: {ms.toFixed(1)}{' '}
        </span>
      ))}
      ms{result.scales.length > 1 && ` (summed over scales ${result.scales.join(', ')})`}
      {result.flip && ' (plain and mirrored passes)'}
    </div>
  );
}
