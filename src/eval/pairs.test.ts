import { describe, expect, it } from 'vitest';
import { composePair, jointsInPair, pairCentre, peakInHalf } from './pairs';

const SIZE = 8;
/** An RGB cut whose red channel is its column index and green a marker. */
function cut(marker: number): Uint8Array {
  const rgb = new Uint8Array(SIZE * SIZE * 3);
  for (let i = 0; i < SIZE * SIZE; i += 1) rgb.set([i % SIZE, marker, 0], i * 3);
  return rgb;
}

describe('two-person pairs', () => {
  it('puts the middle half of each cut in its half of the crop, grey where a cut is missing', () => {
    const pair = composePair(cut(1), cut(2), SIZE, 128);
    const pixel = (x: number, y: number) => Array.from(pair.subarray((y * SIZE + x) * 4, (y * SIZE + x) * 4 + 4));
    expect(pixel(0, 3)).toEqual([2, 1, 0, 255]);
    expect(pixel(3, 3)).toEqual([5, 1, 0, 255]);
    expect(pixel(4, 3)).toEqual([2, 2, 0, 255]);
    expect(pixel(7, 7)).toEqual([5, 2, 0, 255]);
    const alone = composePair(cut(1), null, SIZE, 128);
    expect(Array.from(alone.subarray((3 * SIZE + 5) * 4, (3 * SIZE + 5) * 4 + 4))).toEqual([128, 128, 128, 255]);
  });

  it('moves labels with their cut and keeps only the joints inside their half', () => {
    const person = {
      rgb: cut(1),
      joints: [
        [4, 4],
        [1, 4],
        [5.4, 2],
        [4, 9],
      ] as [number, number][],
      labelled: [true, true, true, true],
      torso: 3,
    };
    const left = jointsInPair(person, 'left', SIZE);
    expect(left.joints[0]).toEqual([2, 4]);
    // Only the cut's columns 1.5…5.5 are shown: column 1 falls off the crop's left edge, 5.4 → 3.4 stays in the left
    // half, y = 9 is below the crop.
    expect(left.labelled).toEqual([true, false, true, false]);
    const right = jointsInPair(person, 'right', SIZE);
    expect(right.joints[0]).toEqual([6, 4]);
    // The same columns of the cut are shown in the right half (column 1 would land in the left half).
    expect(right.labelled).toEqual([true, false, true, false]);
    expect(pairCentre('left', SIZE)).toEqual({ x: 2, y: 4 });
    expect(pairCentre('right', SIZE)).toEqual({ x: 6, y: 4 });
  });

  it("finds a channel's peak among one half's columns only", () => {
    // 4×4 cells, 2 channels: channel 1's highest value is in the right half, its best in the left half at (1, 2).
    const maps = new Float32Array(4 * 4 * 2);
    maps[(0 * 4 + 3) * 2 + 1] = 9;
    maps[(2 * 4 + 1) * 2 + 1] = 5;
    maps[(3 * 4 + 0) * 2 + 0] = 7;
    expect(peakInHalf(maps, 4, 2, 1, 'left', 8)).toEqual([11.5, 19.5]);
    expect(peakInHalf(maps, 4, 2, 1, 'right', 8)).toEqual([27.5, 3.5]);
    expect(peakInHalf(maps, 4, 2, 0, 'left', 8)).toEqual([3.5, 27.5]);
  });
});
