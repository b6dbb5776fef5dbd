import { describe, expect, it } from 'vitest';
import { decodeStages, peaksToKeypoints, poseDocument, stageSlice } from './keypoints';

const layout = { grid: 4, channels: 3, stride: 8, inputSize: 32 };

describe('keypoints', () => {
  it('maps input-pixel peaks into original-image pixels through the box', () => {
    const [k] = peaksToKeypoints([{ x: 16, y: 8, confidence: 0.9 }], ['head top'], { x: 10, y: 20, side: 64 }, 32, 2);
    expect(k).toEqual({ joint: 'head top', x: (10 + 32) * 2, y: (20 + 16) * 2, confidence: 0.9 });
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

  it('writes a JSON document a person can read back', () => {
    const doc = {
      model: { id: 'cpm-test', name: 'test', trained: false },
      image: { name: 'a.jpg', width: 10, height: 20 },
      center: { x: 5, y: 10 },
      scales: [1],
      flip: true,
      edges: [[0, 1]] as [number, number][],
      stages: [],
    };
    expect(JSON.parse(poseDocument(doc))).toEqual(doc);
  });
});
