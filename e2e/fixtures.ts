import { type Page, expect, test as base } from '@playwright/test';
import { join } from 'node:path';
import { modelOnDisk } from '../src/eval/modelOnDisk';
import type { TableKeypoint } from './plausibility';

/** A real photo from the authors' release samples, read from ../shared at test time (never copied into the repo). */
export const SAMPLE = join(process.cwd(), '..', 'shared', 'samples', 'cpm-release', 'LSP_test', 'im1640.jpg');

/** The model the app opens with when none is asked for (public/models/index.json). */
export const DEFAULT_MODEL = modelOnDisk();

/**
 * How long a page asked for WebGPU may take to be ready. Headless Chromium runs WebGPU on SwiftShader (the CPU), where
 * the warm-up's first run of the person finder (MoveNet MultiPose) alone took 110-120 s with Chromium 156, against
 * about 12 s for each run after it.
 */
export const WEBGPU_READY_MS = 240_000;

/** A test that opens the app on WebGPU and then reads a photo: the ready wait plus about two minutes. */
export const WEBGPU_TEST_MS = WEBGPU_READY_MS + 120_000;

/**
 * Opens the app on the test model and waits until it is loaded and warmed up: on the backend the start-up speed check
 * picks, or on the one asked for; with `devtools`, window.__cpmDebug is there (src/devtools, not in the app's bundle).
 */
export async function openApp(page: Page, options: { backend?: 'webgpu'; devtools?: boolean } = {}): Promise<void> {
  const query = new URLSearchParams({ model: 'cpm-test', ...(options.backend ? { backend: options.backend } : {}) });
  await page.goto(`/?${query.toString()}${options.devtools ? '&devtools' : ''}`);
  await expect(page.getByTestId('model-status')).toContainText('UNTRAINED', {
    timeout: options.backend === 'webgpu' ? WEBGPU_READY_MS : undefined,
  });
}

export async function uploadSample(page: Page, file = SAMPLE): Promise<void> {
  await page.getByLabel('Open image').setInputFiles(file);
  await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible();
}

/** The keypoint table's rows at the last stage (the selected person's), in original-image pixels. */
export async function finalStageKeypoints(page: Page): Promise<TableKeypoint[]> {
  const table = page.getByRole('table', { name: 'Keypoints' });
  const stages = (await page.getByRole('slider', { name: 'Stage' }).getAttribute('max')) ?? '6';
  await page.getByRole('slider', { name: 'Stage' }).fill(stages);
  await expect(table).toContainText(`stage ${stages}`);
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs: Element[]) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
  return rows.map(([joint, x, y]) => ({ joint, x: Number(x), y: Number(y) }));
}

/** Clicks a picture pixel on the overlay, which shows the picture with object-fit: contain. */
export async function clickPicturePoint(page: Page, width: number, height: number, x: number, y: number): Promise<void> {
  const overlay = page.getByTestId('overlay');
  const box = await overlay.boundingBox();
  if (!box) throw new Error('no overlay');
  const scale = Math.min(box.width / width, box.height / height);
  const left = (box.width - width * scale) / 2;
  const top = (box.height - height * scale) / 2;
  await overlay.click({ position: { x: left + (x + 0.5) * scale, y: top + (y + 0.5) * scale } });
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
