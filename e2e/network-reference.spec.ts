import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { GOLDEN_TOLERANCE, type GoldenFixture, base64Floats, goldenInput } from '../src/cpm/golden';
import type { CpmModelFile } from '../src/cpm/modelFile';
import type { Page } from '@playwright/test';
import { DEFAULT_MODEL, WEBGPU_READY_MS, expect, test } from './fixtures';

/** Reads model `id`'s golden input on `backend` in the page and checks every stage against PyTorch's maps. */
async function checkGolden(page: Page, id: string, backend: 'webgpu' | 'webgl'): Promise<void> {
  const dir = join('public', 'models', id);
  const goldenPath = join(dir, 'golden.json');
  expect(existsSync(goldenPath), `${goldenPath} is missing (written by training/cpm_train/export/golden.py)`).toBe(true);
  const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as GoldenFixture;
  const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as CpmModelFile;
  const png = PNG.sync.read(readFileSync(join('..', 'shared', golden.source)));
  const input = Array.from(goldenInput(golden, png, model.cpm.architecture));
  const expected = Array.from(base64Floats(golden.stages));

  await page.goto(`/?model=${id}&backend=${backend}&devtools`);
  await expect(page.getByTestId('model-status')).toBeVisible({ timeout: WEBGPU_READY_MS });
  await expect(page.getByTestId('backend')).toHaveText(backend);
  const result = await page.evaluate(
    ([i, c, e]) => window.__cpmDebug.verify(i, c, e),
    [input, { x: golden.center[0], y: golden.center[1] }, expected] as const,
  );
  console.log(`${id}: max |${backend} − PyTorch| per stage: ${result.maxAbsDiff.map((d) => d.toExponential(2)).join(', ')}`);
  expect(result.backend).toBe(backend);
  expect(result.maxAbsDiff).toHaveLength(golden.shape[0]);
  for (const diff of result.maxAbsDiff) expect(diff).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
}

test('the browser network (WebGPU) equals the PyTorch reference at every stage', async ({ page }) => {
  await checkGolden(page, 'cpm-test', 'webgpu');
});

// WebGL reads a refining stage's odd-channel input with one channel more and a zero row (src/cpm/network.ts).
test(`the default model (${DEFAULT_MODEL}) on WebGL equals the PyTorch reference at every stage`, async ({ page }) => {
  test.setTimeout(6 * 60_000);
  await checkGolden(page, DEFAULT_MODEL, 'webgl');
});
