/**
 * Writes docs/ screenshots of the built app on a real sample image: the upload, and stage 1 vs stage T belief maps.
 * Usage: npm run build && npm run screenshots -- [model-id] [sample path relative to ../shared/] [person box size]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from '@playwright/test';
import { launchChromium, startPreview } from './browser';

const MODEL = process.argv[2] ?? 'cpm-test';
const SAMPLE = resolve('..', 'shared', process.argv[3] ?? 'samples/cpm-release/LSP_test/im1640.jpg');
const BOX_SIZE = process.argv[4] ?? '1';

async function main(): Promise<void> {
  const server = await startPreview(4175);
  try {
    const browser = await launchChromium(true);
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${server.url}?model=${MODEL}`);
    await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 120_000 });
    await page.getByLabel('Open image').setInputFiles(SAMPLE);
    await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible({ timeout: 120_000 });
    if (BOX_SIZE !== '1') {
      const rows = page.getByRole('table', { name: 'Keypoints' }).locator('tbody');
      const before = await rows.textContent();
      await page.getByRole('slider', { name: 'Person box size' }).fill(BOX_SIZE);
      await expect(rows).not.toHaveText(before ?? '', { timeout: 120_000 });
    }
    mkdirSync('docs', { recursive: true });
    const stages = Number(await page.getByRole('slider', { name: 'Stage' }).getAttribute('max'));
    await page.screenshot({ path: join('docs', `${MODEL}-upload.png`) });
    for (const stage of [1, stages]) {
      await page.getByRole('slider', { name: 'Stage' }).fill(String(stage));
      await expect(page.getByTestId('heatmap')).toHaveAttribute('aria-label', new RegExp(`stage ${stage},`));
      await page.screenshot({ path: join('docs', `${MODEL}-stage${stage}.png`) });
    }
    await browser.close();
    console.log(`wrote docs/${MODEL}-upload.png, docs/${MODEL}-stage1.png, docs/${MODEL}-stage${stages}.png`);
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
