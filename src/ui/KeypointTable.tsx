import { weakJoints } from '../pose/keypoints';
import { selectedPerson, useApp } from '../store';

/** The selected person's keypoints at the selected stage, in original-image pixels. */
export function KeypointTable() {
  const stage = useApp((s) => s.stage);
  const source = useApp((s) => s.source);
  const selected = useApp(selectedPerson);
  const weakPeak = useApp((s) => s.model?.weakPeak ?? 0);
  const pose = selected?.poses[stage - 1];
  const last = selected?.poses.at(-1);
  if (!selected || !pose || !last || !source) return null;
  const weak = weakJoints(last, weakPeak);
  return (
    <table aria-label="Keypoints" className="keypoints">
      <caption>
        Keypoints, stage {stage}
        <span data-testid="center">
          {' '}
          · center ({(selected.center.x * source.toOriginal).toFixed(0)}, {(selected.center.y * source.toOriginal).toFixed(0)})
        </span>
      </caption>
      <thead>
        <tr>
          <th>joint</th>
          <th>x</th>
          <th>y</th>
          <th>belief</th>
        </tr>
      </thead>
      <tbody>
        {pose.keypoints.map((k, j) => (
          <tr key={k.joint} className={weak[j] ? 'weak' : undefined}>
            <td>
              {k.joint}
              {weak[j] && ' (weak)'}
            </td>
            <td>{(k.x * source.toOriginal).toFixed(0)}</td>
            <td>{(k.y * source.toOriginal).toFixed(0)}</td>
            <td>{k.confidence.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
