import { readFileSync } from 'node:fs';
import { SAMPLE, expect, openApp, test } from './fixtures';

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
  const table = page.getByRole('table', { name: 'Keypoints' });
  await expect(table.locator('tbody tr')).toHaveCount(14);
  // The center is reported in the original image's pixels.
  await expect(page.getByTestId('center')).toContainText('center (6000, 6000)');
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
