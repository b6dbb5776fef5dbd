import { useEffect, useRef } from 'react';
import { stageBeliefImage } from '../render/beliefImage';
import { CENTER_CSS, centerMapPixels, containedPoint, drawPersonBox, mapRect, personColour } from '../render/layers';
import { nearestPerson, personDistance } from '../pose/people';
import { drawSkeleton } from '../render/skeleton';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store';

function mapCanvas(rgba: Uint8ClampedArray, grid: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(grid, grid);
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(rgba), grid, grid), 0, 0);
  return canvas;
}

/** A click this close to a found person's box (in units of the picture's longer side) selects them. */
const SELECT_REACH = 0.05;

/**
 * The image with the selected person's belief map (selected stage) blended over it, every person's skeleton at that
 * stage in a box of their own colour, and the selected person's center map.
 */
export function PoseCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const { source, result, model, stage, selection, opacity, showCenterMap, poses, selected, set } = useApp(
    useShallow((s) => ({
      source: s.source,
      result: s.result,
      model: s.model,
      stage: s.stage,
      selection: s.selection,
      opacity: s.opacity,
      showCenterMap: s.showCenterMap,
      poses: s.poses,
      selected: s.selected,
      set: s.set,
    })),
  );

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !source?.bitmap) return;
    canvas.width = source.width;
    canvas.height = source.height;
    ctx.drawImage(source.bitmap, 0, 0);
    const reading = result?.readings[selected];
    if (!result || !reading || !model || result.width !== source.width || result.height !== source.height) return;
    const rect = mapRect(reading.box, model.grid, model.stride, model.inputSize);
    ctx.imageSmoothingEnabled = true;
    ctx.globalAlpha = opacity;
    ctx.drawImage(mapCanvas(stageBeliefImage(reading.maps, model, stage, selection).rgba, model.grid), rect.x, rect.y, rect.side, rect.side);
    ctx.globalAlpha = 0.7;
    if (showCenterMap) ctx.drawImage(mapCanvas(centerMapPixels(reading.centerMap), model.grid), rect.x, rect.y, rect.side, rect.side);
    ctx.globalAlpha = 1;
    const radius = Math.max(2, Math.max(source.width, source.height) / 150);
    // Keypoints are pixel-index coordinates; the canvas draws in edge coordinates (pose/box.ts).
    ctx.translate(0.5, 0.5);
    result.readings.forEach((r, i) => {
      const pose = poses?.[i]?.[stage - 1];
      if (r.person) drawPersonBox(ctx, r.person, personColour(i), radius / 2, i === selected);
      if (pose) drawSkeleton(ctx, pose.keypoints, model.edges, model.joints, radius, i === selected && typeof selection === 'number' ? selection : null);
    });
    ctx.strokeStyle = CENTER_CSS;
    ctx.lineWidth = radius / 2;
    ctx.strokeRect(reading.center.x - radius * 2, reading.center.y - radius * 2, radius * 4, radius * 4);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }, [source, result, model, stage, selection, opacity, showCenterMap, poses, selected]);

  if (!source?.bitmap) {
    return <div className="placeholder">Drop, paste or pick a photo, or start the camera.</div>;
  }
  return (
    <canvas
      ref={ref}
      id="overlay-canvas"
      data-testid="overlay"
      aria-label="Pose overlay: click a person to select them, or elsewhere to frame a person by hand"
      className="overlay"
      onClick={(e) => {
        const point = containedPoint({ x: e.clientX, y: e.clientY }, e.currentTarget.getBoundingClientRect(), source.width, source.height);
        const found = result?.readings.flatMap((r, i) => (r.person ? [{ i, person: r.person }] : [])) ?? [];
        const nearest = nearestPerson(found.map((f) => f.person), point);
        const reach = SELECT_REACH * Math.max(source.width, source.height);
        if (nearest !== null && personDistance(found[nearest].person, point) <= reach) set({ selected: found[nearest].i });
        else set({ center: point });
      }}
    />
  );
}
