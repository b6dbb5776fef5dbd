import { expect, openApp, test, uploadSample } from './fixtures';

// Runs in the "webgpu-disabled" project: Chromium without WebGPU must fall back to WebGL and say why.
test('without WebGPU the app falls back to WebGL and still works', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveText('webgl');
  await expect(page.getByTestId('backend-reason')).toContainText('WebGPU');
  await uploadSample(page);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
});
