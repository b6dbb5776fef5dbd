/**
 * The camera, with Chromium's fake webcam playing a person walking across a green background (e2e/fakeCamera.ts):
 * the preview plays while readings run, and the tracked skeleton follows the person.
 */
import { BACKGROUND } from './fakeCamera';
import { DEFAULT_MODEL, expect, test } from './fixtures';

type Snapshot = Awaited<ReturnType<Window['__cpmDebug']['snapshot']>>;

/** The photo's rectangle in the snapshot's frame (its pixels that are not the green background), frame pixels. */
function photoRect(s: Snapshot): { x0: number; x1: number; y0: number; y1: number } {
  const { size, pixels } = s.frame;
  const scale = Math.max(s.width, s.height) / size;
  // The crop letterboxes the frame into size×size around its centre.
  const offsetX = (Math.max(s.width, s.height) - s.width) / 2;
  const offsetY = (Math.max(s.width, s.height) - s.height) / 2;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let v = 0; v < size; v += 1) {
    for (let u = 0; u < size; u += 1) {
      const o = (v * size + u) * 4;
      const distance = Math.hypot(pixels[o] - BACKGROUND[0], pixels[o + 1] - BACKGROUND[1], pixels[o + 2] - BACKGROUND[2]);
      const grey = Math.abs(pixels[o] - 128) + Math.abs(pixels[o + 1] - 128) + Math.abs(pixels[o + 2] - 128) < 6;
      if (distance < 40 || grey) continue;
      const x = u * scale - offsetX;
      const y = v * scale - offsetY;
      [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
    }
  }
  return { x0, x1, y0, y1 };
}

test('the camera preview plays while readings run, and the skeleton follows the person as they move', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  await page.goto(`/?model=${DEFAULT_MODEL}&devtools`);
  await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 300_000 });
  await page.getByRole('button', { name: 'Start camera' }).click();
  // The camera reads one pass a frame by default (the flip test stays the still images').
  await expect(page.getByRole('checkbox', { name: /Flip test for the camera/ })).not.toBeChecked();
  await page.getByRole('checkbox', { name: /Smooth camera keypoints/ }).uncheck();
  const overlay = page.getByTestId('overlay');
  await expect(overlay).toBeVisible();

  // A video, not the last result's frame: two looks 3 s apart differ (a new frame every second, the person walking).
  const first = await overlay.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await page.waitForTimeout(3000);
  expect(await overlay.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(first);

  await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('fps')).not.toHaveText(/^0(\.0+)? results/, { timeout: 300_000 });
  await expect(page.getByTestId('fps')).toContainText(/latency \d+ ms/);

  // Results from frames where the photo stands in different places: in each, the hips lie on the photo.
  const lefts: number[] = [];
  for (let tries = 0; tries < 45 && (lefts.length < 2 || Math.max(...lefts) - Math.min(...lefts) < 40); tries += 1) {
    const shot = await page.evaluate(() => window.__cpmDebug.snapshot());
    const rect = photoRect(shot);
    for (const hip of shot.keypoints.filter((k) => k.joint.endsWith('hip'))) {
      expect(hip.x, `${hip.joint} x on the photo (${rect.x0.toFixed(0)}…${rect.x1.toFixed(0)})`).toBeGreaterThanOrEqual(rect.x0 - 4);
      expect(hip.x).toBeLessThanOrEqual(rect.x1 + 4);
      expect(hip.y, `${hip.joint} y on the photo`).toBeGreaterThanOrEqual(rect.y0 - 4);
      expect(hip.y).toBeLessThanOrEqual(rect.y1 + 4);
    }
    lefts.push(rect.x0);
    await page.waitForTimeout(4000);
  }
  expect(Math.max(...lefts) - Math.min(...lefts), 'the person moved between the results checked').toBeGreaterThanOrEqual(40);

  await page.getByRole('button', { name: 'Stop camera' }).click();
  await expect(page.getByRole('button', { name: 'Start camera' })).toBeVisible();
});
