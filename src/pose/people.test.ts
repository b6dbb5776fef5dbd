import { describe, expect, it } from 'vitest';
import type { Box } from './box';
import { FINDER_BOX_PER_EXTENT, type FoundPerson, MAX_PERSONS, type PersonScores, boxOverlap, decodeFindings, handBoxSize, nearestPerson, readingBoxOf, samePerson, selectPersons } from './people';

/** One row of the finder's output: keypoints all at (y, x) with `score`, the box, the box score. */
function row(y: number, x: number, box: [number, number, number, number], score: number): number[] {
  const keypoints = Array.from({ length: 17 }, () => [y, x, 0.9]).flat();
  return [...keypoints, ...box, score];
}

/** The finder's output as personFinder.ts reads it: every row, then the people `scores` report. */
const decodePersons = (output: Float32Array, framing: Box, size: number, scores: PersonScores): FoundPerson[] =>
  selectPersons(decodeFindings(output, framing, size, 0), scores);

const person = (x0: number, y0: number, x1: number, y1: number, score = 0.9): FoundPerson => ({ score, x0, y0, x1, y1, keypoints: [] });

describe('the person finder output', () => {
  it('maps fractions of the letterboxed input back to picture pixels, best first, weak ones dropped', () => {
    // A 200×100 picture letterboxed into 100×100: box { x: 0, y: -50, side: 200 }, 2 picture pixels per input pixel.
    const framing = { x: 0, y: -50, side: 200 };
    const output = Float32Array.from([...row(0.5, 0.5, [0.25, 0.1, 0.75, 0.3], 0.4), ...row(0, 0, [0, 0, 1, 1], 0.05), ...row(0.5, 0.5, [0.3, 0.5, 0.7, 0.9], 0.8)]);
    const people = decodePersons(output, framing, 100, { min: 0.1, lone: 0.01 });
    expect(people.map((p) => p.score)).toEqual([expect.closeTo(0.8, 6), expect.closeTo(0.4, 6)]);
    // Fraction 0.5 is input edge coordinate 50, input pixel 49.5, picture x 99 and y 49.
    const { x0, y0, x1, y1, keypoints } = people[1];
    [keypoints[0].x, keypoints[0].y, x0, y0, x1, y1].forEach((v, i) => expect(v).toBeCloseTo([99, 49, 19, -1, 59, 99][i], 4));
  });

  it('where no one reaches the minimum score, reports the best finding alone if it reaches the lone score', () => {
    const framing = { x: 0, y: 0, side: 100 };
    const faint = Float32Array.from([...row(0.5, 0.5, [0, 0, 1, 1], 0.04), ...row(0.5, 0.5, [0, 0, 0.5, 0.5], 0.06), ...row(0, 0, [0, 0, 1, 1], 0.02)]);
    expect(decodePersons(faint, framing, 100, { min: 0.1, lone: 0.03 }).map((p) => p.score)).toEqual([expect.closeTo(0.06, 6)]);
    expect(decodePersons(faint, framing, 100, { min: 0.1, lone: 0.07 })).toEqual([]);
    const clear = Float32Array.from([...faint, ...row(0.5, 0.5, [0, 0, 1, 1], 0.3)]);
    expect(decodePersons(clear, framing, 100, { min: 0.1, lone: 0.03 }).map((p) => p.score)).toEqual([expect.closeTo(0.3, 6)]);
  });

  it('maps fractions of a band of the input (pose/finderBand.ts) back to the same picture pixels as the whole input', () => {
    const framing = { x: 0, y: -50, side: 200 };
    // Rows 10…90 of the 100×100 input: fraction 0.5 of the band is input edge coordinate 50, as 0.5 of the whole is.
    const band = { top: 10, left: 0, rows: 80, cols: 100 };
    const inBand = decodeFindings(Float32Array.from(row(0.5, 0.5, [0.25, 0.1, 0.75, 0.3], 0.4)), framing, 100, 0, band)[0];
    const { x0, y0, x1, y1, keypoints } = inBand;
    [keypoints[0].x, keypoints[0].y, x0, y0, x1, y1].forEach((v, i) => expect(v).toBeCloseTo([99, 49, 19, 9, 59, 89][i], 4));
  });

  it('reports at most six people', () => {
    const rows = Array.from({ length: 8 }, (_, i) => row(0.5, 0.5, [0, i / 8, 1, (i + 1) / 8], 0.2 + i / 100)).flat();
    expect(decodePersons(Float32Array.from(rows), { x: 0, y: 0, side: 10 }, 10, { min: 0.1, lone: 0.01 })).toHaveLength(MAX_PERSONS);
  });

  it('reports a person found twice (whole, and their upper body) once, and neighbours overlapping by half both', () => {
    const whole = person(10, 10, 50, 110, 0.5);
    const upper = person(12, 8, 50, 60, 0.7);
    const neighbour = person(30, 10, 70, 110, 0.6);
    expect(selectPersons([whole, upper, neighbour], { min: 0.1, lone: 0.03 }).map((p) => p.score)).toEqual([0.7, 0.6]);
    expect(samePerson(whole, neighbour)).toBe(false);
    expect(boxOverlap(person(0, 0, 10, 10), person(5, 0, 15, 10))).toBeCloseTo(50 / 150, 10);
    expect(boxOverlap(person(0, 0, 10, 10), person(20, 0, 30, 10))).toBe(0);
  });

  it('reports a person in front of another, their box inside the other\'s, when their skeletons differ', () => {
    /** A finding whose 17 keypoints stand on a vertical line at x, from y0 to y1. */
    const standing = (box: [number, number, number, number], x: number, score: number): FoundPerson => ({
      ...person(...box, score),
      keypoints: Array.from({ length: 17 }, (_, j) => ({ x, y: box[1] + ((box[3] - box[1]) * j) / 16, score: 0.5 })),
    });
    const behind = standing([0, 0, 100, 200], 80, 0.8);
    const inFront = standing([10, 60, 60, 200], 35, 0.6);
    const upperBody = { ...person(50, 0, 100, 100, 0.5), keypoints: behind.keypoints };
    expect(samePerson(behind, inFront)).toBe(true);
    expect(selectPersons([behind, inFront, upperBody], { min: 0.1, lone: 0.03 }).map((p) => p.score)).toEqual([0.8, 0.6]);
  });
});

