/**
 * `npm run crowd-check`: crowd.ts's synthetic crowds and overlap scenes read as the app reads a still (one scale, the
 * flip test off or on: as `npm run eval --whole [--flip]`), scored as npm run eval scores a whole picture: poses
 * matched to the persons at stage T (match.ts), a person found when their pose gets at least half their joints right,
 * stage-T PCK@0.2 over every labelled joint of every person (a person missed misses them all). Besides: the poses
 * matched to nobody (false finds), and how long a picture takes.
 */
import { FAMILY } from '../cpm/architecture';
import type { Estimator } from '../estimator/estimator';
import type { EstimationConfig, PoseEstimate } from '../estimator/types';
import type { StagePose } from '../pose/keypoints';
import { CROWD_HEIGHTS, type Crowd, type CrowdPerson, type CrowdSet, OVERLAPS, type OverlapScene, renderCrowd } from './crowd';
import { rgbaPicture } from './disk';
import { type LabelledTruth, isFound, matchPoses } from './match';
import { PckCounter, torsoLength, withinPck } from './pck';
import { quantile } from '../pose/quantile';
import { estimatorReader } from './runEval';
import { type Placement, hides } from './sprites';

type XY = [number, number];
type Truth = CrowdPerson & LabelledTruth;
export type Progress = (done: number, total: number) => void;

const jointsOf = (pose: StagePose): XY[] => pose.keypoints.map((k): XY => [k.x, k.y]);
const finalJoints = (stages: StagePose[]): XY[] => jointsOf(stages[stages.length - 1]);

/** The person as PCK scores them: with their torso, or null without one (npm run eval scores only those). */
function truthOf(person: CrowdPerson): Truth | null {
  const torso = torsoLength(person.joints, person.labelled);
  return torso === null ? null : { ...person, torso };
}

const truthsOf = (persons: CrowdPerson[]): Truth[] => persons.flatMap((p) => truthOf(p) ?? []);

/** Persons found and their stage-T PCK, counted as npm run eval counts them. */
class Tally {
  found = 0;
  private readonly counter: PckCounter;

  constructor(stages: number) {
    this.counter = new PckCounter(stages, FAMILY.joints);
  }

  add(truth: Truth, pose: StagePose[] | null): void {
    if (isFound(truth, pose ? finalJoints(pose) : null)) this.found += 1;
    this.counter.add(pose ? pose.map(jointsOf) : null, truth.joints, truth.labelled, truth.torso);
  }

  get persons(): number {
    return this.counter.persons;
  }

  pck(): number {
    return this.counter.scores().at(-1)?.pck ?? 0;
  }
}

interface WholeReading {
  estimate: PoseEstimate;
  /** Per truth, the pose (every stage) matched to them at stage T, or null. */
  matched: (StagePose[] | null)[];
  /** The stage-T joints of every pose matched to nobody. */
  unmatched: XY[][];
}

/** A crowd read whole, as the app reads a dropped photo, its poses matched to the truths (npm run eval's rule). */
async function readWhole(estimator: Estimator, crowd: Crowd, truths: Truth[], config: EstimationConfig): Promise<WholeReading> {
  const estimate = await estimator.estimatePoses(rgbaPicture(crowd.image), config);
  const poses = estimate.people.map((p) => p.poses);
  const matched = matchPoses(truths, poses.map(finalJoints));
  const unmatched = poses.filter((_, p) => !matched.includes(p)).map(finalJoints);
  return { estimate, matched: matched.map((p) => (p === null ? null : poses[p])), unmatched };
}

const sizesOf = (set: CrowdSet): number[] => [...new Set(set.crowds.map((c) => c.size))];

export interface CrowdLine {
  size: number;
  persons: number;
  found: number;
  pck: number;
  /** Poses matched to nobody; of them, duplicates: poses that would find someone another pose was matched to. */
  falseFinds: number;
  duplicates: number;
  /** Medians over the crowd pictures: the whole reading, and the finder's share of it. */
  ms: number;
  finderMs: number;
}

