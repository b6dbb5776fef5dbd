/** What the overlay canvas shows, drawn from the store's state over a picture (a still bitmap or the live video). */
import { weakJoints } from '../pose/keypoints';
import { stageBeliefImage } from '../render/beliefImage';
import { CENTER_CSS, centerMapPixels, drawPersonBox, mapRect, personColour } from '../render/layers';
import { fieldRect } from '../render/field';
import { drawSkeleton } from '../render/skeleton';
import type { PersonPose } from '../estimator/types';
import type { MapSelection } from '../render/beliefImage';
import { type AppState, clampSelected } from '../store';
import type { ModelSummary } from '../cpm/modelSummary';

const FIELD_CSS = '#ffe600';

function mapCanvas(rgba: Uint8ClampedArray, grid: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(grid, grid);
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(rgba), grid, grid), 0, 0);
  return canvas;
}

/**
 * The last map canvas made and what it was made from: the camera redraws every display frame, but a map changes
 * only with a new result, stage or joint.
 */
function memoised<A extends unknown[]>(make: (...inputs: A) => OffscreenCanvas): (...inputs: A) => OffscreenCanvas {
  let last: { inputs: A; canvas: OffscreenCanvas } | null = null;
  return (...inputs) => {
    if (last && last.inputs.every((v, i) => v === inputs[i])) return last.canvas;
    last = { inputs, canvas: make(...inputs) };
    return last.canvas;
  };
}

const beliefCanvas = memoised((reading: PersonPose, model: ModelSummary, stage: number, selection: MapSelection) =>
  mapCanvas(stageBeliefImage(reading.maps, model, stage, selection).rgba, model.grid),
);
const centerCanvas = memoised((reading: PersonPose, grid: number) => mapCanvas(centerMapPixels(reading.centerMap), grid));

/** The state a still image's drawing depends on (a new value of any of them redraws it). */
export function sceneInputs(s: AppState) {
  return {
    source: s.source,
    result: s.result,
    model: s.model,
    stage: s.stage,
    selection: s.selection,
    opacity: s.opacity,
    showCenterMap: s.showCenterMap,
    selected: s.selected,
    weakStyle: s.weakStyle,
    showField: s.showField,
    busy: s.estimating !== null,
  };
}

export function drawScene(ctx: CanvasRenderingContext2D, picture: CanvasImageSource, width: number, height: number, state: AppState): void {
  const { result, model, stage, selection, opacity, showCenterMap, weakStyle } = state;
  // The camera's newest result may hold fewer people than the one the panels show.
  const selected = result ? clampSelected(state.selected, result.people.length) : 0;
  if (ctx.canvas.width !== width || ctx.canvas.height !== height) {
    ctx.canvas.width = width;
    ctx.canvas.height = height;
  }
  ctx.drawImage(picture, 0, 0, width, height);
  const reading = result?.people[selected];
  if (!result || !reading || !model || result.width !== width || result.height !== height) return;
  const rect = mapRect(reading.box, model.grid, model.stride, model.inputSize);
  // While a new reading runs, the previous one stays, dimmed, so the picture never shows a stale answer as current.
  const dim = state.estimating ? 0.35 : 1;
  ctx.imageSmoothingEnabled = true;
  ctx.globalAlpha = opacity * dim;
  ctx.drawImage(beliefCanvas(reading, model, stage, selection), rect.x, rect.y, rect.side, rect.side);
  ctx.globalAlpha = 0.7 * dim;
  if (showCenterMap) ctx.drawImage(centerCanvas(reading, model.grid), rect.x, rect.y, rect.side, rect.side);
  ctx.globalAlpha = dim;
  const radius = Math.max(2, Math.max(width, height) / 150);
  // Keypoints are pixel-index coordinates; the canvas draws in edge coordinates (pose/box.ts).
  ctx.translate(0.5, 0.5);
  result.people.forEach((r, i) => {
    const stages = r.poses;
    const pose = stages[stage - 1];
    if (r.person) drawPersonBox(ctx, r.person, personColour(i), radius / 2, i === selected);
    if (!pose) return;
    // Weakness is the last stage's verdict (the card's threshold is calibrated there), shown at every stage.
    drawSkeleton(ctx, pose.keypoints, model.edges, model.joints, {
      radius,
      highlight: i === selected && typeof selection === 'number' ? selection : null,
      weak: weakJoints(stages[stages.length - 1], model.weakPeak),
      weakStyle,
    });
  });
  ctx.strokeStyle = CENTER_CSS;
  ctx.lineWidth = radius / 2;
  ctx.strokeRect(reading.center.x - radius * 2, reading.center.y - radius * 2, radius * 4, radius * 4);
  const peak = typeof selection === 'number' ? reading.poses[stage - 1]?.keypoints[selection] : undefined;
  if (state.showField && peak) {
    // What this stage's belief at the joint could see: its receptive field, clipped to the crop it was read in.
    const field = fieldRect(peak, model.receptiveFields[stage - 1], reading.box, model.inputSize, width, height);
    ctx.strokeStyle = FIELD_CSS;
    ctx.setLineDash([radius * 2, radius]);
    ctx.strokeRect(field.x, field.y, field.width, field.height);
    ctx.setLineDash([]);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
}
