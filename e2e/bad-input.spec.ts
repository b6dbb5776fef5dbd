import { expect, openApp, test, uploadSample } from './fixtures';

test('a corrupt file and an empty file show an error, and the app still works after', async ({ page }) => {
  await openApp(page);
  const input = page.getByLabel('Open image');
  await input.setInputFiles({ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a JPEG') });
  await expect(page.getByRole('alert')).toContainText('could not open broken.jpg');
  await input.setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('alert')).toContainText('empty.png is empty');
  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert')).toContainText('not an image');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await uploadSample(page);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
});

test('a model that fails to download gives a clear message', async ({ page }) => {
  await page.goto('/?model=no-such-model');
  await expect(page.getByRole('alert')).toContainText('could not load the model');
});
