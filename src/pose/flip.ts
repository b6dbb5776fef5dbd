/**
 * Flip testing: the network also reads the mirrored crop; those maps, mirrored back with left and right joints
 * swapped, are averaged with the plain ones. Pixel i's centre is coordinate i (as in centerMap and decode), so
 * mirroring maps x to size - 1 - x.
 */

export function mirrorX(x: number, size: number): number {
  return size - 1 - x;
}

/** A size×size HWC image (or map stack) with its columns reversed. */
export function mirrorColumns(data: Float32Array, size: number, channels: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const from = (y * size + x) * channels;
      out.set(data.subarray(from, from + channels), (y * size + mirrorX(x, size)) * channels);
    }
  }
  return out;
}

/** Channel index map that swaps each left/right pair (the other channels, background included, stay). */
export function swapPermutation(channels: number, pairs: [number, number][]): number[] {
  const permutation = Array.from({ length: channels }, (_, c) => c);
  for (const [a, b] of pairs) {
    permutation[a] = b;
    permutation[b] = a;
  }
  return permutation;
}

/** Maps (grid×grid×channels HWC) computed on a mirrored input, in the original frame. */
export function unmirrorMaps(maps: Float32Array, grid: number, permutation: number[]): Float32Array {
  const channels = permutation.length;
  const mirrored = mirrorColumns(maps, grid, channels);
  const out = new Float32Array(maps.length);
  for (let cell = 0; cell < grid * grid; cell += 1) {
    const o = cell * channels;
    for (let c = 0; c < channels; c += 1) out[o + c] = mirrored[o + permutation[c]];
  }
  return out;
}

/** The plain maps and the mirrored input's maps brought back, averaged. */
export function flipAverage(plain: Float32Array, mirrored: Float32Array, grid: number, permutation: number[]): Float32Array {
  const back = unmirrorMaps(mirrored, grid, permutation);
  return plain.map((v, i) => (v + back[i]) / 2);
}

/** flipAverage for every stage: `plain[s]` and `mirrored[s]` are stage s's grid×grid×channels maps. */
export function flipAverageStages(
  plain: Float32Array[],
  mirrored: Float32Array[],
  grid: number,
  pairs: [number, number][],
): Float32Array[] {
  const permutation = swapPermutation(plain[0].length / (grid * grid), pairs);
  return plain.map((maps, s) => flipAverage(maps, mirrored[s], grid, permutation));
}
