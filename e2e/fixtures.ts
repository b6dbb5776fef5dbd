import { type Page, expect, test as base } from '@playwright/test';
import { join } from 'node:path';

/** A real photo from the authors' release samples, read from ../shared at test time (never copied into the repo). */
export const SAMPLE = join(process.cwd(), '..', 'shared', 'samples', 'cpm-release', 'LSP_test', 'im1640.jpg');

/** Opens the app on the test model and waits until it is loaded and warmed up. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/?model=cpm-test');
  await expect(page.getByTestId('model-status')).toContainText('UNTRAINED');
}

export async function uploadSample(page: Page, file = SAMPLE): Promise<void> {
  await page.getByLabel('Open image').setInputFiles(file);
  await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible();
}

/** Every test fails on an uncaught error in the page, whatever else it checks. */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
