/**
 * A video's people from frame to frame: who the next frame reads (pose/tracker.ts: each person's next box comes from
 * the joints just found, the finder looks again every REFIND_EVERY frames or when someone is lost), each person's
 * id, and each one's own One Euro smoothing. Tracks older than TRACK_TIMEOUT_MS (a camera stopped and started again)
 * are dropped.
 */
import { StageSmoother } from '../pose/oneEuro';
import { PeopleTracker, type TrackPlan, type TrackerOptions } from '../pose/tracker';
import { REFIND_EVERY, TRACK_TIMEOUT_MS } from './constants';
import type { PersonPose } from './types';

export class VideoTracks {
  private tracker: PeopleTracker;
  private readonly smoothers = new Map<number, StageSmoother>();
  /** The newest frame planned, and the newest frame smoothed (a filter only moves forward in time). */
  private planned = -Infinity;
  private smoothed = -Infinity;

  constructor(private readonly options: Omit<TrackerOptions, 'refindEvery'>) {
    this.tracker = this.fresh();
  }

  private fresh(): PeopleTracker {
    return new PeopleTracker({ ...this.options, refindEvery: REFIND_EVERY });
  }

  /** The people a frame captured at `timestamp` reads, or null when the finder should look for them. */
  plan(timestamp: number): TrackPlan | null {
    if (timestamp - this.planned > TRACK_TIMEOUT_MS) {
      this.tracker = this.fresh();
      this.smoothers.clear();
      this.smoothed = -Infinity;
    }
    this.planned = Math.max(this.planned, timestamp);
    return this.tracker.next();
  }

  /**
   * Takes a frame's readings (its plan's people in order, or the finder's when `plan` is null; the box framed by hand,
   * person null, is not tracked) and returns them with their ids and, with `smooth`, their smoothed skeletons. A person
   * whose beliefs collapsed (nobody there any more: they left, or the finder saw a ghost) is dropped from this very
   * result, and the finder looks again on the next frame.
   */
  update(people: PersonPose[], plan: TrackPlan | null, timestamp: number, smooth: boolean): PersonPose[] {
    const tracked = people.filter((p) => p.person);
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
