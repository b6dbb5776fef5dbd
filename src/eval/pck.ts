import { type Box, boxAround } from '../pose/box';

/** PCK@0.2 as LSP reports it: a joint is correct within 0.2 × torso (R shoulder ↔ L hip, else L shoulder ↔ R hip). */
const PCK_FRACTION = 0.2;
const R_SHOULDER = 2;
const L_SHOULDER = 5;
const R_HIP = 8;
const L_HIP = 11;
/** The 12 joints that are neither head top nor neck. */
export const LIMB_JOINTS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

type Point = [number, number];

/** Whether a joint read at `predicted` is right: within PCK_FRACTION of the person's torso of where it is labelled. */
export function withinPck(predicted: Point, truth: Point, torso: number): boolean {
  return Math.hypot(predicted[0] - truth[0], predicted[1] - truth[1]) <= PCK_FRACTION * torso;
}

export function torsoLength(joints: Point[], labelled: boolean[]): number | null {
  const distance = (a: number, b: number): number => Math.hypot(joints[a][0] - joints[b][0], joints[a][1] - joints[b][1]);
  if (labelled[R_SHOULDER] && labelled[L_HIP]) return distance(R_SHOULDER, L_HIP);
  if (labelled[L_SHOULDER] && labelled[R_HIP]) return distance(L_SHOULDER, R_HIP);
  return null;
}

/** The evaluation crop: square, around the centre of the labelled joints' box, side = k × the box's larger side. */
export function labelBox(joints: Point[], labelled: boolean[], k: number): Box {
  const points = joints.filter((_, j) => labelled[j]);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return boxAround({ x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, Math.max(Math.max(x1 - x0, y1 - y0) * k, 16));
}

export interface StageScore {
  stage: number;
  pck: number;
  limbs: number;
  joints: Record<string, { hits: number; total: number }>;
}

export class PckCounter {
  private readonly hits: number[][];
  private readonly totals: number[];
  persons = 0;

  constructor(
    stages: number,
    private readonly names: string[],
  ) {
    this.hits = Array.from({ length: stages }, () => new Array<number>(names.length).fill(0));
    this.totals = new Array<number>(names.length).fill(0);
  }

  /** predicted[t][j]: stage t's joint j in image pixels; null when no pose was found for the person (all missed). */
  add(predicted: Point[][] | null, truth: Point[], labelled: boolean[], torso: number): void {
    this.persons += 1;
    labelled.forEach((isLabelled, j) => {
      if (!isLabelled) return;
      this.totals[j] += 1;
      predicted?.forEach((stage, t) => {
        if (withinPck(stage[j], truth[j], torso)) this.hits[t][j] += 1;
      });
    });
  }

  scores(): StageScore[] {
    const percent = (hits: number[], joints: number[]): number => {
      const total = joints.reduce((s, j) => s + this.totals[j], 0);
      return total === 0 ? 0 : (100 * joints.reduce((s, j) => s + hits[j], 0)) / total;
    };
    const all = this.names.map((_, j) => j);
    return this.hits.map((hits, t) => ({
      stage: t + 1,
      pck: percent(hits, all),
      limbs: percent(hits, LIMB_JOINTS),
      joints: Object.fromEntries(this.names.map((name, j) => [name, { hits: hits[j], total: this.totals[j] }])),
    }));
  }
}

/**
 * The report `npm run eval` prints: how many persons were found (at least half their joints right at stage T), a
 * line per stage, stage T's limb PCK, then a per-joint table.
 */
export function formatReport(scores: StageScore[], found: number, persons: number): string {
  const lines = [`found ${found}/${persons} persons (${((100 * found) / Math.max(1, persons)).toFixed(1)}%)`];
  lines.push(...scores.map((s) => `stage ${s.stage} PCK@0.2 ${s.pck.toFixed(1)}%`));
  const last = scores[scores.length - 1];
  lines.push(`limbs PCK@0.2 ${last.limbs.toFixed(1)}%`);
  for (const [name, { hits, total }] of Object.entries(last.joints)) {
    const value = total === 0 ? 0 : (100 * hits) / total;
    lines.push(`  ${name.padEnd(15)} ${value.toFixed(1).padStart(5)}%  (${hits}/${total})`);
  }
  return lines.join('\n');
}
