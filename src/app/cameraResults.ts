/**
 * The camera's results outside React: the canvas draws the newest one on every display frame (requestAnimationFrame),
 * while the panels (table, people list, belief map) are refreshed through the store a few times a second at most.
 */

/** Panels refresh at most this often while the camera runs. */
export const PANEL_EVERY_MS = 250;

export class CameraResults<T extends { timestamp: number }> {
  private newest: T | null = null;
  private panelsAt = -Infinity;

  /**
   * Takes a result; false when a newer frame's result is already held (two frames in flight may answer out of
   * order: the overlay never goes back to an older frame).
   */
  offer(result: T): boolean {
    if (this.newest && result.timestamp < this.newest.timestamp) return false;
    this.newest = result;
    return true;
  }

  /** The result the canvas draws now. */
  latest(): T | null {
    return this.newest;
  }

  /** Whether the panels are due a refresh at `now` (ms); if so, the next one is PANEL_EVERY_MS later. */
  panelsDue(now: number): boolean {
    if (now - this.panelsAt < PANEL_EVERY_MS) return false;
    this.panelsAt = now;
    return true;
  }
}
