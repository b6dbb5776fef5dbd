import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { GOLDEN_TOLERANCE, type GoldenFixture, base64Floats, goldenInput } from '../src/cpm/golden';
import type { CpmModelFile } from '../src/cpm/modelFile';
import { expect, openApp, test } from './fixtures';

const MODEL = join('public', 'models', 'cpm-test');

test('the browser network (WebGPU) equals the PyTorch reference at every stage', async ({ page }) => {
  const goldenPath = join(MODEL, 'golden.json');
  expect(existsSync(goldenPath), `${goldenPath} is missing (written by training/cpm_train/export/golden.py)`).toBe(true);
  const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as GoldenFixture;
  const model = JSON.parse(readFileSync(join(MODEL, 'model.json'), 'utf8')) as CpmModelFile;
  const png = PNG.sync.read(readFileSync(join('..', 'shared', golden.source)));
  const input = Array.from(goldenInput(golden, png, model.cpm.architecture));
  const expected = Array.from(base64Floats(golden.stages));

  await openApp(page, 'webgpu');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  const result = await page.evaluate(
    ([i, c, e]) => window.__cpmDebug.verify(i, c, e),
    [input, { x: golden.center[0], y: golden.center[1] }, expected] as const,
  );
  console.log(`max |WebGPU − PyTorch| per stage: ${result.maxAbsDiff.map((d) => d.toExponential(2)).join(', ')}`);
  expect(result.backend).toBe('webgpu');
  expect(result.maxAbsDiff).toHaveLength(golden.shape[0]);
  for (const diff of result.maxAbsDiff) expect(diff).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
});
