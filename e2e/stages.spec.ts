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
  // Another size than the one the click set (that of the person found nearest).
  const slider = page.getByRole('slider', { name: 'Person box size' });
  const size = Number(await slider.inputValue()) > 1.5 ? '1' : '2';
  await slider.fill(size);
  await expect(page.getByText(`Box by hand: ${size}.0× the image`)).toBeVisible();
  await expect(rows).not.toHaveText(before ?? '');
  await page.getByRole('button', { name: /Remove the box by hand/ }).click();
  await expect(page.getByTestId('people-summary')).not.toContainText('framed by hand');
});

test("the receptive field is drawn clipped to the crop where it outgrows it, and said in words", async ({ page }) => {
  await page.getByRole('combobox', { name: 'Belief map' }).selectOption({ label: 'right wrist' });
  await page.getByRole('checkbox', { name: /Show the receptive field/ }).check();
  const scrubber = page.getByRole('slider', { name: 'Stage' });
  const overlay = page.getByTestId('overlay');
  await scrubber.fill('1');
  await expect(page.getByTestId('field-text')).toContainText(/stage 1 sees \d+ px/);
  const stage1 = await overlay.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await scrubber.fill('6');
  await expect(page.getByTestId('field-text')).toContainText(/stage 6 sees \d+ px: all of the crop/);
  // A yellow dashed square is drawn at the last stage too (clipped to the crop), not left out.
  const yellow = await overlay.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 230 && data[i + 1] > 210 && data[i + 2] < 40) count += 1;
    return count;
  });
  expect(yellow).toBeGreaterThan(50);
  expect(await overlay.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(stage1);
});

test('flip testing is on by default and can be turned off', async ({ page }) => {
  const perf = page.getByTestId('perf');
  await expect(perf).toContainText('plain and mirrored passes');
  await page.getByRole('checkbox', { name: /Flip test/ }).uncheck();
  await expect(perf).not.toContainText('plain and mirrored passes');
});
