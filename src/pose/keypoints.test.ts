import { describe, expect, it } from 'vitest';
import { decodeStages, peaksToKeypoints, personDocument, poseDocument, stageSlice } from './keypoints';

const layout = { grid: 4, channels: 3, stride: 8, inputSize: 32 };

describe('keypoints', () => {
  it('maps input-pixel peaks into original-image pixels through the box', () => {
    const [k] = peaksToKeypoints([{ x: 16, y: 8, confidence: 0.9 }], ['head top'], { x: 10, y: 20, side: 64 }, 32, 2);
    expect(k).toEqual({ joint: 'head top', x: (10 + 32) * 2, y: (20 + 16) * 2, confidence: 0.9, peak: 0.9 });
  });

  it('reports a confidence in 0…1 and keeps the raw peak beside it', () => {
    const box = { x: 0, y: 0, side: 32 };
    const [over, under] = peaksToKeypoints([{ x: 0, y: 0, confidence: 1.06 }, { x: 0, y: 0, confidence: -0.02 }], ['a', 'b'], box, 32);
    expect(over).toMatchObject({ confidence: 1, peak: 1.06 });
    expect(under).toMatchObject({ confidence: 0, peak: -0.02 });
  });

  it('slices stages and decodes each one', () => {
    const size = 4 * 4 * 3;
    const maps = new Float32Array(2 * size);
    maps[(1 * 4 + 2) * 3] = 1; // stage 1, joint 0 at cell (2, 1)
    maps[size + (3 * 4 + 0) * 3] = 1; // stage 2, joint 0 at cell (0, 3)
    expect(stageSlice(maps, layout, 2)[(3 * 4 + 0) * 3]).toBe(1);
    const poses = decodeStages(maps, 2, layout, ['a', 'b'], { x: 0, y: 0, side: 32 });
    expect(poses.map((p) => p.stage)).toEqual([1, 2]);
    expect(poses[0].keypoints[0]).toMatchObject({ joint: 'a', x: 2 * 8 + 3.5, y: 1 * 8 + 3.5, confidence: 1 });
    expect(poses[1].keypoints[0]).toMatchObject({ x: 3.5, y: 3 * 8 + 3.5 });
  });

  it('writes a JSON document a person can read back, every person in original-image pixels', () => {
    const stages = [
      { stage: 1, keypoints: [{ joint: 'a', x: 1, y: 2, confidence: 0.5, peak: 0.5 }] },
      {
        stage: 2,
        keypoints: [
          { joint: 'a', x: 1, y: 2, confidence: 0.2, peak: 0.2 },
          { joint: 'b', x: 3, y: 2, confidence: 0.7, peak: 0.7 },
        ],
      },
    ];
    const found = { score: 0.8, x0: 0, y0: 1, x1: 2, y1: 5 };
    const person = personDocument({ person: found, box: { x: -1, y: 2, side: 4 }, center: { x: 1, y: 4 } }, stages, 2, 0.3);
    expect(person).toEqual({
      finderScore: 0.8,
      finderBox: [0, 2, 4, 10],
      box: { x: -2, y: 4, side: 8 },
      center: { x: 2, y: 8 },
      stages: [
        { stage: 1, keypoints: [{ joint: 'a', x: 2, y: 4, confidence: 0.5, peak: 0.5 }] },
        {
          stage: 2,
          keypoints: [
            { joint: 'a', x: 2, y: 4, confidence: 0.2, peak: 0.2 },
            { joint: 'b', x: 6, y: 4, confidence: 0.7, peak: 0.7 },
          ],
        },
      ],
      // Weak by the last stage's peak only (0.2 < 0.3), not by stage 1's.
      weakJoints: ['a'],
    });
    const byHand = personDocument({ person: null, box: { x: 0, y: 0, side: 1 }, center: { x: 0.5, y: 0.5 } }, [], 1, 0.3);
    const doc = {
      model: { id: 'cpm-test', name: 'test', trained: false },
      image: { name: 'a.jpg', width: 10, height: 20 },
      config: { mode: 'still', flip: true },
      scales: [1],
      flip: true,
      edges: [[0, 1]] as [number, number][],
      weakPeak: 0.3,
      people: [person, byHand],
      selected: 0,
      center: person.center,
      stages: person.stages,
    };
    expect(byHand.finderScore).toBeNull();
    expect(byHand.finderBox).toBeNull();
    expect(byHand.weakJoints).toEqual([]);
    expect(JSON.parse(poseDocument(doc))).toEqual(doc);
  });
});
