import { useShallow } from 'zustand/react/shallow';
import { MAX_PERSONS } from '../pose/people';
import { personColour } from '../render/layers';
import { useApp } from '../store';

/** Who was read: every person the finder saw (select one to see their belief maps), or the box framed by hand. */
export function PeopleList() {
  const { readings, selected, byHand, finderError, set } = useApp(
    useShallow((s) => ({ readings: s.result?.readings, selected: s.selected, byHand: s.center !== null, finderError: s.finderError, set: s.set })),
  );
  if (!readings) return null;
  const found = readings.filter((r) => r.person).length;
  const summary = byHand
    ? 'One person framed by hand (click near a found person, or find people again)'
    : readings.length === 0
      ? 'No person found. Click a person to frame them by hand.'
      : found === 0
        ? 'No person finder: the whole picture is read'
      : `${found} ${found === 1 ? 'person' : 'people'} found (the finder reports at most ${MAX_PERSONS})`;
  return (
    <section className="control people" aria-label="People">
      <span data-testid="people-summary">{summary}</span>
      {finderError && <span className="hint">{finderError}</span>}
      <div className="people-buttons">
        {readings.map((r, i) => (
          <button
            key={i}
            type="button"
            aria-pressed={i === selected}
            style={{ borderColor: personColour(i) }}
            onClick={() => set({ selected: i })}
          >
            Person {i + 1}
            {r.person ? ` · ${(100 * r.person.score).toFixed(0)} %` : ' · by hand'}
          </button>
        ))}
      </div>
      {byHand && (
        <button type="button" onClick={() => set({ center: null })}>
          Find people again
        </button>
      )}
    </section>
  );
}
