/**
 * Writes docs/ screenshots of the built app on a real sample image: the upload, and stage 1 vs stage T belief maps.
 * Usage: npm run build && npm run screenshots -- [model-id] [sample path relative to ../shared/]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, expect } from '@playwright/test';

const MODEL = process.argv[2] ?? 'cpm-test';
const SAMPLE = resolve('..', 'shared', process.argv[3] ?? 'samples/cpm-release/LSP_test/im1640.jpg');
const PORT = 4175;
const URL = `http://127.0.0.1:${PORT}/?model=${MODEL}`;

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    try {
      if ((await fetch(URL)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('vite preview did not start');
}

async function main(): Promise<void> {
  // Vite's own entry (not npx) so that killing the child stops the server.
  const vite = join('node_modules', 'vite', 'bin', 'vite.js');
  const server: ChildProcess = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
  });
  try {
    await waitForServer();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(URL);
    await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 120_000 });
    await page.getByLabel('Open image').setInputFiles(SAMPLE);
    await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible({ timeout: 120_000 });
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
    server.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
