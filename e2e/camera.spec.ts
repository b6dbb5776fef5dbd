import { expect, openApp, test } from './fixtures';

test('the fake camera produces processed frames', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('fps')).toBeVisible();
  await expect(page.getByTestId('overlay')).toBeVisible();
  await expect(page.getByTestId('fps')).not.toHaveText(/^0\.0 FPS/);
  await expect(page.getByRole('table', { name: 'Keypoints' }).locator('tbody tr')).toHaveCount(14);
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await expect(page.getByRole('button', { name: 'Start camera' })).toBeVisible();
});
