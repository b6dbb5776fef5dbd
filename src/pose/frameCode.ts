/**
 * A video frame's number, written into the frame itself as a strip of black and white blocks (bottom left, most
 * significant bit first): the labelled test video carries it, and the page reads which frame is on screen and which
 * frame a result was read from, whatever the camera pipeline did to the frames' timing.
 */

/** BITS blocks of BLOCK×BLOCK pixels (in the video's own size), white for 1. */
export const CODE = { bits: 12, block: 6 };

/** Writes frame number f into an RGB frame (width × height, video pixels). */
export function writeCode(rgb: Uint8Array, width: number, height: number, f: number): void {
  const { bits, block } = CODE;
  for (let b = 0; b < bits; b += 1) {
    const on = (f >> (bits - 1 - b)) & 1 ? 255 : 0;
    for (let y = height - block; y < height; y += 1) rgb.fill(on, (y * width + b * block) * 3, (y * width + (b + 1) * block) * 3);
  }
}

/**
 * The frame number in a frame's RGBA pixels (width × height), `scale` frame pixels per video pixel (the camera may
 * deliver the video resized).
 */
export function readCode(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, scale = 1): number {
  const { bits, block } = CODE;
  const y = Math.floor(height - (block * scale) / 2);
  let f = 0;
  for (let b = 0; b < bits; b += 1) {
    const x = Math.floor((b + 0.5) * block * scale);
    const o = (y * width + x) * 4;
    f = (f << 1) | (rgba[o] + rgba[o + 1] + rgba[o + 2] > 3 * 128 ? 1 : 0);
  }
  return f;
}
