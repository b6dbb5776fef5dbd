import { useEffect, useRef } from 'react';
import { stageBeliefImage } from '../render/beliefImage';
import { CENTER_CSS, centerMapPixels, containedPoint, mapRect } from '../render/layers';
import { drawSkeleton } from '../render/skeleton';
import { useApp } from '../store';

function mapCanvas(rgba: Uint8ClampedArray, grid: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(grid, grid);
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(rgba), grid, grid), 0, 0);
  return canvas;
}

/** The image with the selected stage's belief map blended over it, the skeleton that stage decodes, and the centre. */
export function PoseCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const source = useApp((s) => s.source);
  const result = useApp((s) => s.result);
  const model = useApp((s) => s.model);
  const stage = useApp((s) => s.stage);
  const selection = useApp((s) => s.selection);
  const opacity = useApp((s) => s.opacity);
  const showCenterMap = useApp((s) => s.showCenterMap);
  const poses = useApp((s) => s.poses);
  const set = useApp((s) => s.set);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !source?.bitmap) return;
    canvas.width = source.width;
    canvas.height = source.height;
    ctx.drawImage(source.bitmap, 0, 0);
    if (!result || !model || result.width !== source.width || result.height !== source.height) return;
    const rect = mapRect(result.box, model.grid, model.stride, model.inputSize);
    ctx.imageSmoothingEnabled = true;
    ctx.globalAlpha = opacity;
    ctx.drawImage(mapCanvas(stageBeliefImage(result.maps, model, stage, selection).rgba, model.grid), rect.x, rect.y, rect.side, rect.side);
    ctx.globalAlpha = 0.7;
    if (showCenterMap) ctx.drawImage(mapCanvas(centerMapPixels(result.centerMap), model.grid), rect.x, rect.y, rect.side, rect.side);
    ctx.globalAlpha = 1;
    const radius = Math.max(2, Math.max(source.width, source.height) / 150);
    const pose = poses?.[stage - 1];
    // Keypoints are pixel-index coordinates; the canvas draws in edge coordinates (pose/box.ts).
    ctx.translate(0.5, 0.5);
    if (pose) drawSkeleton(ctx, pose.keypoints, model.edges, model.joints, radius, typeof selection === 'number' ? selection : null);
    ctx.strokeStyle = CENTER_CSS;
    ctx.lineWidth = radius / 2;
    ctx.strokeRect(result.center.x - radius * 2, result.center.y - radius * 2, radius * 4, radius * 4);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }, [source, result, model, stage, selection, opacity, showCenterMap, poses]);

  if (!source?.bitmap) {
    return <div className="placeholder">Drop, paste or pick a photo, or start the camera.</div>;
  }
  return (
    <canvas
      ref={ref}
      id="overlay-canvas"
      data-testid="overlay"
      aria-label="Pose overlay: click a person to move the center map there"
      className="overlay"
      onClick={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        set({ center: containedPoint({ x: e.clientX, y: e.clientY }, rect, source.width, source.height) });
      }}
    />
  );
}
