/**
 * Tracking people from camera frame to frame, as MoveNet's examples crop: the box a person is read in next comes
 * from the joints found this frame (the label-crop rule: the member's crop scale times their extent), and the person
 * finder runs again only every few frames, when someone is lost, or when nobody is tracked. Each person keeps an id
 * (for their own smoothing filter) while tracked, and across a new search when their box overlaps the old one.
 * Two frames may be in flight at once (the camera pipelines them): each frame carries the plan it was read with, and a
 * frame planned before a search (or a loss) changed who is tracked is shown but does not move the tracks.
 */
import { type Box, boxCentre, zoomBox } from './box';
import { FINDER_BOX_PER_EXTENT, type FoundPerson, boxOverlap, readingBoxOf, samePerson, sameSkeleton } from './people';
import type { StagePose } from './keypoints';

/** A still's second look reads a person again when their joints' box is this far (in box sides) from the first... */
const SECOND_LOOK_SHIFT = 0.1;
/** ...or this many times bigger or smaller. */
const SECOND_LOOK_SCALE = 1.15;

/** Joints at or above minPeak (the card's weakPeak), at least minJoints of them, frame a box. */
export interface SecondLook {
  minPeak: number;
  minJoints: number;
}

export interface TrackerOptions {
  /** The finder runs again after this many tracked frames. */
  refindEvery: number;
  /** A joint below this stage-T peak does not frame the next box (the card's weakPeak). */
  minPeak: number;
  /** Fewer framing joints than this, and the person is lost (the finder runs on the next frame). */
  minJoints: number;
}

export interface TrackedReading {
  person: FoundPerson | null;
  poses: StagePose[];
}

/**
 * The person as the finder would report them, from a pose's confident joints: their extent's box, widened by the
 * finder's margin (so that readingBoxOf cuts crop scale × the joints' extent), and those joints (in the pose's joint
 * order, unconfident ones scored 0); null when too few joints are confident.
 */
export function personFromPose(pose: StagePose, minPeak: number, minJoints: number): FoundPerson | null {
  const confident = pose.keypoints.filter((k) => k.confidence >= minPeak);
  if (confident.length < minJoints) return null;
  const xs = confident.map((k) => k.x);
  const ys = confident.map((k) => k.y);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const halfW = ((Math.max(...xs) - Math.min(...xs)) * FINDER_BOX_PER_EXTENT) / 2;
  const halfH = ((Math.max(...ys) - Math.min(...ys)) * FINDER_BOX_PER_EXTENT) / 2;
  const score = confident.reduce((sum, k) => sum + k.confidence, 0) / pose.keypoints.length;
  const keypoints = pose.keypoints.map((k) => ({ x: k.x, y: k.y, score: k.confidence >= minPeak ? k.confidence : 0 }));
  return { score, x0: cx - halfW, y0: cy - halfH, x1: cx + halfW, y1: cy + halfH, keypoints };
}

/**
 * A still's first reading that frames nobody (too few confident joints) is made again in a box this many times as
 * large, around the same centre: a finder's box of someone's upper body, or of a part of them, cuts off the rest of
 * them. (Chosen on crowds of other seeds than crowd-check's: 2 found more and as much PCK as 1.5.)
 */
const WIDER_LOOK = 2;

/** A still's second look: the box, and whether it is the wider look (kept only where its reading frames a person). */
export interface SecondLookBox {
  box: Box;
  wider: boolean;
}

/**
 * A still's second look: the box cut around a first reading's confident joints as a labelled person is cut (crop
 * scale × their extent), when it is clearly not the box that reading was made in (moved by more than a tenth of its
 * side, or 1.15× bigger or smaller); null when it is close. Where too few joints are confident to say, the wider look.
 */
export function secondLookBox(pose: StagePose, box: Box, cropScale: number, look: SecondLook): SecondLookBox | null {
  const person = personFromPose(pose, look.minPeak, look.minJoints);
  if (!person) return { box: zoomBox(box, 1 / WIDER_LOOK), wider: true };
  const next = readingBoxOf(person, cropScale);
  const [a, b] = [boxCentre(box), boxCentre(next)];
  const moved = Math.hypot(b.x - a.x, b.y - a.y) / box.side;
  const scaled = Math.abs(Math.log(next.side / box.side));
  return moved > SECOND_LOOK_SHIFT || scaled > Math.log(SECOND_LOOK_SCALE) ? { box: next, wider: false } : null;
}

/** Each reading's id, and whether it was lost (its beliefs collapsed: it frames no box, and is not drawn). */
export interface TrackUpdate {
  ids: number[];
  lost: boolean[];
}

