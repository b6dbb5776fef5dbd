import type { StagePose } from './keypoints';

/**
 * The One Euro filter (Casiez, Roussel, Vogel, CHI 2012): a low-pass filter whose cut-off rises with speed, so a
 * still joint stops jittering while a moving one does not lag. Defaults are those of tfjs-models' keypoint smoothing,
 * for coordinates expressed as fractions of the person box.
 */
export interface OneEuroParams {
  minCutOff: number;
  beta: number;
  derivativeCutOff: number;
}

export const ONE_EURO_DEFAULTS: OneEuroParams = { minCutOff: 2.5, beta: 300, derivativeCutOff: 2.5 };

function alpha(cutOff: number, dt: number): number {
  const tau = 1 / (2 * Math.PI * cutOff);
  return 1 / (1 + tau / dt);
}

export class OneEuroFilter {
  private value: number | null = null;
  private derivative = 0;
  private time = 0;

  constructor(private readonly params: OneEuroParams = ONE_EURO_DEFAULTS) {}

  /** seconds: the sample's timestamp. */
  filter(value: number, seconds: number): number {
    if (this.value === null || seconds <= this.time) {
      this.value = this.value ?? value;
      this.time = seconds;
      return this.value;
    }
    const dt = seconds - this.time;
    const rawDerivative = (value - this.value) / dt;
    this.derivative += alpha(this.params.derivativeCutOff, dt) * (rawDerivative - this.derivative);
    const cutOff = this.params.minCutOff + this.params.beta * Math.abs(this.derivative);
    this.value += alpha(cutOff, dt) * (value - this.value);
    this.time = seconds;
    return this.value;
  }
}

export interface XY {
  x: number;
  y: number;
}

/** Smooths a fixed list of points over time; `scale` (the person box side) makes the filter resolution-free. */
export class PointSmoother {
  private filters: OneEuroFilter[] = [];

  constructor(private readonly params: OneEuroParams = ONE_EURO_DEFAULTS) {}

  smooth<T extends XY>(points: T[], milliseconds: number, scale: number): T[] {
    if (this.filters.length !== points.length * 2) {
      this.filters = Array.from({ length: points.length * 2 }, () => new OneEuroFilter(this.params));
    }
    const seconds = milliseconds / 1000;
    return points.map((p, i) => ({
      ...p,
      x: this.filters[2 * i].filter(p.x / scale, seconds) * scale,
      y: this.filters[2 * i + 1].filter(p.y / scale, seconds) * scale,
    }));
  }
}

/** One smoother per stage, so that every stage's skeleton is smoothed on its own (a camera's frames, in order). */
export class StageSmoother {
  private smoothers: PointSmoother[] = [];

  constructor(private readonly params: OneEuroParams = ONE_EURO_DEFAULTS) {}

  smooth(poses: StagePose[], milliseconds: number, scale: number): StagePose[] {
    return poses.map((pose, s) => {
      this.smoothers[s] = this.smoothers[s] ?? new PointSmoother(this.params);
      return { ...pose, keypoints: this.smoothers[s].smooth(pose.keypoints, milliseconds, scale) };
    });
  }
}
