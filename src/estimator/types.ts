/** The estimator's types: a picture in, how to read it (EstimationConfig), what it found (PoseEstimate) out. */
import type { Box, Point } from '../pose/box';
import type { StagePose } from '../pose/keypoints';
import type { FoundPerson, PersonScores } from '../pose/people';

/** A picture the estimator reads: its size, and a way to cut a box out of it at a network's input size. */
export interface Picture {
  width: number;
  height: number;
  /** `box` resampled to size×size (RGBA or RGB, row-major), `pad` outside the picture; box.ts's pixel convention. */
  crop(box: Box, size: number, pad: number): Uint8Array | Uint8ClampedArray;
}

/** A still is read once, as well as it can be; a video's frames follow one another, each person tracked. */
export type EstimationMode = 'still' | 'video';

/**
 * How far an estimation is: sent off (`starting`, the page's own), finding the people, or reading person `person`
 * (from 1) of `persons` up to `stage`.
 */
export type EstimationProgress =
  | { phase: 'starting' }
  | { phase: 'finding' }
  | { phase: 'reading'; person: number; persons: number; stage: number };

/** How to read a picture: the one settings object of estimatePoses, the same for the app, the scripts and the tests. */
export interface EstimationConfig {
  mode: EstimationMode;
  /** A person framed by hand, read besides the people: its centre is where the center map points. */
  handBox?: Box;
  /** Where the center map points in handBox, picture pixels; its centre when absent (the two-person check moves it). */
  center?: Point;
  /**
   * The people to read, already found in this very picture (a still read again; `[]`: the hand box alone). Absent:
   * whoever the person finder sees (a still), or the people tracked from the last frame (a video).
   */
  people?: FoundPerson[];
  /** Also read the mirrored crop and average its maps (left and right swapped back) with the plain ones. */
  flip?: boolean;
  /** Read each person at MULTI_SCALES and average the maps (the paper's multi-scale testing). */
  multiScale?: boolean;
  /** Video: smooth each tracked person's joints over time (One Euro); on unless false. */
  smooth?: boolean;
  /** Read each stage back as it completes and time it (a GPU round trip per stage). */
  timeStages?: boolean;
  /** Video: when the frame was captured, milliseconds (performance.now()); for smoothing and track expiry. */
  timestamp?: number;
  onProgress?: (progress: EstimationProgress) => void;
}

/** One person's reading: where they were read, every stage's belief maps and skeleton, in picture pixels. */
export interface PersonPose {
  /** The person's track id in a video (their own smoothing), their rank in a still; 0 for the box framed by hand. */
  id: number;
  /** What the finder (or a video's tracking) saw: null for the box framed by hand. */
  person: FoundPerson | null;
  /** The box read at scale 1: the maps are expressed in it. */
  box: Box;
  /** The center map's peak, picture pixels. */
  center: Point;
  /** stages × g × g × channels (HWC per stage), averaged over scales (and the flip test). */
  maps: Float32Array;
  /** g × g center map of the box. */
  centerMap: Float32Array;
  /** Milliseconds until each stage's maps were read back (summed over scales and flips). */
  stageMs: number[];
  /** Every stage's skeleton, picture pixels (smoothed over time in a video, unless `smooth` is false). */
  poses: StagePose[];
}

/** What estimatePoses found in a picture. */
export interface PoseEstimate {
  mode: EstimationMode;
  /** The picture's size: the coordinates' frame of reference. */
  width: number;
  height: number;
  timestamp: number;
  flip: boolean;
  scales: number[];
  /**
   * The people the finder reported in this picture, its faint findings only where a trial reading saw a person (null
   * when it did not run).
   */
  found: FoundPerson[] | null;
  /** How long the finder ran, null when it did not. */
  finderMs: number | null;
  /** Every person read, best finder score first, then the box framed by hand. */
  people: PersonPose[];
  stagesTimed: boolean;
  totalMs: number;
}

/**
 * How the person finder looks: which findings it reports (`min`, `lone`: pose/people.ts), at most `cap` of them, and
 * whether it also reads overlapping tiles of the picture (pose/tiles.ts).
 */
export interface PersonSearch extends PersonScores {
  cap: number;
  tiles: boolean;
}

/** What the estimator takes from a model card (createEstimator's options may override any of them). */
export interface EstimatorSettings {
  /** The box around a person the model reads, in units of the person's size (its evalCropScale). */
  cropScale: number;
  /** The box read when there is no finder, in units of the picture's longer side. */
  boxSize: number;
  /** A stage-T peak below this is a weak joint: it frames no box. */
  weakPeak: number;
  /** A still's person is read again where their first reading's confident joints frame a clearly different box. */
  secondLook: boolean;
  /** How the finder looks for people, and which of its findings are read, per mode. */
  search: Record<EstimationMode, PersonSearch>;
  joints: string[];
  flipPairs: [number, number][];
}