/** Every crowd read whole, as the app reads a dropped photo: one line per crowd size. */
export async function readCrowds(estimator: Estimator, set: CrowdSet, config: EstimationConfig, onProgress: Progress): Promise<CrowdLine[]> {
  const lines: CrowdLine[] = [];
  let done = 0;
  for (const size of sizesOf(set)) {
    const tally = new Tally(estimator.network.spec.stages);
    const [ms, finderMs] = [[] as number[], [] as number[]];
    let [falseFinds, duplicates] = [0, 0];
    for (const { layout } of set.crowds.filter((c) => c.size === size)) {
      const crowd = renderCrowd(layout.placements, set.canvas);
      const truths = truthsOf(crowd.persons);
      const { estimate, matched, unmatched } = await readWhole(estimator, crowd, truths, config);
      truths.forEach((truth, i) => tally.add(truth, matched[i]));
      falseFinds += unmatched.length;
      duplicates += unmatched.filter((pose) => truths.some((truth) => isFound(truth, pose))).length;
      ms.push(estimate.totalMs);
      finderMs.push(estimate.finderMs ?? 0);
      onProgress((done += 1), set.crowds.length);
    }
    lines.push({ size, persons: tally.persons, found: tally.found, pck: tally.pck(), falseFinds, duplicates, ms: quantile(ms, 0.5), finderMs: quantile(finderMs, 0.5) });
  }
  return lines;
}

export interface LabelLine {
  size: number;
  persons: number;
  found: number;
  pck: number;
}

/** Every crowd's persons read one by one in the box cut from their labels (npm run eval's protocol): the ceiling. */
export async function readCrowdsByLabels(estimator: Estimator, set: CrowdSet, config: EstimationConfig, onProgress: Progress): Promise<LabelLine[]> {
  const read = estimatorReader(estimator, config, true);
  const lines: LabelLine[] = [];
  let done = 0;
  for (const size of sizesOf(set)) {
    const tally = new Tally(estimator.network.spec.stages);
    for (const { layout } of set.crowds.filter((c) => c.size === size)) {
      const crowd = renderCrowd(layout.placements, set.canvas);
      const truths = truthsOf(crowd.persons);
      const poses = await read(rgbaPicture(crowd.image), truths);
      truths.forEach((truth, i) => tally.add(truth, poses[i]));
      onProgress((done += 1), set.crowds.length);
    }
    lines.push({ size, persons: tally.persons, found: tally.found, pck: tally.pck() });
  }
  return lines;
}

/** How the neighbour stands in front in an overlap scene: their sprite's whole rectangle, or cut to their body. */
export type Neighbour = 'rectangle' | 'body';

export interface OverlapLine {
  overlap: number;
  neighbour: Neighbour;
  targets: number;
  /** The targets' stage-T PCK alone, and with the neighbour in front. */
  alone: number;
  withNeighbour: number;
  /** The same over the joints the neighbour leaves uncovered. */
  uncovered: { alone: number; withNeighbour: number };
  /** Of the targets' labelled joints (`joints`), those read on the neighbour: wrong, and within PCK's reach of one of the neighbour's. */
  onNeighbour: number;
  joints: number;
  /** Of the targets' labelled joints the neighbour hides, those drawn hollow and those drawn solid but wrong. */
  hidden: HiddenJoints;
}

/** The target's labelled joints the neighbour hides: how many, how many drawn hollow, how many drawn solid but wrong. */
export interface HiddenJoints {
  joints: number;
  hollow: number;
  solidWrong: number;
}

/**
 * How the target's hidden joints (`hidden[j]`) are drawn at stage T: hollow (below `weakPeak`, as the app draws an
 * unsure joint), or solid, and then right or wrong. A target nobody read draws none of them.
 */
