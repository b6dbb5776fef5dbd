/** One row of the page's keypoint table, in original-image pixels. */
export interface TableKeypoint {
  joint: string;
  x: number;
  y: number;
}

const mid = (a: TableKeypoint, b: TableKeypoint): { x: number; y: number } => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const distance = (a: { x: number; y: number }, b: { x: number; y: number }): number => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Why a pose is not a person's, or [] if it is plausible: every joint inside the image, the head above the hips,
 * each wrist within arm's reach of its elbow (1.5 upper arms, or 0.6 torso when the upper arm is foreshortened: an
 * adult's forearm is about 0.55 of the shoulders-to-hips torso; nadal.png's racket arm, crossed in front of the body
 * and correctly found, was just over 0.5).
 */
export function implausibilities(points: TableKeypoint[], width: number, height: number): string[] {
  const at = new Map(points.map((p) => [p.joint, p]));
  const get = (name: string): TableKeypoint => {
    const point = at.get(name);
    if (!point) throw new Error(`no keypoint named ${name}`);
    return point;
  };
  const problems: string[] = [];
  for (const p of points) {
    if (p.x < 0 || p.y < 0 || p.x >= width || p.y >= height) problems.push(`${p.joint} outside the image`);
  }
  const hips = mid(get('right hip'), get('left hip'));
  const shoulders = mid(get('right shoulder'), get('left shoulder'));
  const torso = distance(hips, shoulders);
  if (torso < 0.05 * Math.max(width, height)) problems.push('no torso: shoulders and hips coincide');
  if (!(get('head top').y < hips.y - 0.5 * torso)) problems.push('head top is not above the hips');
  for (const side of ['right', 'left']) {
    const elbow = get(`${side} elbow`);
    const reach = Math.max(1.5 * distance(elbow, get(`${side} shoulder`)), 0.6 * torso);
    if (distance(get(`${side} wrist`), elbow) > reach) problems.push(`${side} wrist is out of its elbow's reach`);
  }
  return problems;
}
