/**
 * The estimator, in the manner of tfjs-models' pose detectors: createEstimator(model, finder) builds it once, and
 * estimatePoses(picture, config) is the one way a picture is read, by the app's worker, `npm run eval`, the scripts
 * and the tests. As the paper reads a picture: the person finder first, then the pose network on each person, cut
 * out at their scale with the center map on them; every setting comes from the model card.
 */
import { type CpmBlock, type CpmModelFile, boxSizeOf } from '../cpm/modelFile';
import type { CpmNetwork } from '../cpm/network';
import { type Box, framingBox } from '../pose/box';
import { BAND_SHARE } from '../pose/finderBand';
import { type FoundPerson, readingBoxOf, sameSkeleton } from '../pose/people';
import type { StagePose } from '../pose/keypoints';
import { type SecondLook, type SecondLookBox, type TrackPlan, framedTwice, personFromPose, secondLookBox } from '../pose/tracker';
import { MIN_FRAMING_JOINTS, MULTI_SCALES, PERSON_SEARCH } from './constants';
import { type BoxEstimate, type BoxReading, type PictureRuns, estimateBoxes } from './estimateBox';
import { FINDER_SIZE, type PersonFinder, findPeople } from './personFinder';
import { runStages } from './stages';
import type { EstimationConfig, EstimatorSettings, PersonPose, PersonSearch, Picture, PoseEstimate } from './types';
import { VideoTracks, pictureThumbnail } from './videoTracks';

/** A loaded pose network and its model file (whose card the estimator takes its settings from). */
export interface CpmModel {
  file: CpmModelFile;
  network: CpmNetwork;
}

export interface Estimator {
  readonly settings: EstimatorSettings;
  readonly network: CpmNetwork;
  readonly finder: PersonFinder | null;
  /** Every person in the picture, every stage's belief maps and skeleton, as `config` asks. */
  estimatePoses(picture: Picture, config: EstimationConfig): Promise<PoseEstimate>;
  /** The people the finder sees, as `search` looks (a still's by default), best first; [] without a finder. */
  findPeople(picture: Picture, search?: PersonSearch): Promise<FoundPerson[]>;
  /** Compiles every shader a reading uses (the first pass of a new shape compiles for seconds on WebGPU). */
  warmUp(): Promise<void>;
  dispose(): void;
}

/** The estimator's settings from a model card. */
export function settingsOf(card: CpmBlock): EstimatorSettings {
  return {
    cropScale: card.architecture.evalCropScale,
    boxSize: boxSizeOf(card),
    weakPeak: card.weakPeak ?? 0,
    secondLook: true,
    search: PERSON_SEARCH,
    joints: card.joints,
    flipPairs: card.flipPairs,
  };
}

export function createEstimator(model: CpmModel, finder: PersonFinder | null, options: Partial<EstimatorSettings> = {}): Estimator {
  return new CpmEstimator(model.network, finder, { ...settingsOf(model.file.cpm), ...options });
}

class CpmEstimator implements Estimator {
  /** Which joints frame a box (a video's next one, a still's second look): the card's confident ones, enough of them. */
  private readonly framing: SecondLook;
  private readonly tracks: VideoTracks;

  constructor(
    readonly network: CpmNetwork,
    readonly finder: PersonFinder | null,
    readonly settings: EstimatorSettings,
  ) {
    this.framing = { minPeak: settings.weakPeak, minJoints: MIN_FRAMING_JOINTS };
    this.tracks = new VideoTracks(this.framing);
  }

  async findPeople(picture: Picture, search: PersonSearch = this.settings.search.still): Promise<FoundPerson[]> {
    return this.finder ? findPeople(this.finder, picture, search) : [];
  }

