import type { Picture } from '../estimator/types';
import { drawRect } from '../pose/box';

let inputCanvas: OffscreenCanvas | null = null;

/** One S×S canvas reused for every frame (a new canvas per frame would churn GPU-backed memory). */
function canvasOfSize(size: number): OffscreenCanvasRenderingContext2D {
  if (!inputCanvas || inputCanvas.width !== size) inputCanvas = new OffscreenCanvas(size, size);
  const ctx = inputCanvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas in the worker');
  return ctx;
}

/** A bitmap as the estimator's picture: boxes are cut by drawImage (bilinear) onto a pad-filled S×S canvas. */
export function canvasPicture(bitmap: ImageBitmap): Picture {
  const { width, height } = bitmap;
  return {
    width,
    height,
    crop(box, size, pad) {
      const ctx = canvasOfSize(size);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'low';
      ctx.fillStyle = `rgb(${pad}, ${pad}, ${pad})`;
      ctx.fillRect(0, 0, size, size);
      const { dx, dy, dw, dh } = drawRect(box, size, width, height);
      ctx.drawImage(bitmap, dx, dy, dw, dh);
      return ctx.getImageData(0, 0, size, size).data;
    },
  };
}
