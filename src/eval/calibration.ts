/**
 * How far a stage-T belief peak can be trusted: labelled joints binned by their peak, how often each bin is right
 * (PCK's 0.2 torso), and the peak below which a joint is more often wrong than right: the model card's `weakPeak`,
 * under which the app draws a joint hollow.
 */
import { withinPck } from './pck';

/** Bins of this width over 0…1 (a peak of 1 or more falls in the last). */
const BIN = 0.05;
const BINS = Math.round(1 / BIN);
/** A bin with fewer labelled joints says too little to set the threshold. */
const MIN_JOINTS = 20;

type XY = [number, number];

export interface PeakJoint {
  x: number;
  y: number;
  confidence: number;
}

const binOf = (peak: number): number => Math.max(0, Math.min(BINS - 1, Math.floor(peak / BIN)));

export class PeakCalibration {
  private readonly right = new Array<number>(BINS).fill(0);
  private readonly wrong = new Array<number>(BINS).fill(0);
  /** Joints without a label: in LSPET and MPII mostly out of the picture or hidden. */
  private readonly unlabelled = new Array<number>(BINS).fill(0);

  /** A person's stage-T joints against their labels (nothing to add when no pose was found for them). */
  add(pose: PeakJoint[] | null, truth: XY[], labelled: boolean[], torso: number): void {
    pose?.forEach((joint, j) => {
      const bin = binOf(joint.confidence);
      if (!labelled[j]) this.unlabelled[bin] += 1;
      else if (withinPck([joint.x, joint.y], truth[j], torso)) this.right[bin] += 1;
      else this.wrong[bin] += 1;
    });
  }

  /**
   * The upper edge of the highest bin (of at least MIN_JOINTS labelled joints) where joints are right less than half
   * the time; 0 when no bin is (no joint is weak).
   */
  weakPeak(): number {
    let edge = 0;
    for (let b = 0; b < BINS; b += 1) {
      const total = this.right[b] + this.wrong[b];
      if (total >= MIN_JOINTS && 2 * this.right[b] < total) edge = Number(((b + 1) * BIN).toFixed(2));
    }
    return edge;
  }

  /** The table `npm run eval --calibrate` prints, and what the threshold would hide. */
  format(): string {
    const lines = ['stage-T peak    right / labelled   unlabelled'];
    for (let b = 0; b < BINS; b += 1) {
      const total = this.right[b] + this.wrong[b];
      if (total + this.unlabelled[b] === 0) continue;
      const rate = total === 0 ? '' : `${((100 * this.right[b]) / total).toFixed(0).padStart(4)}%`;
      const range = `${(b * BIN).toFixed(2)}-${b === BINS - 1 ? '…   ' : ((b + 1) * BIN).toFixed(2)}`;
      lines.push(`  ${range}  ${`${this.right[b]}/${total}`.padStart(11)} ${rate.padEnd(5)}  ${String(this.unlabelled[b]).padStart(9)}`);
    }
    const weak = this.weakPeak();
    const below = (counts: number[]): number => counts.slice(0, Math.round(weak / BIN)).reduce((s, n) => s + n, 0);
    const share = (counts: number[]): string => {
      const all = counts.reduce((s, n) => s + n, 0);
      return `${((100 * below(counts)) / Math.max(1, all)).toFixed(1)}%`;
    };
    lines.push(
      `weak below ${weak.toFixed(2)}: hides ${share(this.wrong)} of wrong joints, ${share(this.right)} of right ones, ` +
        `${share(this.unlabelled)} of unlabelled ones`,
    );
    return lines.join('\n');
  }
}
