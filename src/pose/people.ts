/**
 * The people a person finder reports (MoveNet MultiPose's output layout), and the box the pose network reads each
 * one in. Pure: the finder's run is in src/estimator/personFinder.ts.
 */
import { type Box, type Point, boxAround, boxCentre, inputToImage } from './box';
import { type FinderBand, wholeInput } from './finderBand';
import { quantile } from './quantile';

/** The finder reports at most this many people in one reading (MoveNet MultiPose's fixed output). */
export const MAX_PERSONS = 6;
/** A row of the finder's output: 17 COCO keypoints × (y, x, score), then the box (ymin, xmin, ymax, xmax, score). */
const ROW = 56;
const KEYPOINTS = 17;

export interface FoundPerson {
  /** The finder's confidence that this is a person, 0…1. */
  score: number;
  /** The finder's box around the person, picture pixels. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The finder's 17 COCO keypoints, picture pixels. */
  keypoints: (Point & { score: number })[];
  /** Found too faintly to report (pose/tiles.ts, faintFindings): read, and kept only where the reading sees a person. */
  faint?: boolean;
}

/**
 * Which of the finder's rows are reported: every one scoring at least `min`; when none does, the best one alone if it
 * scores at least `lone` (a picture in which someone is faintly seen shows that one).
 */
export interface PersonScores {
  min: number;
  lone: number;
}

/**
 * The finder's [6, 56] output → every person it reports scoring at least `minScore`, in picture pixels. Coordinates are
 * fractions of the band of the finder's size×size input that it ran on (the whole input unless `band` says which,
 * pose/finderBand.ts), which showed `framing` of the picture; fractions are edge coordinates, so half an input pixel is
 * taken off before mapping back (pose/box.ts's convention).
 */
export function decodeFindings(output: Float32Array, framing: Box, size: number, minScore: number, band: FinderBand = wholeInput(size)): FoundPerson[] {
  const toPicture = (fy: number, fx: number): Point =>
    inputToImage(framing, size, { x: band.left + fx * band.cols - 0.5, y: band.top + fy * band.rows - 0.5 });
  const people: FoundPerson[] = [];
  for (let row = 0; row * ROW < output.length; row += 1) {
    const o = row * ROW;
    const score = output[o + KEYPOINTS * 3 + 4];
    if (!(score >= minScore)) continue;
    const keypoints = Array.from({ length: KEYPOINTS }, (_, k) => ({
      ...toPicture(output[o + 3 * k], output[o + 3 * k + 1]),
      score: output[o + 3 * k + 2],
    }));
    const topLeft = toPicture(output[o + KEYPOINTS * 3], output[o + KEYPOINTS * 3 + 1]);
    const bottomRight = toPicture(output[o + KEYPOINTS * 3 + 2], output[o + KEYPOINTS * 3 + 3]);
    people.push({ score, x0: topLeft.x, y0: topLeft.y, x1: bottomRight.x, y1: bottomRight.y, keypoints });
  }
  return people;
}

/**
 * Two boxes of which the smaller lies this much (its share of area) inside the larger are one person seen twice: the
 * finder sometimes reports a person twice, once whole and once their upper body, and a track can shrink onto a
 * person's upper body while another reads them whole. Two people side by side overlapping by half their width: 0.5.
 */
export const SAME_PERSON_COVER = 0.8;

const area = (p: FoundPerson): number => (p.x1 - p.x0) * (p.y1 - p.y0);

/** The area two people's boxes share. */
function sharedArea(a: FoundPerson, b: FoundPerson): number {
  const w = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const h = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  return w * h;
}

/** Intersection over union of two people's boxes. */
export function boxOverlap(a: FoundPerson, b: FoundPerson): number {
  const inter = sharedArea(a, b);
  return inter === 0 ? 0 : inter / (area(a) + area(b) - inter);
}

/** Whether two boxes are one person seen twice (SAME_PERSON_COVER). */
export function samePerson(a: FoundPerson, b: FoundPerson): boolean {
  const smaller = Math.min(area(a), area(b));
  return smaller > 0 && sharedArea(a, b) / smaller >= SAME_PERSON_COVER;
}

/**
 * Two skeletons stand on one person when the joints confident in both (at least `minJoints`) lie, in the median,
 * within this share of the larger one's box side of each other. A person read twice from two boxes a sixth of their
 * width apart measured 0.09; two people side by side, overlapping by half their width, stand about 0.3 apart.
 */
const SAME_SKELETON = 0.15;

/**
 * How far apart two people's skeletons stand: the median distance between the joints confident in both, as a share of
 * the larger box's side; null where fewer than `minJoints` are confident in both.
 */
function skeletonGap(a: FoundPerson, b: FoundPerson, minJoints: number): number | null {
  const distances = a.keypoints.flatMap((k, j) => {
    const o = b.keypoints[j];
    return o && k.score > 0 && o.score > 0 ? [Math.hypot(k.x - o.x, k.y - o.y)] : [];
  });
  const side = Math.max(a.x1 - a.x0, a.y1 - a.y0, b.x1 - b.x0, b.y1 - b.y0);
  return distances.length >= minJoints ? quantile(distances, 0.5) / side : null;
}

