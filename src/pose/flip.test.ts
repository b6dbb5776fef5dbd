import { describe, expect, it } from 'vitest';
import { FAMILY, NUM_MAPS } from '../cpm/architecture';
import { cellCentre, decodePeaks } from './decode';
import { flipAverage, flipAverageStages, mirrorColumns, mirrorX, swapPermutation, unmirrorMaps } from './flip';

const GRID = 4;

describe('flip testing', () => {
  it('mirrors columns of an HWC image and maps a cell centre onto the mirrored cell centre', () => {
    const image = Float32Array.from({ length: 2 * 2 * 3 }, (_, i) => i);
    expect(Array.from(mirrorColumns(image, 2, 3))).toEqual([3, 4, 5, 0, 1, 2, 9, 10, 11, 6, 7, 8]);
    expect(mirrorX(cellCentre(1, 8), 32)).toBe(cellCentre(2, 8));
  });

  it('swaps left and right joints and keeps the background', () => {
    const permutation = swapPermutation(NUM_MAPS, FAMILY.flipPairs);
    expect(permutation[2]).toBe(5); // right shoulder <-> left shoulder
    expect(permutation[13]).toBe(10); // left ankle <-> right ankle
    expect(permutation[0]).toBe(0);
    expect(permutation[NUM_MAPS - 1]).toBe(NUM_MAPS - 1);
  });

  it("brings a mirrored input's right-wrist peak back as a left-wrist peak in the mirrored column", () => {
    const permutation = swapPermutation(NUM_MAPS, FAMILY.flipPairs);
    const maps = new Float32Array(GRID * GRID * NUM_MAPS);
    maps[(1 * GRID + 0) * NUM_MAPS + 4] = 1; // right wrist at column 0, row 1 of the mirrored input
    const back = unmirrorMaps(maps, GRID, permutation);
    const peaks = decodePeaks(back, GRID, NUM_MAPS, 8, 14);
    expect(back[(1 * GRID + 3) * NUM_MAPS + 7]).toBe(1); // left wrist, column 3
    expect(peaks[7].confidence).toBe(1);
  });

  it('averages plain and mirrored maps, so that a map seen the same both ways is unchanged', () => {
    const permutation = swapPermutation(NUM_MAPS, FAMILY.flipPairs);
    const plain = Float32Array.from({ length: GRID * GRID * NUM_MAPS }, (_, i) => (i % 7) / 7);
    const mirrored = unmirrorMaps(plain, GRID, permutation); // what the network would see on the mirrored input
    const averaged = flipAverage(plain, mirrored, GRID, permutation);
    averaged.forEach((v, i) => expect(v).toBeCloseTo(plain[i], 6));
  });

  it('averages every stage with its own mirrored maps, the channel count read from the maps', () => {
    const permutation = swapPermutation(NUM_MAPS, FAMILY.flipPairs);
    const stage = (k: number) => Float32Array.from({ length: GRID * GRID * NUM_MAPS }, (_, i) => ((i * k) % 11) / 11);
    const plain = [stage(1), stage(3)];
    const mirrored = [stage(5), stage(7)];
    const averaged = flipAverageStages(plain, mirrored, GRID, FAMILY.flipPairs);
    expect(averaged).toHaveLength(2);
    averaged.forEach((maps, s) => expect(Array.from(maps)).toEqual(Array.from(flipAverage(plain[s], mirrored[s], GRID, permutation))));
  });
});
