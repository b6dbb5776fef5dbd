import { describe, expect, it } from 'vitest';
import { CameraResults, PANEL_EVERY_MS } from './cameraResults';

describe('camera results outside React', () => {
  it('the canvas draws the newest result, never an older frame that answered late', () => {
    const results = new CameraResults<{ timestamp: number; name: string }>();
    expect(results.latest()).toBeNull();
    expect(results.offer({ timestamp: 10, name: 'a' })).toBe(true);
    expect(results.offer({ timestamp: 30, name: 'c' })).toBe(true);
    expect(results.offer({ timestamp: 20, name: 'b' })).toBe(false);
    expect(results.latest()?.name).toBe('c');
  });

  it('refreshes the panels a few times a second at most', () => {
    const results = new CameraResults<{ timestamp: number }>();
    const due = [0, 50, 100, PANEL_EVERY_MS - 1, PANEL_EVERY_MS, PANEL_EVERY_MS + 10, 2 * PANEL_EVERY_MS].map((t) => results.panelsDue(t));
    expect(due).toEqual([true, false, false, false, true, false, true]);
  });
});
