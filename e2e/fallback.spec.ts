import { expect, openApp, test, uploadSample } from './fixtures';

// Runs in the "webgpu-disabled" project: Chromium without WebGPU must fall back, say why, and time what is left.
test('without WebGPU the app falls back to WebGL or WebAssembly, by the speed check, and still works', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveText(/^(webgl|wasm)$/);
  await expect(page.getByTestId('backend-reason')).toContainText('WebGPU');
  await expect(page.getByTestId('backend-reason')).toContainText(/test layers \d+ ms on WebGL, \d+ ms on WebAssembly/);
  await uploadSample(page);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
});
