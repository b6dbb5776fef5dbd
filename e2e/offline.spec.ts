/** A second visit: the app and its model come from the service worker's cache, and it works with no network. */
import { expect, openApp, test, uploadSample } from './fixtures';

test('a second visit works offline, its model files served from the cache', async ({ page, context }) => {
  await openApp(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first visit fetched its model before the worker took control: the next visit, online, caches it.
  await page.reload();
  await expect(page.getByTestId('model-status')).toContainText('UNTRAINED');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  const modelFiles: { url: string; cached: boolean }[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/models/')) modelFiles.push({ url: response.url(), cached: response.fromServiceWorker() });
  });
  await page.reload();
  await expect(page.getByTestId('model-status')).toContainText('UNTRAINED');
  // The WebAssembly kernels come from the cache too: the speed check timed that backend offline.
  await expect(page.getByTestId('backend-reason')).toContainText(/\d+ ms on WebAssembly/);
  await uploadSample(page);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
  expect(modelFiles.filter((f) => !f.cached)).toEqual([]);
  await context.setOffline(false);
});
