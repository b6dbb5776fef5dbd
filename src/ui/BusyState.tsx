import { progressText } from '../app/progressText';
import { useApp } from '../store';

/** While a still image is read: what the reading is doing (the previous result stays on screen, dimmed). */
export function BusyState() {
  const estimating = useApp((s) => s.estimating);
  const stages = useApp((s) => s.model?.stages ?? 1);
  return (
    <div className="busy" role="status" data-testid="busy">
      {estimating && progressText(estimating, stages)}
    </div>
  );
}
