import { MULTI_SCALES } from '../estimator/constants';
import { fieldText } from '../render/field';
import { useApp } from '../store';

/**
 * The center-map layer, multi-scale testing (the maps of several scales combined per joint, as the paper does; averaged, so beliefs stay 0…1), flip
 * testing (the mirrored crop's maps averaged in), and temporal smoothing of camera keypoints.
 */
export function LayerToggles() {
  const showCenterMap = useApp((s) => s.showCenterMap);
  const multiScale = useApp((s) => s.multiScale);
  const kind = useApp((s) => s.source?.kind ?? 'image');
  const flipTest = useApp((s) => s.flipTest);
  const smoothing = useApp((s) => s.smoothing);
  const weakStyle = useApp((s) => s.weakStyle);
  const showField = useApp((s) => s.showField);
  const model = useApp((s) => s.model);
  const stage = useApp((s) => s.stage);
  const weakPeak = model?.weakPeak ?? 0;
  const setOption = useApp((s) => s.setOption);
  return (
    <div className="control">
      <label>
        <input type="checkbox" checked={showCenterMap} onChange={(e) => setOption('showCenterMap', e.target.checked)} /> Show center map
      </label>
      <label>
        <input type="checkbox" checked={multiScale} onChange={(e) => setOption('multiScale', e.target.checked)} /> Multi-scale (
        {MULTI_SCALES.join(', ')})
      </label>
      <label>
        <input type="checkbox" checked={flipTest[kind]} onChange={(e) => setOption('flipTest', { ...flipTest, [kind]: e.target.checked })} />{' '}
        Flip test for the {kind === 'camera' ? 'camera' : 'still image'} (also read the mirrored picture: two passes)
      </label>
      <label>
        <input type="checkbox" checked={smoothing} onChange={(e) => setOption('smoothing', e.target.checked)} /> Smooth camera keypoints (One
        Euro)
      </label>
      <label>
        <input type="checkbox" checked={showField} onChange={(e) => setOption('showField', e.target.checked)} /> Show the receptive field (of
        the selected stage, around the selected joint: pick a joint under Belief map)
        {showField && model && (
          <span className="hint" data-testid="field-text">
            {' '}
            {fieldText(stage, model.receptiveFields[stage - 1], model.inputSize)}
          </span>
        )}
      </label>
      {weakPeak > 0 && (
        <label>
          <input type="checkbox" checked={weakStyle === 'hidden'} onChange={(e) => setOption('weakStyle', e.target.checked ? 'hidden' : 'hollow')} />{' '}
          Hide weak joints (drawn hollow otherwise: last-stage belief below {weakPeak.toFixed(2)}, more often wrong than right on held-out
          people)
        </label>
      )}
    </div>
  );
}
