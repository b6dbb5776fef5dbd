import { WEBGPU_TEST_MS, expect, openApp, test, uploadSample } from './fixtures';

test('a lost GPU device is reported and the app carries on without WebGPU', async ({ page }) => {
  test.setTimeout(WEBGPU_TEST_MS);
  await openApp(page, { backend: 'webgpu', devtools: true });
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await page.evaluate(() => window.__cpmDebug.loseDevice());
  await expect(page.getByRole('alert')).toContainText('GPU device was lost');
  await expect(page.getByTestId('backend')).toHaveText(/^(webgl|wasm)$/);
  await expect(page.getByTestId('backend-reason')).toContainText('WebGPU not tried (its GPU device was lost)');
  await expect(page.getByTestId('model-status')).toBeVisible();
  await uploadSample(page);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
});
