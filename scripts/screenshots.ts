/**
 * Writes docs/ screenshots of the built app on a real sample image: the upload, and stage 1 vs stage T belief maps.
 * Usage: npm run build && npm run screenshots -- [model-id] [sample path relative to ../shared/] [file name prefix]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from '@playwright/test';
import { launchChromium, startPreview } from './browser';

const MODEL = process.argv[2] ?? 'cpm-test';
const SAMPLE = resolve('..', 'shared', process.argv[3] ?? 'samples/cpm-release/LSP_test/im1640.jpg');
const PREFIX = process.argv[4] ?? MODEL;

async function main(): Promise<void> {
  const server = await startPreview(4175);
  try {
    const browser = await launchChromium(true);
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${server.url}?model=${MODEL}`);
    await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 300_000 });
    await page.getByLabel('Open image').setInputFiles(SAMPLE);
    await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible({ timeout: 600_000 });
    mkdirSync('docs', { recursive: true });
    const stages = Number(await page.getByRole('slider', { name: 'Stage' }).getAttribute('max'));
    await page.screenshot({ path: join('docs', `${PREFIX}-upload.png`) });
    for (const stage of [1, stages]) {
      await page.getByRole('slider', { name: 'Stage' }).fill(String(stage));
      await expect(page.getByTestId('heatmap')).toHaveAttribute('aria-label', new RegExp(`stage ${stage},`));
      await page.screenshot({ path: join('docs', `${PREFIX}-stage${stage}.png`) });
    }
    await browser.close();
    console.log(`wrote docs/${PREFIX}-upload.png, docs/${PREFIX}-stage1.png, docs/${PREFIX}-stage${stages}.png`);
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
