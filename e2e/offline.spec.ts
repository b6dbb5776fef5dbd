/**
 * Offline after one online visit, on the README's own server (vite preview, which answers with `Vary: Origin`): the
 * service worker precaches the app, the default model and the person finder while the first visit runs, and a reload
 * with no network reads a photo from the cache alone.
 */
import { DEFAULT_MODEL, expect, test, uploadSample } from './fixtures';

test('one online visit is enough: offline, the reload reads a photo, every file from the cache', async ({ page, context }) => {
  test.setTimeout(8 * 60_000);
  await page.goto(`/?model=${DEFAULT_MODEL}`);
  await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 240_000 });
  // Installed means precached: the worker is activated only once every file of precache.json is in the cache.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  const failed: string[] = [];
  const fromNetwork: string[] = [];
  page.on('requestfailed', (request) => failed.push(request.url()));
  page.on('response', (response) => {
    if (!response.fromServiceWorker() && response.url().startsWith('http')) fromNetwork.push(response.url());
  });
  await page.reload();
  await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 240_000 });
  // The WebAssembly kernels come from the cache too: the speed check timed that backend offline.
  await expect(page.getByTestId('backend-reason')).toContainText(/\d+ ms on WebAssembly/);
  await uploadSample(page);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
  expect(failed).toEqual([]);
  expect(fromNetwork).toEqual([]);
  await context.setOffline(false);
});
