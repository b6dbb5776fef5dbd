import { fitWithin } from '../pose/box';
import type { SourceImage } from '../store';

/** Longest side handed to the worker. Larger images (e.g. 12000×12000) are downscaled while decoding. */
export const MAX_SIDE = 2048;
/** Below this a side holds no person the network could read (its map cell alone is 8 input pixels). */
export const MIN_SIDE = 32;

/** Why a picture of this size cannot be read, or null when it can. */
export function sizeProblem(width: number, height: number): string | null {
  if (width === 0 || height === 0) return 'it has no pixels';
  if (Math.min(width, height) < MIN_SIDE) return `it is ${width}×${height} px, too small to read (at least ${MIN_SIDE} px a side)`;
  return null;
}

function imageSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new Error('not a readable image'));
    img.src = url;
  });
}

/** Decodes a user's file into a (possibly downscaled) bitmap; throws an Error whose message the page shows. */
export async function decodeImageFile(file: File): Promise<SourceImage> {
  const label = file.name || 'pasted image';
  if (file.size === 0) throw new Error(`${label} is empty (0 bytes)`);
  if (file.type && !file.type.startsWith('image/')) throw new Error(`${label} is not an image (${file.type})`);
  const url = URL.createObjectURL(file);
  try {
    const original = await imageSize(url);
    const problem = sizeProblem(original.width, original.height);
    if (problem) throw new Error(problem);
    const fitted = fitWithin(original.width, original.height, MAX_SIDE);
    const bitmap = await createImageBitmap(file, {
      resizeWidth: fitted.width,
      resizeHeight: fitted.height,
      resizeQuality: 'high',
    });
    return { kind: 'image', name: label, bitmap, width: fitted.width, height: fitted.height, toOriginal: original.width / fitted.width };
  } catch (error) {
    throw new Error(`could not open ${label}: ${(error as Error).message}`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