describe('reading a found person', () => {
  it('cuts the box the pose network reads around them at the member crop scale of their joints', () => {
    const box = readingBoxOf(person(10, 20, 50, 140), 1.6);
    const side = (1.6 * 120) / FINDER_BOX_PER_EXTENT;
    expect(box.side).toBeCloseTo(side, 10);
    expect(box.x + box.side / 2).toBeCloseTo(30, 10);
    expect(box.y + box.side / 2).toBeCloseTo(80, 10);
  });

  it('selects the person whose box is nearest a click, and among boxes holding it the one centred nearest', () => {
    const people = [person(0, 0, 100, 100), person(80, 0, 120, 100), person(300, 0, 400, 100)];
    expect(nearestPerson(people, { x: 90, y: 50 })).toBe(1);
    expect(nearestPerson(people, { x: 40, y: 50 })).toBe(0);
    expect(nearestPerson(people, { x: 250, y: 50 })).toBe(2);
    expect(nearestPerson([], { x: 0, y: 0 })).toBeNull();
  });

  it('sizes a box framed by hand like the reading box of the person found nearest, on the slider steps', () => {
    const boxes = [
      { x: 0, y: 0, side: 260 },
      { x: 500, y: 0, side: 410 },
    ];
    expect(handBoxSize(boxes, { x: 100, y: 400 }, 1000)).toBe(0.3);
    expect(handBoxSize(boxes, { x: 900, y: 100 }, 1000)).toBe(0.4);
    expect(handBoxSize([{ x: 0, y: 0, side: 5000 }], { x: 0, y: 0 }, 1000)).toBe(3);
    expect(handBoxSize([{ x: 0, y: 0, side: 40 }], { x: 0, y: 0 }, 1000)).toBe(0.2);
    expect(handBoxSize([], { x: 0, y: 0 }, 1000)).toBeNull();
  });
});
