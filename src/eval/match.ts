/**
 * Scoring poses found in a whole picture against its labelled persons: each labelled person is scored against the
 * found pose that gets most of their joints right (within PCK's 0.2 torso), each found pose used once.
 */
import { withinPck } from './pck';

type XY = [number, number];

export interface LabelledTruth {
  joints: XY[];
  labelled: boolean[];
  torso: number;
}

/** How many of the person's labelled joints the pose puts within 0.2 torso. */
export function jointHits(truth: LabelledTruth, pose: XY[]): number {
  return truth.labelled.reduce((hits, isLabelled, j) => {
    return isLabelled && withinPck(pose[j], truth.joints[j], truth.torso) ? hits + 1 : hits;
  }, 0);
}

/**
 * For each labelled person, the index of the pose matched to them, or null: pairs are taken greedily, most joint
 * hits first, a pose and a person at most once each; a pose with no hit on a person is no match.
 */
export function matchPoses(truths: LabelledTruth[], poses: XY[][]): (number | null)[] {
  const pairs = truths.flatMap((truth, t) => poses.map((pose, p) => ({ t, p, hits: jointHits(truth, pose) })));
  pairs.sort((a, b) => b.hits - a.hits || a.p - b.p);
  const matched: (number | null)[] = truths.map(() => null);
  const used = new Set<number>();
  for (const { t, p, hits } of pairs) {
    if (hits === 0 || matched[t] !== null || used.has(p)) continue;
    matched[t] = p;
    used.add(p);
  }
  return matched;
}

/** A person counts as found when their pose gets at least half of their labelled joints right. */
export function isFound(truth: LabelledTruth, pose: XY[] | null): boolean {
  if (!pose) return false;
  return 2 * jointHits(truth, pose) >= truth.labelled.filter(Boolean).length;
}
