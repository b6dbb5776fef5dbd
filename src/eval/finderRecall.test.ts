import { describe, expect, it } from 'vitest';
import type { FoundPerson } from '../pose/people';
import { FinderRecall, formatRecall } from './finderRecall';

const person = (x0: number, score: number): FoundPerson => ({ score, x0, y0: 0, x1: x0 + 10, y1: 20, keypoints: [] });
/** A labelled person's box centred at (cx, 10). */
const labelled = (cx: number) => ({ x: cx - 5, y: 5, side: 10 });

describe('the person finder recall', () => {
  it('counts the labelled persons whose centre lies in a reported box, the boxes and the empty pictures, per rule', () => {
    const recall = new FinderRecall([
      ['min 0.1', { min: 0.1, lone: 1 }],
      ['min 0.05', { min: 0.05, lone: 1 }],
      ['min 0.1, lone 0.03', { min: 0.1, lone: 0.03 }],
    ]);
    // Picture 1: a spectator at 0.3 (x 0…10), the labelled athlete at 0.07 (x 20…30).
    recall.add([person(0, 0.3), person(20, 0.07)], [labelled(25)]);
    // Picture 2: a gymnast the finder barely sees (0.04), a labelled person nobody boxes.
    recall.add([person(40, 0.04)], [labelled(45), labelled(100)]);
    const rows = recall.results();
    expect(rows.map((r) => [r.framed, r.persons, r.boxes, r.nobody])).toEqual([
      [0, 3, 1, 1],
      [1, 3, 2, 1],
      [1, 3, 2, 0],
    ]);
    expect(formatRecall(rows)).toContain('1/3 (33.3%)');
  });
});
