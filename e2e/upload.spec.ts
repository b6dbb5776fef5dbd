import { expect, openApp, test, uploadSample } from './fixtures';

test('upload a photo and see 14 keypoints on the WebGPU backend', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await uploadSample(page);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
  await expect(page.getByTestId('overlay')).toBeVisible();
  await expect(page.getByTestId('perf')).toContainText('per stage');
});
