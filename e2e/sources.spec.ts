import { readFileSync } from 'node:fs';
import { SAMPLE, clickPicturePoint, expect, openApp, test } from './fixtures';

test('a dropped 12000×12000 image is downscaled safely and read', async ({ page }) => {
  await openApp(page);
  await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(12000, 12000);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D context');
    ctx.fillStyle = '#3a6';
    ctx.fillRect(0, 0, 12000, 12000);
    ctx.fillStyle = '#fff';
    ctx.fillRect(5000, 3000, 2000, 6000);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.5 });
    const data = new DataTransfer();
    data.items.add(new File([blob], 'huge.jpg', { type: 'image/jpeg' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
  });
  // A white block on green is nobody: the app says so and draws no skeleton, until a person is framed by hand.
  await expect(page.getByTestId('people-summary')).toContainText('No person found');
  const table = page.getByRole('table', { name: 'Keypoints' });
  await expect(table).toHaveCount(0);
  await clickPicturePoint(page, 2048, 2048, 1024, 1024);
  await expect(table.locator('tbody tr')).toHaveCount(14);
  // The center is reported in the original image's pixels (the bitmap is the 12000² image at 2048²): the click at
  // the bitmap's middle is near (6000, 6000), within the few original pixels a screen pixel spans.
  const center = (await page.getByTestId('center').textContent())?.match(/center \((\d+), (\d+)\)/);
  expect(center, 'the center is shown').not.toBeNull();
  for (const value of (center ?? []).slice(1)) expect(Math.abs(Number(value) - 6000)).toBeLessThanOrEqual(20);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a pasted photo is read', async ({ page }) => {
  await openApp(page);
  const bytes = Array.from(readFileSync(SAMPLE));
  await page.evaluate((b) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(b)], 'pasted.jpg', { type: 'image/jpeg' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
  }, bytes);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
});

test('pasted text is not an image, and the page says so', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'a person');
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
  });
  await expect(page.getByRole('alert')).toContainText('what was pasted is not an image');
});

test('the page is highlighted as a drop target while a file is dragged over it', async ({ page }) => {
  await openApp(page);
  const drag = (type: 'dragenter' | 'dragleave') =>
    page.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File(['x'], 'photo.jpg', { type: 'image/jpeg' }));
      window.dispatchEvent(new DragEvent(t, { dataTransfer: data }));
    }, type);
  await drag('dragenter');
  await expect(page.locator('body')).toHaveClass(/drop-target/);
  await drag('dragleave');
  await expect(page.locator('body')).not.toHaveClass(/drop-target/);
});

test('the controls say loading… until the model is ready', async ({ page }) => {
  // Hold the model's weights back: the page shows its controls before the model is there.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/models/cpm-test/weights.bin', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?model=cpm-test');
  await expect(page.getByText('Stage loading…')).toBeVisible();
  await expect(page.getByText('Box by hand: loading…')).toBeVisible();
  release();
  await expect(page.getByTestId('model-status')).toContainText('UNTRAINED');
  await expect(page.getByText('Stage loading…')).toHaveCount(0);
  await expect(page.getByText(/Box by hand: \d\.\d× the image/)).toBeVisible();
});

test('a denied camera gives a clear message and the app still works', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await openApp(page);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByRole('alert')).toContainText('camera access was denied');
  await page.getByLabel('Open image').setInputFiles(SAMPLE);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
});

test('a picture too small to hold a person is refused with its size, and nothing is drawn', async ({ page }) => {
  await openApp(page);
  const onePixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==', 'base64');
  await page.getByLabel('Open image').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: onePixel });
  await expect(page.getByRole('alert')).toContainText('could not open dot.png: it is 1×1 px, too small to read');
  await expect(page.getByRole('table', { name: 'Keypoints' })).toHaveCount(0);
});
