import { useEffect, useState } from 'react';
import { useApp } from '../store';

const PLAY_STEP_MS = 700;

/** Stage 1…T: shows how each stage refines the last one's belief maps; play steps through them. */
export function StageScrubber() {
  const model = useApp((s) => s.model);
  const stage = useApp((s) => s.stage);
  const set = useApp((s) => s.set);
  const [playing, setPlaying] = useState(false);
  const stages = model?.stages ?? 1;

  useEffect(() => {
    if (!playing) return undefined;
    const timer = setInterval(() => {
      const current = useApp.getState().stage;
      set({ stage: current >= stages ? 1 : current + 1 });
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, stages, set]);

  return (
    <div className="control">
      <label>
        Stage <output>{stage}</output> / {stages}
        <input
          type="range"
          aria-label="Stage"
          aria-valuetext={`stage ${stage} of ${stages}`}
          min={1}
          max={stages}
          step={1}
          value={stage}
          disabled={!model}
          onChange={(e) => set({ stage: Number(e.target.value) })}
        />
      </label>
      <button type="button" disabled={!model} onClick={() => setPlaying(!playing)}>
        {playing ? 'Pause' : 'Play stages'}
      </button>
    </div>
  );
}
