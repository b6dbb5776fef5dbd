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

export function drawSkeleton(
  ctx: DrawingContext,
  points: ScreenPoint[],
  edges: [number, number][],
  joints: string[],
  radius: number,
  highlight: number | null = null,
): void {
  ctx.lineWidth = Math.max(1, radius * 0.6);
  for (const [a, b] of edges) {
    ctx.strokeStyle = limbColour(joints, a, b);
    ctx.beginPath();
    ctx.moveTo(points[a].x, points[a].y);
    ctx.lineTo(points[b].x, points[b].y);
    ctx.stroke();
  }
  points.forEach((p, j) => {
    ctx.fillStyle = j === highlight ? '#ffe600' : '#ffffff';
    ctx.beginPath();
    ctx.arc(p.x, p.y, j === highlight ? radius * 1.6 : radius, 0, Math.PI * 2);
    ctx.fill();
  });
}
