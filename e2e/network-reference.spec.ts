import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { type GoldenFixture, base64Floats, nearestCrop } from '../src/cpm/golden';
import { normalizePixels } from '../src/pose/normalize';
import { expect, openApp, test } from './fixtures';

const MODEL = join('public', 'models', 'cpm-test');
/** The bound: browser maps equal the independent implementation's within 1e-3. */
const TOLERANCE = 1e-3;

test('the browser network (WebGPU) equals the PyTorch reference at every stage', async ({ page }) => {
  const goldenPath = join(MODEL, 'golden.json');
  expect(existsSync(goldenPath), `${goldenPath} is missing (written by training/cpm_train/golden.py)`).toBe(true);
  const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as GoldenFixture;
  const model = JSON.parse(readFileSync(join(MODEL, 'model.json'), 'utf8')) as {
    cpm: { architecture: { inputSize: number; normalization: { channelOrder: 'RGB' | 'BGR'; scale: number; offset: number; padValue: number } } };
  };
  const spec = model.cpm.architecture;
  const png = PNG.sync.read(readFileSync(join('..', 'shared', golden.source)));
  const crop = nearestCrop(png.data, png.width, png.height, golden.box, spec.inputSize, spec.normalization.padValue);
  const input = Array.from(normalizePixels(crop, spec.inputSize, spec.inputSize, spec.normalization));
  const expected = Array.from(base64Floats(golden.stages));

  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  const result = await page.evaluate(
    ([i, c, e]) => window.__cpmDebug.verify(i, c, e),
    [input, { x: golden.center[0], y: golden.center[1] }, expected] as const,
  );
  console.log(`max |WebGPU − PyTorch| per stage: ${result.maxAbsDiff.map((d) => d.toExponential(2)).join(', ')}`);
  expect(result.backend).toBe('webgpu');
  expect(result.maxAbsDiff).toHaveLength(golden.shape[0]);
  for (const diff of result.maxAbsDiff) expect(diff).toBeLessThanOrEqual(TOLERANCE);
});