export function hiddenJoints(target: Truth, hidden: boolean[], pose: StagePose[] | null, weakPeak: number): HiddenJoints {
  const scored = target.labelled.map((l, j) => l && hidden[j]);
  const joints = scored.filter(Boolean).length;
  const last = pose?.[pose.length - 1];
  if (!last) return { joints, hollow: 0, solidWrong: 0 };
  // A pose draws every joint: those not solid are hollow.
  const solid = last.keypoints.flatMap((k, j) => (scored[j] && k.confidence >= weakPeak ? [j] : []));
  const wrong = solid.filter((j) => !withinPck([last.keypoints[j].x, last.keypoints[j].y], target.joints[j], target.torso)).length;
  return { joints, hollow: joints - solid.length, solidWrong: wrong };
}

/** The target's labelled joints read wrong at stage T but where one of the neighbour's labelled joints is. */
export function jointsOnNeighbour(target: Truth, neighbour: CrowdPerson, pose: StagePose[] | null): number {
  if (!pose) return 0;
  const near = (a: XY, b: XY): boolean => withinPck(a, b, target.torso);
  return finalJoints(pose).filter(
    (joint, j) => target.labelled[j] && !near(joint, target.joints[j]) && neighbour.joints.some((other, k) => neighbour.labelled[k] && near(joint, other)),
  ).length;
}

const NEIGHBOURS: [Neighbour, (scene: OverlapScene) => Placement[][]][] = [
  ['rectangle', (scene) => scene.withNeighbour],
  ['body', (scene) => scene.withBody],
];

/**
 * Every overlap scene read whole: the target's pose alone and with the neighbour in front, one line per overlap and
 * kind of neighbour (NEIGHBOURS).
 */
export async function readScenes(estimator: Estimator, set: CrowdSet, config: EstimationConfig, onProgress: Progress): Promise<OverlapLine[]> {
  const stages = estimator.network.spec.stages;
  const tallies = NEIGHBOURS.map(() =>
    OVERLAPS.map(() => ({
      alone: new Tally(stages),
      paired: new Tally(stages),
      uncoveredAlone: new Tally(stages),
      uncoveredPaired: new Tally(stages),
      onNeighbour: 0,
      joints: 0,
      hidden: { joints: 0, hollow: 0, solidWrong: 0 },
    })),
  );
  for (const [s, scene] of set.scenes.entries()) {
    const alone = renderCrowd(scene.alone, set.canvas);
    const target = truthOf(alone.persons[0]);
    if (!target) continue;
    const [aloneRead] = (await readWhole(estimator, alone, [target], config)).matched;
    for (const [v, [, placementsOf]] of NEIGHBOURS.entries()) {
      for (const [k, placements] of placementsOf(scene).entries()) {
        const paired = renderCrowd(placements, set.canvas);
        const neighbour = truthOf(paired.persons[1]);
        const [pairedRead] = (await readWhole(estimator, paired, neighbour ? [target, neighbour] : [target], config)).matched;
        const hidden = target.joints.map((joint) => hides(placements[1], joint));
        const uncovered = { ...target, labelled: target.labelled.map((l, j) => l && !hidden[j]) };
        const tally = tallies[v][k];
        tally.alone.add(target, aloneRead);
        tally.paired.add(target, pairedRead);
        tally.uncoveredAlone.add(uncovered, aloneRead);
        tally.uncoveredPaired.add(uncovered, pairedRead);
        tally.onNeighbour += jointsOnNeighbour(target, paired.persons[1], pairedRead);
        tally.joints += target.labelled.filter(Boolean).length;
        const drawn = hiddenJoints(target, hidden, pairedRead, estimator.settings.weakPeak);
        tally.hidden.joints += drawn.joints;
        tally.hidden.hollow += drawn.hollow;
        tally.hidden.solidWrong += drawn.solidWrong;
      }
    }
    onProgress(s + 1, set.scenes.length);
  }
  return NEIGHBOURS.flatMap(([neighbour], v) =>
    OVERLAPS.map((overlap, k) => {
      const t = tallies[v][k];
      return {
        overlap,
        neighbour,
        targets: t.alone.persons,
        alone: t.alone.pck(),
        withNeighbour: t.paired.pck(),
        uncovered: { alone: t.uncoveredAlone.pck(), withNeighbour: t.uncoveredPaired.pck() },
        onNeighbour: t.onNeighbour,
        joints: t.joints,
        hidden: t.hidden,
      };
    }),
  );
}

