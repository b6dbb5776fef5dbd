import { fitWithin } from '../pose/box';
import type { SourceImage } from '../store';

/** Longest side handed to the worker. Larger images (e.g. 12000×12000) are downscaled while decoding. */
export const MAX_SIDE = 2048;

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
    if (original.width === 0 || original.height === 0) throw new Error('it has no pixels');
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