/** What a frame reads: the tracked people's boxes and ids, as of a generation of the tracks. */
export interface TrackPlan {
  people: FoundPerson[];
  ids: number[];
  generation: number;
}

/**
 * Whether reading i is, by `same`, the same person as a better reading (a higher score, or as high and earlier): one
 * person read twice. `framed`: the readings framed by personFromPose (null: too few confident joints).
 */
export function framedTwice(framed: (FoundPerson | null)[], i: number, same: (a: FoundPerson, b: FoundPerson) => boolean): boolean {
  const person = framed[i];
  if (!person) return false;
  return framed.some((other, j) => {
    if (!other || j === i || other.score < person.score || (other.score === person.score && j > i)) return false;
    return same(other, person);
  });
}

export class PeopleTracker {
  private tracks: { id: number; person: FoundPerson }[] = [];
  private sinceFind = 0;
  private nextId = 1;
  /** Changes whenever who is tracked changes (a search, a loss): a plan of an older generation is stale. */
  private generation = 0;
  /** A search was planned and has not come back: frames planned meanwhile read the tracks as they are. */
  private searching = false;

  constructor(private readonly options: TrackerOptions) {}

  /** The people the next frame reads, or null when the finder should look for them. */
  next(): TrackPlan | null {
    const due = this.sinceFind >= this.options.refindEvery;
    if (this.tracks.length === 0 || (due && !this.searching)) {
      this.searching = true;
      return null;
    }
    return { people: this.tracks.map((t) => t.person), ids: this.tracks.map((t) => t.id), generation: this.generation };
  }

  /** Someone may have come in (the picture changed where nobody is tracked): the finder looks on the next frame. */
  lookAgain(): void {
    this.sinceFind = this.options.refindEvery;
  }

  /**
   * Takes a frame's readings (the people of its plan, in order, or the finder's when it ran: `plan` null) and
   * returns each reading's id, and whether it was lost: its last stage's beliefs collapsed (fewer than minJoints
   * confident joints), so that nobody may be there, or its joints frame the same person as a better reading's (two
   * tracks drifted onto one person, or the finder saw one twice). A collapsed person leaves the tracks, and the finder
   * looks again on the next frame. A stale plan's readings keep its ids and leave the tracks as they are.
   */
  update(readings: TrackedReading[], plan: TrackPlan | null): TrackUpdate {
    const { minPeak, minJoints } = this.options;
    const framed = readings.map((r) => {
      const last = r.poses[r.poses.length - 1];
      return r.person && last ? personFromPose(last, minPeak, minJoints) : null;
    });
    const collapsed = framed.filter((person) => person === null).length;
    // Two tracks on one person: their skeletons coincide, or one shrank onto the other's upper body (its box inside).
    const same = (a: FoundPerson, b: FoundPerson): boolean => samePerson(a, b) || sameSkeleton(a, b, minJoints);
    const lost = framed.map((person, i) => person === null || framedTwice(framed, i, same));
    if (plan && plan.generation !== this.generation) return { ids: readings.map((_, i) => plan.ids[i] ?? this.newId()), lost };
    const ids = plan ? readings.map((_, i) => plan.ids[i] ?? this.newId()) : this.matchIds(readings, this.tracks);
    this.sinceFind = plan ? this.sinceFind + 1 : 0;
    if (!plan) this.searching = false;
    const tracks = framed.flatMap((person, i) => (person && !lost[i] ? [{ id: ids[i], person }] : []));
    // Someone collapsed: look again on the next frame rather than read the others only.
    if (collapsed > 0) this.sinceFind = this.options.refindEvery;
    if (!plan || tracks.length < readings.length) this.generation += 1;
    this.tracks = tracks;
    return { ids, lost };
  }

  /** The people tracked now (the boxes their last joints framed). */
  tracked(): FoundPerson[] {
    return this.tracks.map((t) => t.person);
  }

  private newId(): number {
    this.nextId += 1;
    return this.nextId - 1;
  }

  /** After a search: each reading takes the id of the old track its box overlaps most (IoU ≥ 0.3), else a new one. */
  private matchIds(readings: TrackedReading[], previous: { id: number; person: FoundPerson }[]): number[] {
    const taken = new Set<number>();
    return readings.map((r) => {
      let best: { id: number; overlap: number } | null = null;
      for (const t of previous) {
        const overlap = r.person ? boxOverlap(r.person, t.person) : 0;
        if (overlap >= 0.3 && !taken.has(t.id) && (!best || overlap > best.overlap)) best = { id: t.id, overlap };
      }
      if (!best) return this.newId();
      taken.add(best.id);
      return best.id;
    });
  }
}