const percent = (x: number): string => `${x.toFixed(1)} %`;

/** The lines crowd-check prints for one finder: one per crowd size (beside the label crops'), one per overlap. */
export function formatCrowdCheck(crowds: CrowdLine[], labels: LabelLine[], overlaps: OverlapLine[]): string {
  const lines = crowds.map((c) => {
    const l = labels.find((x) => x.size === c.size);
    const found = (n: number): string => `found ${n}/${c.persons} (${((100 * n) / Math.max(1, c.persons)).toFixed(0)} %)`;
    const cut = l ? ` (cut from labels: ${found(l.found)}, PCK ${percent(l.pck)})` : '';
    return (
      `crowd ${c.size}: ${found(c.found)}, PCK ${percent(c.pck)}${cut}, false finds ${c.falseFinds} (${c.duplicates} duplicates), ` +
      `${c.ms.toFixed(0)} ms a picture (finder ${c.finderMs.toFixed(0)} ms)`
    );
  });
  for (const o of overlaps) {
    const kind = o.neighbour === 'body' ? ', the neighbour cut to their body' : '';
    lines.push(
      `overlap ${(100 * o.overlap).toFixed(0)} %${kind}: alone ${percent(o.alone)}, with neighbour ${percent(o.withNeighbour)} ` +
        `(joints the neighbour leaves uncovered: alone ${percent(o.uncovered.alone)}, with neighbour ${percent(o.uncovered.withNeighbour)}; ` +
        `target joints read on the neighbour ${o.onNeighbour}/${o.joints}; of the ${o.hidden.joints} it hides, drawn hollow ` +
        `${o.hidden.hollow}, solid and wrong ${o.hidden.solidWrong}; ${o.targets} targets)`,
    );
  }
  return lines.join('\n');
}

/** What was laid out: the crowds and scenes, and the crowds that had to be laid out with shorter persons. */
export function formatLayouts(set: CrowdSet): string {
  const perSize = set.crowds.length / Math.max(1, sizesOf(set).length);
  const lines = [`${perSize} crowds of each size on ${set.canvas.width}×${set.canvas.height}, ${set.scenes.length} overlap scenes`];
  for (const size of sizesOf(set)) {
    const tallest = set.crowds.filter((c) => c.size === size).map((c) => c.layout.tallest);
    if (tallest.some((t) => t < CROWD_HEIGHTS[1])) lines.push(`crowds of ${size}: persons at most ${tallest.map((t) => t.toFixed(2)).join(', ')} of the height tall (they did not fit taller)`);
  }
  return lines.join('\n');
}

/** One finder's lines (its estimator's search), under a heading saying how it searches. */
export async function finderLines(
  estimator: Estimator,
  heading: string,
  set: CrowdSet,
  config: EstimationConfig,
  labels: LabelLine[],
  progress: (what: string) => Progress,
): Promise<string> {
  const { tiles, cap } = estimator.settings.search.still;
  const crowds = await readCrowds(estimator, set, config, progress(`${heading}: crowds`));
  const overlaps = await readScenes(estimator, set, config, progress(`${heading}: overlap scenes`));
  return `\n${heading} (whole picture${tiles ? ' and tiles' : ''}, up to ${cap} people):\n${formatCrowdCheck(crowds, labels, overlaps)}`;
}
