import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_MODEL, expect, finalStageKeypoints, test } from './fixtures';
import { type TableKeypoint, implausibilities } from './plausibility';

const SAMPLES = join(process.cwd(), '..', 'shared', 'samples', 'cpm-release');

interface Photo {
  file: string;
  width: number;
  height: number;
}

/**
 * A wide photo with a small, off-centre player (read from ../shared): the person finder frames him, no click needed.
 * The small LSP image with the person centred is read by one-estimator.spec.ts, which also holds the app's keypoints
 * to `npm run eval`'s.
 */
const PHOTOS: Photo[] = [{ file: 'nadal.png', width: 640, height: 360 }];
const LSP: Photo = { file: 'LSP_test/im1640.jpg', width: 133, height: 188 };

/**
 * A trained model reads each picture twice (the flip test, on by default) through MoveNet on SwiftShader: about half
 * a minute a reading on 2 idle cores, minutes when the cores are shared. Waits on a reading get this long.
 */
const READING = { timeout: 240_000 };

async function finalKeypoints(page: Page, model: string, photo: Photo): Promise<TableKeypoint[]> {
  await page.goto(`/?model=${model}`);
  await expect(page.getByTestId('model-status')).toBeVisible(READING);
  await page.getByLabel('Open image').setInputFiles(join(SAMPLES, photo.file));
  await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible(READING);
  return finalStageKeypoints(page);
}

for (const photo of PHOTOS) {
  test(`the trained model finds a plausible pose in ${photo.file}`, async ({ page }) => {
    test.setTimeout(12 * 60_000);
    const points = await finalKeypoints(page, DEFAULT_MODEL, photo);
    expect(points).toHaveLength(14);
    expect(implausibilities(points, photo.width, photo.height)).toEqual([]);
  });
}

test('the plausibility check rejects the random test model', async ({ page }) => {
  const points = await finalKeypoints(page, 'cpm-test', LSP);
  expect(implausibilities(points, LSP.width, LSP.height)).not.toEqual([]);
});
