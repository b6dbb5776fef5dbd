import { useShallow } from 'zustand/react/shallow';
import { PERSON_SEARCH } from '../estimator/constants';
import { personColour } from '../render/layers';
import { useApp } from '../store';

/** Who was read: every person the finder saw (select one to see their belief maps), and the box framed by hand. */
export function PeopleList() {
  const { people, mode, selected, byHand, finderError, selectPerson, frameByHand } = useApp(
    useShallow((s) => ({
      people: s.result?.people,
      mode: s.result?.mode ?? 'still',
      selected: s.selected,
      byHand: s.center !== null,
      finderError: s.finderError,
      selectPerson: s.selectPerson,
      frameByHand: s.frameByHand,
    })),
  );
  if (!people) return null;
  const found = people.filter((p) => p.person).length;
  const foundText =
    found === 0
      ? finderError
        ? 'No person finder'
        : 'No person found'
      : `${found} ${found === 1 ? 'person' : 'people'} found (${mode === 'video' ? 'the camera reads' : 'a photo reads'} at most ${PERSON_SEARCH[mode].cap})`;
  const summary = byHand ? `${foundText}, and one person framed by hand` : found === 0 && !finderError ? `${foundText}. Click a person to frame them by hand.` : foundText;
  return (
    <section className="control people" aria-label="People">
      <span data-testid="people-summary">{summary}</span>
      {finderError && <span className="hint">{finderError}</span>}
      <div className="people-buttons">
        {people.map((p, i) => (
          <button key={i} type="button" aria-pressed={i === selected} style={{ borderColor: personColour(i) }} onClick={() => selectPerson(i)}>
            Person {i + 1}
            {p.person ? ` · ${(100 * p.person.score).toFixed(0)} %` : ' · by hand'}
          </button>
        ))}
      </div>
      {byHand && (
        <button type="button" onClick={() => frameByHand(null)}>
          Remove the box by hand (Esc)
        </button>
      )}
    </section>
  );
}
