/**
 * A video's people from frame to frame: who the next frame reads (pose/tracker.ts: each person's next box comes from
 * the joints just found, the finder looks again every REFIND_EVERY frames, when someone is lost, or when the picture
 * changed where nobody is tracked: someone may have come in), each person's id, and each one's own One Euro
 * smoothing. Tracks older than TRACK_TIMEOUT_MS, or than TRACK_TIMEOUT_GAPS usual gaps between frames where the
 * backend takes longer than that a frame (a camera stopped and started again), are dropped.
 */
import type { FoundPerson } from '../pose/people';
import { type Thumbnail, movedOutside, thumbnailOf } from '../pose/motion';
import { quantile } from '../pose/quantile';
import { StageSmoother } from '../pose/oneEuro';
import { PeopleTracker, type TrackPlan, type TrackerOptions } from '../pose/tracker';
import { ENTRY_CELLS, ENTRY_MARGIN, ENTRY_THUMBNAIL, REFIND_EVERY, TRACK_TIMEOUT_GAPS, TRACK_TIMEOUT_MS } from './constants';
import type { Picture, PersonPose } from './types';

/** A frame's grey thumbnail (the whole frame, its longer side across), which a new person is looked for in. */
export function pictureThumbnail(picture: Picture): Thumbnail {
  const side = Math.max(picture.width, picture.height);
  return thumbnailOf(picture.crop({ x: 0, y: 0, side }, ENTRY_THUMBNAIL, 0), ENTRY_THUMBNAIL, side);
}

/** How many of the latest gaps between frames the usual gap is the median of. */
const RECENT_GAPS = 5;

export class VideoTracks {
  private tracker: PeopleTracker;
  private readonly smoothers = new Map<number, StageSmoother>();
  /** The newest frame planned, and the newest frame smoothed (a filter only moves forward in time). */
  private planned = -Infinity;
  private smoothed = -Infinity;
  /** The latest times between frames: their median is the usual gap (a pause is one long gap among them). */
  private gaps: number[] = [];
  /** The frame the finder last searched, and whom it found there: what a new person is looked for against. */
  private searched: { thumbnail: Thumbnail; people: FoundPerson[] } | null = null;

  constructor(private readonly options: Omit<TrackerOptions, 'refindEvery'>) {
    this.tracker = this.fresh();
  }

  private fresh(): PeopleTracker {
    return new PeopleTracker({ ...this.options, refindEvery: REFIND_EVERY });
  }

  /**
   * The people a frame captured at `timestamp` reads, or null when the finder should look for them: also when the
   * frame (its `thumbnail`) changed since the last search where nobody is tracked, then or now.
   */
  plan(timestamp: number, thumbnail: Thumbnail): TrackPlan | null {
    const gap = timestamp - this.planned;
    const usual = this.gaps.length > 0 ? quantile(this.gaps, 0.5) : 0;
    if (gap > Math.max(TRACK_TIMEOUT_MS, TRACK_TIMEOUT_GAPS * usual)) {
      this.tracker = this.fresh();
      this.smoothers.clear();
      this.smoothed = -Infinity;
      this.searched = null;
    }
    if (gap > 0 && Number.isFinite(gap)) this.gaps = [...this.gaps, gap].slice(-RECENT_GAPS);
    this.planned = Math.max(this.planned, timestamp);
    if (this.searched) {
      const people = [...this.searched.people, ...this.tracker.tracked()];
      if (movedOutside(this.searched.thumbnail, thumbnail, people, ENTRY_MARGIN) >= ENTRY_CELLS) this.tracker.lookAgain();
    }
    return this.tracker.next();
  }

  /**
   * Takes a frame's readings (its plan's people in order, or the finder's when `plan` is null, with the frame's
   * thumbnail; the box framed by hand, person null, is not tracked) and returns them with their ids and, with `smooth`, their smoothed skeletons. A person
   * whose beliefs collapsed (nobody there any more: they left, or the finder saw a ghost) is dropped from this very
   * result, and the finder looks again on the next frame.
   */
  update(people: PersonPose[], plan: TrackPlan | null, thumbnail: Thumbnail, timestamp: number, smooth: boolean): PersonPose[] {
    const tracked = people.filter((p) => p.person);
    if (!plan) this.searched = { thumbnail, people: tracked.flatMap((p) => (p.person ? [p.person] : [])) };
    const { ids, lost } = this.tracker.update(tracked, plan);
    const withIds = people.flatMap((p) => {
      if (!p.person) return [p];
      const k = tracked.indexOf(p);
      return lost[k] ? [] : [{ ...p, id: ids[k] }];
    });
    // A frame older than one already smoothed (two frames in flight answer out of order) is never shown.
    if (!smooth || timestamp < this.smoothed) return withIds;
    this.smoothed = timestamp;
    for (const id of this.smoothers.keys()) if (!withIds.some((p) => p.id === id)) this.smoothers.delete(id);
    return withIds.map((p) => {
      const smoother = this.smoothers.get(p.id) ?? new StageSmoother();
      this.smoothers.set(p.id, smoother);
      return { ...p, poses: smoother.smooth(p.poses, timestamp, p.box.side) };
    });
  }
}
