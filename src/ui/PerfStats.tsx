import { useApp } from '../store';

/** Camera: results per second and the shown result's latency; the milliseconds until each stage's maps were read back. */
export function PerfStats() {
  const result = useApp((s) => s.result);
  const fps = useApp((s) => s.fps);
  const latencyMs = useApp((s) => s.latencyMs);
  const source = useApp((s) => s.source);
  const stageMs = useApp((s) => s.stageMs);
  if (!result) return null;
  return (
    <div className="perf" data-testid="perf">
      {source?.kind === 'camera' && (
        <span data-testid="fps">
          {/* One decimal, or two below one a second (SwiftShader), so a slow camera never reads as stopped. */}
          {fps.toFixed(fps < 1 ? 2 : 1)} results/s · latency {latencyMs === null ? '–' : latencyMs.toFixed(0)} ms ·{' '}
        </span>
      )}
      total {result.totalMs.toFixed(0)} ms · {result.finderMs !== null && `finding people ${result.finderMs.toFixed(0)} ms · `}
      {result.people.length > 1 && `${result.people.length} people read · `}per stage:{' '}
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
