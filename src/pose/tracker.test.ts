import { describe, expect, it } from 'vitest';
import type { StagePose } from './keypoints';
import { FINDER_BOX_PER_EXTENT, type FoundPerson, readingBoxOf } from './people';
import { boxAround, boxCentre } from './box';
import { PeopleTracker, personFromPose, secondLookBox } from './tracker';

const OPTIONS = { refindEvery: 3, minPeak: 0.5, minJoints: 3 };

/** A one-stage pose: a 40×100 person whose top-left joint is at (x, y), every joint at `confidence`. */
function pose(x: number, y: number, confidence = 0.9): StagePose[] {
  const corners = [
    [x, y],
    [x + 40, y],
    [x, y + 100],
    [x + 40, y + 100],
    [x + 20, y + 50],
  ];
  return [{ stage: 1, keypoints: corners.map(([px, py], j) => ({ joint: `j${j}`, x: px, y: py, confidence, peak: confidence })) }];
}

const found = (x0: number, y0: number, x1: number, y1: number): FoundPerson => ({ score: 0.8, x0, y0, x1, y1, keypoints: [] });

describe('PeopleTracker', () => {
  it("frames a person's next box from their confident joints, cut as a labelled person is", () => {
    const person = personFromPose(pose(100, 50)[0], 0.5, 3);
    if (!person) throw new Error('no person');
    expect((person.x0 + person.x1) / 2).toBeCloseTo(120, 10);
    expect((person.y0 + person.y1) / 2).toBeCloseTo(100, 10);
    // The reading box is then crop scale × the joints' extent (100 px tall), as `npm run eval` cuts from labels.
    expect(readingBoxOf(person, 1.6).side).toBeCloseTo(160, 10);
    expect(person.y1 - person.y0).toBeCloseTo(100 * FINDER_BOX_PER_EXTENT, 10);
    expect(personFromPose(pose(0, 0, 0.3)[0], 0.5, 3)).toBeNull();
  });

  it('follows a person who moves, keeping their id, and searches again every few frames', () => {
    const tracker = new PeopleTracker(OPTIONS);
    expect(tracker.next()).toBeNull();
    const [id] = tracker.update([{ person: found(90, 40, 150, 160), poses: pose(100, 50) }], null).ids;
    for (let step = 1; step <= 3; step += 1) {
      const plan = tracker.next();
      expect(plan?.people).toHaveLength(1);
      // Each frame's box is centred where the last frame's joints were: the person moved 15 px right a frame.
      expect(((plan?.people[0].x0 ?? 0) + (plan?.people[0].x1 ?? 0)) / 2).toBeCloseTo(120 + 15 * (step - 1), 10);
      const { ids } = tracker.update([{ person: plan?.people[0] ?? null, poses: pose(100 + 15 * step, 50) }], plan);
      expect(ids).toEqual([id]);
    }
    expect(tracker.next()).toBeNull();
    // The new search finds them where the track left them: same id; someone new gets a new id.
    const { ids } = tracker.update(
      [
        { person: found(135, 40, 195, 160), poses: pose(145, 50) },
        { person: found(400, 40, 460, 160), poses: pose(410, 50) },
      ],
      null,
    );
    expect(ids[0]).toBe(id);
    expect(ids[1]).not.toBe(id);
    expect(tracker.next()?.people).toHaveLength(2);
  });

  it('drops a person whose beliefs collapse in that same result, and searches again on the next frame', () => {
    const tracker = new PeopleTracker(OPTIONS);
    tracker.update(
      [
        { person: found(90, 40, 150, 160), poses: pose(100, 50) },
        { person: found(400, 40, 460, 160), poses: pose(410, 50) },
      ],
      null,
    );
    const plan = tracker.next();
    const { lost } = tracker.update(
      [
        { person: plan?.people[0] ?? null, poses: pose(100, 50) },
        { person: plan?.people[1] ?? null, poses: pose(410, 50, 0.1) },
      ],
      plan,
    );
    expect(lost).toEqual([false, true]);
    expect(tracker.next()).toBeNull();
    // A finding whose reading collapses at once (nobody there after all) is lost too, and not tracked.
    expect(tracker.update([{ person: found(400, 40, 460, 160), poses: pose(410, 50, 0.1) }], null).lost).toEqual([true]);
    expect(tracker.next()).toBeNull();
  });

  it('keeps one of two tracks that drifted onto the same person, without searching again for it', () => {
    const tracker = new PeopleTracker(OPTIONS);
    tracker.update(
      [
        { person: found(90, 40, 150, 160), poses: pose(100, 50) },
        { person: found(160, 40, 220, 160), poses: pose(170, 50) },
      ],
      null,
    );
    const plan = tracker.next();
    const { lost } = tracker.update(
      [
        { person: plan?.people[0] ?? null, poses: pose(130, 50) },
        { person: plan?.people[1] ?? null, poses: pose(132, 50, 0.8) },
      ],
      plan,
    );
    expect(lost).toEqual([false, true]);
    expect(tracker.next()?.people).toHaveLength(1);
  });

  it('takes two skeletons standing on one person for one, even when their boxes differ; neighbours stay two', () => {
    const search = (offset: number) =>
      new PeopleTracker(OPTIONS).update(
        [
          { person: found(90, 40, 150, 160), poses: pose(100, 50) },
          { person: found(90 + offset, 40, 150 + offset, 160), poses: pose(100 + offset, 50, 0.8) },
        ],
        null,
      ).lost;
    // 12 px apart: boxes 48 px wide overlap by 75 % only, but the joints are a tenth of the box side apart.
    expect(search(12)).toEqual([false, true]);
    expect(search(30)).toEqual([false, false]);
  });

  it('searches on the next frame when asked to look again (someone may have come in)', () => {
    const tracker = new PeopleTracker(OPTIONS);
    tracker.update([{ person: found(90, 40, 150, 160), poses: pose(100, 50) }], null);
    expect(tracker.next()).not.toBeNull();
    tracker.lookAgain();
    expect(tracker.next()).toBeNull();
  });

  it('takes two frames in flight: both move the tracks, unless a search came back between them', () => {
    const tracker = new PeopleTracker(OPTIONS);
    const [id] = tracker.update([{ person: found(90, 40, 150, 160), poses: pose(100, 50) }], null).ids;
    const first = tracker.next();
    const second = tracker.next();
    tracker.update([{ person: first?.people[0] ?? null, poses: pose(110, 50) }], first);
    expect(tracker.update([{ person: second?.people[0] ?? null, poses: pose(120, 50) }], second).ids).toEqual([id]);
    const latest = tracker.next();
    expect(((latest?.people[0].x0 ?? 0) + (latest?.people[0].x1 ?? 0)) / 2).toBeCloseTo(140, 10);
    tracker.update([{ person: latest?.people[0] ?? null, poses: pose(130, 50) }], latest);
    // The search is due: one frame searches, and the frame planned while it runs reads the old track.
    expect(tracker.next()).toBeNull();
    const meanwhile = tracker.next();
    expect(meanwhile?.ids).toEqual([id]);
    tracker.update(
      [
        { person: found(135, 40, 195, 160), poses: pose(140, 50) },
        { person: found(400, 40, 460, 160), poses: pose(410, 50) },
      ],
      null,
    );
    // That frame is shown with its plan's id, but the two people the search found stay tracked.
    expect(tracker.update([{ person: meanwhile?.people[0] ?? null, poses: pose(150, 50) }], meanwhile).ids).toEqual([id]);
    expect(tracker.next()?.people).toHaveLength(2);
  });

  it("gives a still a second look only where the first reading's joints frame a clearly different box", () => {
    const look = { minPeak: 0.5, minJoints: 3 };
    const [last] = pose(100, 50);
    // The joints span 40×100 around (120, 100): cut as a labelled person is, a 160 px box there.
    expect(secondLookBox(last, boxAround({ x: 120, y: 100 }, 160), 1.6, look)).toBeNull();
    expect(secondLookBox(last, boxAround({ x: 125, y: 105 }, 150), 1.6, look)).toBeNull();
    const tooBig = secondLookBox(last, boxAround({ x: 120, y: 100 }, 240), 1.6, look);
    expect(tooBig?.wider).toBe(false);
    expect(tooBig?.box.side).toBeCloseTo(160, 10);
    const offCentre = secondLookBox(last, boxAround({ x: 160, y: 100 }, 160), 1.6, look)?.box;
    expect(offCentre && offCentre.x + offCentre.side / 2).toBeCloseTo(120, 10);
  });

  it('gives a still whose first reading frames nobody a wider look around the same centre', () => {
    const look = { minPeak: 0.5, minJoints: 3 };
    const wider = secondLookBox(pose(100, 50, 0.3)[0], boxAround({ x: 120, y: 100 }, 120), 1.6, look);
    expect(wider?.wider).toBe(true);
    expect(wider?.box.side).toBeGreaterThan(120);
    expect(wider && boxCentre(wider.box)).toEqual({ x: 120, y: 100 });
  });
});