/** Whether two people (found, or framed from their poses by personFromPose) are one person's two skeletons. */
export function sameSkeleton(a: FoundPerson, b: FoundPerson, minJoints: number): boolean {
  const gap = skeletonGap(a, b, minJoints);
  return gap !== null && gap < SAME_SKELETON;
}

/** Two findings' skeletons are compared where this many joints are known in both (the finder gives all 17). */
const SAME_FINDING_JOINTS = 6;

/**
 * Whether two findings of one finder reading are one person seen twice: boxes one inside the other (samePerson), and
 * skeletons that agree where both are known. A person in front of another has a box inside theirs but a skeleton
 * of their own: on box cover alone, 32 of 524 MPII photos lost such a person. (Readings of two tiles are compared by
 * their boxes alone: a tile that cuts a person guesses the joints it cut off elsewhere.)
 */
export function sameFinding(a: FoundPerson, b: FoundPerson): boolean {
  if (!samePerson(a, b)) return false;
  const gap = skeletonGap(a, b, SAME_FINDING_JOINTS);
  return gap === null || gap < SAME_SKELETON;
}

/** `items` (best first) less any that `same` says is one before it. */
export function distinct<T>(items: T[], same: (kept: T, item: T) => boolean): T[] {
  const kept: T[] = [];
  for (const item of items) if (!kept.some((k) => same(k, item))) kept.push(item);
  return kept;
}

/** The people `scores` report among `people` (any order), best first, each once, at most `cap`. */
export function selectPersons(people: FoundPerson[], scores: PersonScores, cap = MAX_PERSONS): FoundPerson[] {
  const best = distinct([...people].sort((a, b) => b.score - a.score), sameFinding);
  const reported = best.filter((p) => p.score >= scores.min);
  return (reported.length > 0 ? reported : best.filter((p) => p.score >= scores.lone).slice(0, 1)).slice(0, cap);
}

/**
 * The finder's box is larger than the extent of a person's labelled joints (head top to ankles): the median ratio of
 * their longer sides is 1.23 on 150 LSPET training images and 1.17 on 150 MPII photos (measured with this finder).
 */
export const FINDER_BOX_PER_EXTENT = 1.2;

/**
 * The square box the pose network reads a found person in, cut as `npm run eval` cuts a labelled person: centred on
 * the person, `cropScale` (the member's evalCropScale) times the extent of their joints, here estimated from the
 * finder's box.
 */
export function readingBoxOf(person: FoundPerson, cropScale: number): Box {
  const centre = { x: (person.x0 + person.x1) / 2, y: (person.y0 + person.y1) / 2 };
  const extent = Math.max(person.x1 - person.x0, person.y1 - person.y0) / FINDER_BOX_PER_EXTENT;
  return boxAround(centre, cropScale * extent);
}

/** How far a point is from a found person's box (0 inside it). */
export function personDistance(person: FoundPerson, point: Point): number {
  const dx = Math.max(person.x0 - point.x, 0, point.x - person.x1);
  const dy = Math.max(person.y0 - point.y, 0, point.y - person.y1);
  return Math.hypot(dx, dy);
}

/**
 * The found person nearest to a point (distance to their box; 0 inside it; among overlapping boxes, the one whose
 * centre is nearest), or null when none was found.
 */
export function nearestPerson(people: FoundPerson[], point: Point): number | null {
  let best: number | null = null;
  let bestDistance = Infinity;
  people.forEach((p, i) => {
    const toCentre = Math.hypot((p.x0 + p.x1) / 2 - point.x, (p.y0 + p.y1) / 2 - point.y);
    // The centre distance only breaks ties between boxes the point is equally near (e.g. inside both).
    const distance = personDistance(p, point) + 1e-6 * toCentre;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  });
  return best;
}

/** The range of the "Box by hand" slider, in units of the picture's longer side, and its step. */
export const HAND_BOX = { min: 0.2, max: 3, step: 0.1 };

/**
 * The side of a box framed by hand around `point`, in units of the picture's longer side (on the slider's steps):
 * that of the reading box whose centre is nearest, since people near each other in a photo are seen at about the
 * same scale; null when nobody was found.
 */
export function handBoxSize(boxes: Box[], point: Point, longerSide: number): number | null {
  let nearest: Box | null = null;
  for (const box of boxes) {
    const distance = (b: Box): number => Math.hypot(boxCentre(b).x - point.x, boxCentre(b).y - point.y);
    if (!nearest || distance(box) < distance(nearest)) nearest = box;
  }
  if (!nearest) return null;
  const steps = Math.round(nearest.side / longerSide / HAND_BOX.step);
  return Math.min(HAND_BOX.max, Math.max(HAND_BOX.min, Number((steps * HAND_BOX.step).toFixed(1))));
}
