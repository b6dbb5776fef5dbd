import { useEffect, useState } from 'react';
import { useApp } from '../store';

const PLAY_STEP_MS = 700;

/** Stage 1…T: shows how each stage refines the last one's belief maps; play steps through them. */
export function StageScrubber() {
  const model = useApp((s) => s.model);
  const stage = useApp((s) => s.stage);
  const setOption = useApp((s) => s.setOption);
  const [playing, setPlaying] = useState(false);
  const stages = model?.stages ?? 1;

  useEffect(() => {
    if (!playing) return undefined;
    const timer = setInterval(() => {
      const current = useApp.getState().stage;
      setOption('stage', current >= stages ? 1 : current + 1);
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, stages, setOption]);

  return (
    <div className="control">
      <label>
        Stage {model ? (
          <>
            <output>{stage}</output> / {stages}
          </>
        ) : (
          'loading…'
        )}
        <input
          type="range"
          aria-label="Stage"
          aria-valuetext={`stage ${stage} of ${stages}`}
          min={1}
          max={stages}
          step={1}
          value={stage}
          disabled={!model}
          onChange={(e) => setOption('stage', Number(e.target.value))}
        />
      </label>
      <button type="button" disabled={!model} onClick={() => setPlaying(!playing)}>
        {playing ? 'Pause' : 'Play stages'}
      </button>
    </div>
  );
}
