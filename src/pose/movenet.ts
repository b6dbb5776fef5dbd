/**
 * MoveNet SinglePose's output as Google's examples read it (pure): its 17 COCO keypoints in picture pixels, mapped to
 * CPM's 14 joints, and the crop its cropping algorithm puts around them for the next frame.
 */
import { FAMILY } from '../cpm/architecture';
import { type Box, type Point, boxAround, framingBox, inputToImage } from './box';
import type { StagePose } from './keypoints';

/** MoveNet's examples trust a keypoint for cropping above this score. */
const CROP_SCORE = 0.2;

/** COCO keypoint per CPM joint; head top has none (the nose stands in, unscored) and neck none (shoulders' middle). */
export const COCO_OF_CPM = [0, -1, 6, 8, 10, 5, 7, 9, 12, 14, 16, 11, 13, 15];
const [L_SHOULDER, R_SHOULDER, L_HIP, R_HIP] = [5, 6, 11, 12];

export type CocoKeypoint = Point & { score: number };

export function cocoToCpm(keypoints: CocoKeypoint[]): StagePose['keypoints'] {
  return COCO_OF_CPM.map((k, j) => {
    const p =
      k >= 0
        ? keypoints[k]
        : {
            x: (keypoints[L_SHOULDER].x + keypoints[R_SHOULDER].x) / 2,
            y: (keypoints[L_SHOULDER].y + keypoints[R_SHOULDER].y) / 2,
            score: Math.min(keypoints[L_SHOULDER].score, keypoints[R_SHOULDER].score),
          };
    return { joint: FAMILY.joints[j], x: p.x, y: p.y, confidence: p.score, peak: p.score };
  });
}

/**
 * MoveNet's cropping (the TensorFlow Hub tutorial's determine_crop_region): a square around the hips' middle, wide
 * enough for 1.9 × the torso's and 1.2 × the body's reach; the whole picture (letterboxed) when the torso is not
 * seen or the square would outgrow it.
 */
export function movenetCrop(keypoints: CocoKeypoint[], width: number, height: number): Box {
  const whole = framingBox(width, height, null, 1);
  const seen = (k: number): boolean => keypoints[k].score > CROP_SCORE;
  if (!((seen(L_HIP) || seen(R_HIP)) && (seen(L_SHOULDER) || seen(R_SHOULDER)))) return whole;
  const centre = { x: (keypoints[L_HIP].x + keypoints[R_HIP].x) / 2, y: (keypoints[L_HIP].y + keypoints[R_HIP].y) / 2 };
  const reach = (ks: number[]): number =>
    Math.max(0, ...ks.filter(seen).map((k) => Math.max(Math.abs(keypoints[k].x - centre.x), Math.abs(keypoints[k].y - centre.y))));
  const all = keypoints.map((_, k) => k);
  let half = Math.max(1.9 * reach([L_SHOULDER, R_SHOULDER, L_HIP, R_HIP]), 1.2 * reach(all));
  half = Math.min(half, Math.max(centre.x, width - centre.x, centre.y, height - centre.y));
  return half > Math.max(width, height) / 2 ? whole : boxAround(centre, 2 * half);
}

/** MoveNet's [1, 1, 17, 3] output for `box` read at size×size → its keypoints in picture pixels. */
export function movenetKeypoints(data: Float32Array, box: Box, size: number): CocoKeypoint[] {
  // (y, x, score) as fractions of the input, edge coordinates (pose/box.ts: half an input pixel off).
  return Array.from({ length: 17 }, (_, k) => ({
    ...inputToImage(box, size, { x: data[3 * k + 1] * size - 0.5, y: data[3 * k] * size - 0.5 }),
    score: data[3 * k + 2],
  }));
}
