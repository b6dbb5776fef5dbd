import { expect, openApp, test, uploadSample } from './fixtures';

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await uploadSample(page);
});

test('moving the stage scrubber from 1 to T changes the belief map', async ({ page }) => {
  const heatmap = page.getByTestId('heatmap');
  const scrubber = page.getByRole('slider', { name: 'Stage' });
  await scrubber.fill('1');
  await expect(heatmap).toHaveAttribute('aria-label', /stage 1,/);
  const stage1 = await heatmap.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await scrubber.fill('6');
  await expect(heatmap).toHaveAttribute('aria-label', /stage 6,/);
  const stage6 = await heatmap.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  expect(stage6).not.toBe(stage1);
  await expect(page.getByRole('table', { name: 'Keypoints' })).toContainText('stage 6');
});

test('picking a joint shows its belief map', async ({ page }) => {
  const heatmap = page.getByTestId('heatmap');
  const all = await heatmap.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await page.getByRole('combobox', { name: 'Belief map' }).selectOption({ label: 'right wrist' });
  await expect(heatmap).toHaveAttribute('aria-label', /right wrist/);
  expect(await heatmap.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(all);
  await page.getByRole('combobox', { name: 'Belief map' }).selectOption({ label: 'background' });
  await expect(heatmap).toHaveAttribute('aria-label', /background/);
});

test('clicking the image moves the center map and re-estimates the pose', async ({ page }) => {
  const center = page.getByTestId('center');
  const before = await center.textContent();
  const rows = page.getByRole('table', { name: 'Keypoints' }).locator('tbody');
  const keypointsBefore = await rows.textContent();
  const overlay = page.getByTestId('overlay');
  const box = await overlay.boundingBox();
  if (!box) throw new Error('no overlay');
  await overlay.click({ position: { x: box.width * 0.25, y: box.height * 0.3 } });
  await expect(center).not.toHaveText(before ?? '');
  await expect(rows).not.toHaveText(keypointsBefore ?? '');
  await page.getByRole('checkbox', { name: 'Show center map' }).check();
  await page.getByRole('checkbox', { name: /Multi-scale/ }).check();
  await expect(page.getByTestId('perf')).toContainText('summed over scales 0.7, 1, 1.3');
});

test('a box framed by hand re-reads the image when its size changes', async ({ page }) => {
  const overlay = page.getByTestId('overlay');
  const box = await overlay.boundingBox();
  if (!box) throw new Error('no overlay');
  await overlay.click({ position: { x: box.width * 0.25, y: box.height * 0.3 } });
  await expect(page.getByTestId('people-summary')).toContainText('framed by hand');
  const rows = page.getByRole('table', { name: 'Keypoints' }).locator('tbody');
  const before = await rows.textContent();
  await page.getByRole('slider', { name: 'Person box size' }).fill('2');
  await expect(page.getByText('Box by hand: 2.0× the image')).toBeVisible();
  await expect(rows).not.toHaveText(before ?? '');
  await page.getByRole('button', { name: 'Find people again' }).click();
  await expect(page.getByTestId('people-summary')).toContainText('found');
});

test('flip testing is on by default and can be turned off', async ({ page }) => {
  const perf = page.getByTestId('perf');
  await expect(perf).toContainText('plain and mirrored passes');
  await page.getByRole('checkbox', { name: /Flip test/ }).uncheck();
  await expect(perf).not.toContainText('plain and mirrored passes');
});
