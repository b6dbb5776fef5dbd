import type { MapSelection } from '../render/beliefImage';
import { useApp } from '../store';

function parse(value: string): MapSelection {
  return value === 'all' || value === 'background' ? value : Number(value);
}

/** Which belief map to show: one joint, all joints (max), or the background map. */
export function JointPicker() {
  const model = useApp((s) => s.model);
  const selection = useApp((s) => s.selection);
  const setOption = useApp((s) => s.setOption);
  return (
    <label className="control">
      Belief map{' '}
      <select aria-label="Belief map" value={String(selection)} disabled={!model} onChange={(e) => setOption('selection', parse(e.target.value))}>
        <option value="all">all joints</option>
        {model?.joints.map((joint, j) => (
          <option key={joint} value={j}>
            {joint}
          </option>
        ))}
        <option value="background">{model?.background ?? 'background'}</option>
      </select>
    </label>
  );
}
