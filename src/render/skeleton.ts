/** The part of CanvasRenderingContext2D the skeleton needs (so it can be tested with a fake). */
export interface DrawingContext {
  strokeStyle: string | CanvasGradient | CanvasPattern;
  fillStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
  setLineDash(segments: number[]): void;
}

export interface ScreenPoint {
  x: number;
  y: number;
}

/** Right limbs red-ish, left limbs blue-ish, head and neck white, as pose demos usually do. */
export function limbColour(joints: string[], a: number, b: number): string {
  const name = `${joints[a]} ${joints[b]}`;
  if (name.includes('right')) return '#ff5a36';
  if (name.includes('left')) return '#36a2ff';
  return '#ffffff';
}

/** How weak joints (stage-T peak below the card's weakPeak) are drawn: hollow with dashed limbs, or not at all. */
export type WeakStyle = 'hollow' | 'hidden';

export interface SkeletonStyle {
  radius: number;
  /** The joint drawn larger and yellow (the one whose belief map is shown), or null. */
  highlight: number | null;
  /** Per joint: whether it is weak. */
  weak: boolean[];
  weakStyle: WeakStyle;
}

export function drawSkeleton(ctx: DrawingContext, points: ScreenPoint[], edges: [number, number][], joints: string[], style: SkeletonStyle): void {
  const { radius, highlight, weak, weakStyle } = style;
  const hidden = (j: number): boolean => weak[j] && weakStyle === 'hidden';
  ctx.lineWidth = Math.max(1, radius * 0.6);
  for (const [a, b] of edges) {
    if (hidden(a) || hidden(b)) continue;
    ctx.strokeStyle = limbColour(joints, a, b);
    ctx.setLineDash(weak[a] || weak[b] ? [radius * 1.5, radius] : []);
    ctx.beginPath();
    ctx.moveTo(points[a].x, points[a].y);
    ctx.lineTo(points[b].x, points[b].y);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  points.forEach((p, j) => {
    if (hidden(j)) return;
    const colour = j === highlight ? '#ffe600' : '#ffffff';
    ctx.beginPath();
    ctx.arc(p.x, p.y, j === highlight ? radius * 1.6 : radius, 0, Math.PI * 2);
    if (weak[j]) {
      ctx.strokeStyle = colour;
      ctx.stroke();
    } else {
      ctx.fillStyle = colour;
      ctx.fill();
    }
  });
}
