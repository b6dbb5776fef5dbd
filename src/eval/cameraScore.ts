/**
 * Scores the camera as a user sees it (npm run bench -- --camera): the results drawn while the labelled walking video
 * played (devtools' recordCamera), each against the labels of the video frame on screen when it was drawn, so that
 * lag counts. Ghosts, entries, rate and latency, from the same record.
 */
import type { CameraEntry } from '../devtools/protocol';
import { type LabelledTruth, jointHits, matchPoses } from './match';
import { torsoLength } from './pck';
import { quantile } from '../pose/quantile';
import { SCRIPT, type WalkLabels, type WalkerTruth } from './walkVideo';

export interface CameraScore {
  results: number;
  resultsPerSecond: number;
  latencyMs: { median: number; p90: number };
  /** The median time the worker took to read a frame without the finder: one reading, what latency is held against. */
  readingMs: number;
  /** Results after the first whose drawn skeleton stands where nobody is. */
  ghosts: number;
  /** Per entrance (A comes back, B enters): results from the first one drawn over it to the first that shows them. */
  entry: number[];
  /** PCK@0.2 of the drawn skeletons against the frame on screen, over every labelled joint of every walker shown. */
  pck: number;
}

type XY = [number, number];

/** Where a drawn skeleton stands: the middle of its keypoints' box, video pixels. */
function middle(keypoints: { x: number; y: number }[], scale: number): XY {
  const xs = keypoints.map((k) => k.x / scale);
  const ys = keypoints.map((k) => k.y / scale);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

const inside = ([x, y]: XY, w: WalkerTruth): boolean => x >= w.x0 && x <= w.x1 && y >= w.y0 && y <= w.y1;

/** The walkers of frame f (the video loops). */
function walkersOf(labels: WalkLabels, f: number): WalkerTruth[] {
  return labels.frames[f % labels.frames.length] ?? [];
}

/** The first frame of each entrance: A coming back, B entering. */
function entrances(labels: WalkLabels): { who: 'A' | 'B'; frame: number; until: number }[] {
  const n = labels.spec.frames;
  return [
    { who: 'A', frame: Math.ceil(SCRIPT.aBack[0] * n), until: Math.ceil(SCRIPT.bEnter[0] * n) },
    { who: 'B', frame: Math.ceil(SCRIPT.bEnter[0] * n), until: n },
  ];
}

/** `scale`: stream pixels per video pixel (the camera may deliver the video resized). */
export function scoreCamera(entries: CameraEntry[], labels: WalkLabels, scale: number): CameraScore {
  const seconds = entries.length > 1 ? (entries[entries.length - 1].drawnAt - entries[0].drawnAt) / 1000 : NaN;
  const latencies = entries.map((e) => e.drawnAt - e.capturedAt);
  let ghosts = 0;
  let hits = 0;
  let joints = 0;
  entries.forEach((entry, i) => {
    const walkers = walkersOf(labels, entry.shown);
    const poses = entry.people.map((p) => p.keypoints.map((k): XY => [k.x / scale, k.y / scale]));
    if (i > 0 && entry.people.some((p) => !walkers.some((w) => inside(middle(p.keypoints, scale), w)))) ghosts += 1;
    const truths = walkers.flatMap((w): LabelledTruth[] => {
      const torso = torsoLength(w.joints, w.labelled);
      return torso === null ? [] : [{ joints: w.joints, labelled: w.labelled, torso }];
    });
    const matched = matchPoses(truths, poses);
    truths.forEach((truth, t) => {
      joints += truth.labelled.filter(Boolean).length;
      const pose = matched[t];
      if (pose !== null) hits += jointHits(truth, poses[pose]);
    });
  });
  const entry = entrances(labels).map(({ who, frame, until }) => {
    const over = entries.filter((e) => e.shown % labels.spec.frames >= frame && e.shown % labels.spec.frames < until);
    const first = over.findIndex((e) => {
      const walker = walkersOf(labels, e.shown).find((w) => w.who === who);
      return walker !== undefined && e.people.some((p) => inside(middle(p.keypoints, scale), walker));
    });
    return first < 0 ? Infinity : first + 1;
  });
  return {
    results: entries.length,
    resultsPerSecond: (entries.length - 1) / seconds,
    latencyMs: { median: quantile(latencies, 0.5), p90: quantile(latencies, 0.9) },
    readingMs: quantile(entries.filter((e) => e.finderMs === null).map((e) => e.readMs), 0.5),
    ghosts,
    entry,
    pck: (100 * hits) / Math.max(1, joints),
  };
}

/** The bench's line for one backend. */
export function formatCameraScore(name: string, score: CameraScore, still: number | null): string {
  const entry = score.entry.map((e) => (Number.isFinite(e) ? String(e) : 'never')).join('/');
  const stills = still === null ? '' : ` (the same frames read as stills: ${still.toFixed(1)} %)`;
  return (
    `camera ${name}: ${score.resultsPerSecond.toFixed(1)} results/s, latency median ${score.latencyMs.median.toFixed(0)} ms ` +
    `p90 ${score.latencyMs.p90.toFixed(0)} ms (one reading ${score.readingMs.toFixed(0)} ms: ${(score.latencyMs.median / score.readingMs).toFixed(2)}×), ghosts ${score.ghosts}, entry ${entry}, PCK ${score.pck.toFixed(1)} %${stills}`
  );
}
