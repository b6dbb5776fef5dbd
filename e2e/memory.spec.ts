import { expect, openApp, test } from './fixtures';

const FRAMES = Number(process.env.CPM_MEMORY_FRAMES ?? 500);

test(`tf.memory().numTensors stays flat over ${FRAMES} frames`, async ({ page }) => {
  test.setTimeout(30 * 60_000);
  await openApp(page, { devtools: true });
  await page.evaluate(() => window.__cpmDebug.runFrames(5, true));
  const before = await page.evaluate(() => window.__cpmDebug.memory());
  const started = Date.now();
  await page.evaluate((n) => window.__cpmDebug.runFrames(n, false), FRAMES);
  const seconds = (Date.now() - started) / 1000;
  const after = await page.evaluate(() => window.__cpmDebug.memory());
  const timed = await page.evaluate(() => window.__cpmDebug.runFrames(5, true));
  console.log(
    `${FRAMES} frames on ${after.backend} in ${seconds.toFixed(0)} s: numTensors ${before.numTensors} → ${after.numTensors}, ` +
      `bytes ${before.numBytes} → ${after.numBytes}; per-stage ms (5 timed frames): ${timed.map((ms) => ms.toFixed(1)).join(', ')}`,
  );
  expect(after.numTensors).toBe(before.numTensors);
  expect(after.numBytes).toBe(before.numBytes);
});
