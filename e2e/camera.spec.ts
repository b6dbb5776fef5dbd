/**
 * The camera, with Chromium's fake webcam playing the labelled walking video (e2e/fakeCamera.ts): person A walks
 * across, leaves, and comes back elsewhere; then B enters. Every frame carries its number, so each result drawn is
 * checked against the frame it was read from.
 */
import { readFileSync } from 'node:fs';
import type { ModelEntry } from '../src/cpm/modelIndex';
import type { CameraEntry } from '../src/devtools/protocol';
import { SCRIPT, type WalkLabels } from '../src/eval/walkVideo';
import { FAKE_CAMERA, VIDEO } from './fakeCamera';
import { DEFAULT_MODEL, expect, test } from './fixtures';

const [R_HIP, L_HIP] = [8, 11];

/** The longest run of consecutive results read from frames in [from, to) of the loop. */
function longestRun(entries: CameraEntry[], from: number, to: number): CameraEntry[] {
  let best: CameraEntry[] = [];
  let run: CameraEntry[] = [];
  for (const e of entries) {
    run = e.read >= from && e.read < to ? [...run, e] : [];
    if (run.length > best.length) best = run;
  }
  return best;
}

test('the camera drops a person who left within two results, finds them where they come back, and Stop clears', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  const labels = JSON.parse(readFileSync(`${FAKE_CAMERA}.json`, 'utf8')) as WalkLabels;
  await page.goto(`/?model=${DEFAULT_MODEL}&devtools`);
  await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 300_000 });
  await page.getByRole('button', { name: 'Start camera' }).click();
  // The camera reads one pass a frame by default (the flip test stays the still images').
  await expect(page.getByRole('checkbox', { name: /Flip test for the camera/ })).not.toBeChecked();
  const overlay = page.getByTestId('overlay');
  await expect(overlay).toBeVisible();

  // A video, not the last result's frame: two looks a second apart differ (the person walking).
  const first = await overlay.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await page.waitForTimeout(1000);
  expect(await overlay.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(first);
  await expect(page.getByTestId('fps')).not.toHaveText(/^0(\.0+)? results/, { timeout: 300_000 });
  await expect(page.getByTestId('fps')).toContainText(/latency \d+ ms/);

  // One loop of the video and the time A is gone: every result drawn, with the frame it was read from.
  const scale = (await overlay.evaluate((c: HTMLCanvasElement) => c.width)) / VIDEO.width;
  const ms = ((VIDEO.frames / VIDEO.fps) * (1 + SCRIPT.aBack[0] - SCRIPT.aWalk[1]) + 2) * 1000;
  const entries = await page.evaluate(([m, s]) => window.__cpmDebug.recordCamera(m, s), [ms, scale] as const);
  const frameOf = (t: number): number => Math.ceil(t * VIDEO.frames);

  const gone = longestRun(entries, frameOf(SCRIPT.aWalk[1]), frameOf(SCRIPT.aBack[0]));
  expect(gone.length, 'results read while nobody is in the video').toBeGreaterThanOrEqual(3);
  expect(gone.slice(2).map((e) => e.people.length), 'skeletons drawn from the third result after A left').toEqual(gone.slice(2).map(() => 0));

  /** Whether a result shows someone with both hips inside walker `who`'s box in the frame it was read from. */
  const hipsOn = (e: CameraEntry, who: 'A' | 'B'): boolean => {
    const w = labels.frames[e.read].find((walker) => walker.who === who);
    return !!w && e.people.some((p) => [R_HIP, L_HIP].every((j) => {
      const [x, y] = [p.keypoints[j].x / scale, p.keypoints[j].y / scale];
      return x >= w.x0 && x <= w.x1 && y >= w.y0 && y <= w.y1;
    }));
  };
  const back = longestRun(entries, frameOf(SCRIPT.aBack[0]), frameOf(SCRIPT.bEnter[0]));
  expect(back.filter((e) => hipsOn(e, 'A')).length, `results with hips inside A's box after A came back (of ${back.length})`).toBeGreaterThan(0);

  // B walks in while A is tracked: found within three results of being wholly in view (the finder is not due then).
  const inView = entries.filter((e) => labels.frames[e.read].some((w) => w.who === 'B' && w.x0 >= 0));
  expect(inView.length, 'results read with B wholly in view').toBeGreaterThanOrEqual(3);
  expect(inView.slice(0, 3).some((e) => hipsOn(e, 'B')), 'B found within three results').toBe(true);

  await page.getByRole('button', { name: 'Stop camera' }).click();
  await expect(page.getByRole('button', { name: 'Start camera' })).toBeVisible();
  await expect(overlay).toHaveCount(0);
  await expect(page.getByTestId('fps')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Keypoints' })).toHaveCount(0);
});

test("the camera reads with the model index.json marks for it, loaded when the camera starts; stills keep theirs", async ({ page }) => {
  test.setTimeout(10 * 60_000);
  const index = JSON.parse(readFileSync('public/models/index.json', 'utf8')) as ModelEntry[];
  const cameraModel = index.find((m) => m.camera);
  test.skip(!cameraModel || cameraModel.id === DEFAULT_MODEL, 'index.json marks no camera model of its own');
  await page.goto('/');
  await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 300_000 });
  const still = await page.getByTestId('model-status').textContent();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByRole('combobox', { name: /^Camera model/ })).toHaveValue(cameraModel?.id ?? '');
  await expect(page.getByTestId('model-status')).not.toHaveText(still ?? '', { timeout: 300_000 });
  await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible({ timeout: 300_000 });
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await expect(page.getByRole('combobox', { name: /^Model/ })).toHaveValue(DEFAULT_MODEL);
  await expect(page.getByTestId('model-status')).toHaveText(still ?? '');
});