  async estimatePoses(picture: Picture, config: EstimationConfig): Promise<PoseEstimate> {
    const start = performance.now();
    const { mode, handBox, onProgress } = config;
    const timestamp = config.timestamp ?? start;
    const tracking = mode === 'video' && !config.people;
    const thumbnail = tracking ? pictureThumbnail(picture) : null;
    const plan: TrackPlan | null = thumbnail ? this.tracks.plan(timestamp, thumbnail) : null;
    const given = config.people ?? plan?.people;
    // The crops this picture's readings have run: a box read twice runs once (estimateBox.ts).
    const runs: PictureRuns = new Map();
    let found: FoundPerson[] | null = null;
    if (!given && this.finder) {
      onProgress?.({ phase: 'finding' });
      found = await this.confirmFaint(picture, await this.findPeople(picture, this.settings.search[mode]), runs);
    }
    const finderMs = found ? performance.now() - start : null;
    const people = given ? await this.confirmFaint(picture, given, runs) : (found ?? []);
    // Without a finder (it failed to load) the whole picture is read, in the card's box.
    const extra = handBox ?? (!given && !this.finder ? framingBox(picture.width, picture.height, null, this.settings.boxSize) : null);
    const persons = people.length + (extra ? 1 : 0);
    const scales = config.multiScale ? MULTI_SCALES : [1];
    const flip = config.flip ?? false;
    const timeStages = config.timeStages ?? false;
    // Every person (and the box framed by hand) in one call: one batch where the backend gains from it. `who[k]` is
    // the index among all persons of the call's k-th reading, for the progress.
    const read = (readings: BoxReading[], who: number[]): Promise<BoxEstimate[]> => {
      const onStage = onProgress && ((stage: number, k: number) => onProgress({ phase: 'reading', person: who[k] + 1, persons, stage }));
      return estimateBoxes(this.network, picture, readings, this.settings, { timeStages, onStage, runs });
    };
    const boxes: BoxReading[] = people.map((person) => ({ box: readingBoxOf(person, this.settings.cropScale), scales, flip }));
    if (extra) boxes.push({ box: extra, scales, flip, center: handBox ? config.center : undefined });
    const first = await read(boxes, boxes.map((_, i) => i));
    // A still's second look, for those whose first reading framed a clearly different box, or nobody: a wider look
    // replaces the first reading only where it frames a person.
    const again = mode === 'still' && this.settings.secondLook ? people.map((_, i) => this.secondLook(first[i])) : [];
    const looks = again.flatMap((look, i) => (look ? [{ box: look.box, i }] : []));
    const second = looks.length > 0 ? await read(looks.map(({ box }) => ({ box, scales, flip })), looks.map(({ i }) => i)) : [];
    const chosen = first.map((estimate, i) => {
      const next = again[i] ? second.shift() : undefined;
      return next && (!again[i]?.wider || this.framed(next) !== null) ? next : estimate;
    });
    let poses: PersonPose[] = chosen.map((estimate, i) => ({ id: i < people.length ? i + 1 : 0, person: people[i] ?? null, ...estimate }));
    // A faint finding is shown only where its reading sees a person as well as its trial did.
    poses = poses.filter((p) => !p.person?.faint || this.framed(p) !== null);
    // A still's person whose skeleton stands where a better one's does was found twice: shown once. (Not by their
    // boxes: a small person in front of a tall one lies inside the tall one's box.)
    if (mode === 'still') {
      const framed = poses.map((p) => (p.person ? this.framed(p) : null));
      const same = (a: FoundPerson, b: FoundPerson): boolean => sameSkeleton(a, b, this.framing.minJoints);
      poses = poses.filter((_, i) => !framedTwice(framed, i, same));
    }
    // Faint findings come after those reported: the search's cap keeps the reported first.
    const shown = poses.filter((p) => p.person).slice(0, this.settings.search[mode].cap);
    poses = poses.filter((p) => !p.person || shown.includes(p));
    if (thumbnail) poses = this.tracks.update(poses, plan, thumbnail, timestamp, config.smooth ?? true);
    const { width, height } = picture;
    return { mode, width, height, timestamp, flip, scales, found, finderMs, people: poses, stagesTimed: timeStages, totalMs: performance.now() - start };
  }

  /**
   * `people` less the faint findings (pose/tiles.ts) whose trial reading, one plain pass each, sees no person (too
   * few confident joints to frame one): the others are read as everyone is, and kept only where that reading (with
   * the flip test, say) sees a person too. A trial's run, kept in `runs`, is the plain half of that reading.
   */
  private async confirmFaint(picture: Picture, people: FoundPerson[], runs: PictureRuns): Promise<FoundPerson[]> {
    const faint = people.filter((p) => p.faint);
    if (faint.length === 0) return people;
    const trials = faint.map((p) => ({ box: readingBoxOf(p, this.settings.cropScale), scales: [1], flip: false }));
    const readings = await estimateBoxes(this.network, picture, trials, this.settings, { runs });
    const seen = faint.filter((_, k) => this.framed(readings[k]) !== null);
    return people.filter((p) => !p.faint || seen.includes(p));
  }

  /** The person a reading's confident last-stage joints frame (pose/tracker.ts), null when too few are confident. */
  private framed(reading: { poses: StagePose[] }): FoundPerson | null {
    const last = reading.poses[reading.poses.length - 1];
    return last ? personFromPose(last, this.framing.minPeak, this.framing.minJoints) : null;
  }

  /** Where a first reading's confident joints frame a clearly different box, or none, the box to look again in (pose/tracker.ts). */
  private secondLook(first: BoxEstimate): SecondLookBox | null {
    const last = first.poses[first.poses.length - 1];
    return last ? secondLookBox(last, first.box, this.settings.cropScale, this.framing) : null;
  }

  async warmUp(): Promise<void> {
    const size = this.network.spec.inputSize;
    // The all-stages-at-once read-back path: it compiles every shader the stage-by-stage path uses, and its concat.
    await runStages(this.network, new Float32Array(size * size * 3), { x: size / 2, y: size / 2 }, false);
    // The finder once on each input shape it most often gets (each compiles shaders of its own on WebGL and WebGPU): a
    // 4:3 picture's band (a webcam frame, most photos) and the whole square (tiles). Without tiles: a blank picture
    // would be searched in every one of them.
    for (const height of [FINDER_SIZE * BAND_SHARE, FINDER_SIZE]) {
      const blank = { width: FINDER_SIZE, height, crop: (_: Box, s: number) => new Uint8Array(s * s * 3) };
      await this.findPeople(blank, this.settings.search.video);
    }
  }

  dispose(): void {
    this.network.dispose();
    this.finder?.dispose();
  }
}
