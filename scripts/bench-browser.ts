/**
 * Prints per-stage milliseconds of a model in headless Chromium (SwiftShader), on WebGPU and with WebGPU disabled.
 * Each stage is read back as soon as it is computed; stage 1 includes the shared features.
 * Usage: npm run build && npm run bench -- [model-id] [frames]
 */
import { expect } from '@playwright/test';
import { launchChromium, startPreview } from './browser';

const MODEL = process.argv[2] ?? 'cpm-test';
const FRAMES = Number(process.argv[3] ?? 10);

async function main(): Promise<void> {
  const server = await startPreview(4176);
  try {
    for (const webgpu of [true, false]) {
      const browser = await launchChromium(webgpu);
      const page = await browser.newPage();
      await page.goto(`${server.url}?model=${MODEL}`);
      await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 300_000 });
      const backend = await page.getByTestId('backend').textContent();
      await page.evaluate(() => window.__cpmDebug.runFrames(2, true));
      const timed = await page.evaluate((n) => window.__cpmDebug.runFrames(n, true), FRAMES);
      const started = Date.now();
      await page.evaluate((n) => window.__cpmDebug.runFrames(n, false), FRAMES);
      const untimed = (Date.now() - started) / FRAMES;
      const total = timed.reduce((a, b) => a + b, 0);
      console.log(
        `${MODEL} on ${backend}: per stage ${timed.map((ms) => ms.toFixed(1)).join(' / ')} ms (sum ${total.toFixed(0)} ms); ` +
          `one read per frame: ${untimed.toFixed(0)} ms a frame (${FRAMES} frames)`,
      );
      await browser.close();
    }
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
