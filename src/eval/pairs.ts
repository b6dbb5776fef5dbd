/**
 * The two-person check (does the center map decide whom the stages read?). Two labelled persons stand side by side
 * in one size×size crop: each cut out from their labels as `npm run eval` cuts them, and the middle half of each cut
 * (the person, who fills about the middle 60 %) put in its half of the crop: the first person on the left, the second
 * on the right. The same crop is read with the center map on one person, then on the other, and against a crop in
 * which the other half is empty (the target alone, read the same way), so only the distractor differs.
 */
import type { Point } from '../pose/box';
import { cellCentre } from '../pose/decode';

type XY = [number, number];
export type Half = 'left' | 'right';

/** A person cut out from their labels at the network's input size, with their labels in that cut's pixels. */
export interface PersonCut {
  /** size×size RGB. */
  rgb: Uint8Array;
  joints: XY[];
  labelled: boolean[];
  torso: number;
}

/** Where a person's cut lands in the pair: shifted a quarter of the crop left or right. */
const shiftOf = (half: Half, size: number): number => (half === 'left' ? -size / 4 : size / 4);

/**
 * The pair's crop (RGBA, size×size): columns size/4 … 3size/4 of each cut in its half; a null cut leaves its half
 * `pad` (the grey the network's crops are padded with).
 */
export function composePair(left: Uint8Array | null, right: Uint8Array | null, size: number, pad: number): Uint8Array {
  const out = new Uint8Array(size * size * 4).fill(pad);
  const half = size / 2;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const cut = x < half ? left : right;
      const o = (y * size + x) * 4;
      out[o + 3] = 255;
      if (!cut) continue;
      const source = (y * size + x + size / 4 - (x < half ? 0 : half)) * 3;
      out.set(cut.subarray(source, source + 3), o);
    }
  }
  return out;
}

/** A person's labels in the pair's pixels; a joint is labelled there only when it lies in their half of the crop. */
export function jointsInPair(cut: PersonCut, half: Half, size: number): { joints: XY[]; labelled: boolean[] } {
  const shift = shiftOf(half, size);
  const joints = cut.joints.map(([x, y]): XY => [x + shift, y]);
  const [x0, x1] = half === 'left' ? [0, size / 2] : [size / 2, size];
  const labelled = cut.labelled.map((isLabelled, j) => {
    const [x, y] = joints[j];
    return isLabelled && x >= x0 - 0.5 && x < x1 - 0.5 && y >= -0.5 && y < size - 0.5;
  });
  return { joints, labelled };
}

/** Where the center map goes to read the person in `half`: their cut's centre, moved with it. */
export function pairCentre(half: Half, size: number): Point {
  return { x: size / 2 + shiftOf(half, size), y: size / 2 };
}

/**
 * The peak of one channel of g×g×channels maps (HWC) among the columns of `half`, in input pixels (cell centres):
 * where a map puts a joint when it may only look at one person's side of the pair.
 */
export function peakInHalf(maps: Float32Array, grid: number, channels: number, channel: number, half: Half, stride: number): XY {
  const [x0, x1] = half === 'left' ? [0, grid / 2] : [grid / 2, grid];
  let best = -Infinity;
  let at: XY = [0, 0];
  for (let y = 0; y < grid; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const v = maps[(y * grid + x) * channels + channel];
      if (v > best) {
        best = v;
        at = [cellCentre(x, stride), cellCentre(y, stride)];
      }
    }
  }
  return at;
}
