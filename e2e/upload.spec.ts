import { readFileSync } from 'node:fs';
import { WEBGPU_TEST_MS, expect, openApp, test, uploadSample } from './fixtures';

test('upload a photo and see 14 keypoints on the WebGPU backend', async ({ page }) => {
  test.setTimeout(WEBGPU_TEST_MS);
  await openApp(page, { backend: 'webgpu' });
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await uploadSample(page);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
  await expect(page.getByTestId('overlay')).toBeVisible();
  await expect(page.getByTestId('perf')).toContainText('per stage');
});

test('download the keypoints of every stage as JSON and the overlay as PNG', async ({ page }) => {
  await openApp(page);
  // No backend asked for: WebGPU, WebGL and WebAssembly were timed against each other at start-up, and the badge says so.
  await expect(page.getByTestId('backend-reason')).toContainText(/test layers \d+ ms on WebGPU, \d+ ms on WebGL, \d+ ms on WebAssembly/);
  await uploadSample(page);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /keypoints \(JSON\)/ }).click()]);
  const path = await json.path();
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { model: { trained: boolean }; image: { width: number }; stages: { keypoints: unknown[] }[] };
  expect(doc.model.trained).toBe(false);
  expect(doc.image.width).toBe(133);
  expect(doc.stages).toHaveLength(6);
  expect(doc.stages[5].keypoints).toHaveLength(14);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /overlay \(PNG\)/ }).click()]);
  expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
});
