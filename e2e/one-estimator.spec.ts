/**
 * The app and `npm run eval` read people through one estimator (src/estimator/); only the crop differs (the worker's
 * canvas drawImage, Node's bilinear sampling). These tests hold the two together on real photos.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { NUM_MAPS } from '../src/cpm/architecture';
import type { EstimationConfig } from '../src/estimator/types';
import { decodeImage, loadEstimatorFromDisk, rgbaPicture } from '../src/eval/disk';
import { type Box, framingBox, imageToInput } from '../src/pose/box';
import type { PoseDocument } from '../src/pose/keypoints';
import { DEFAULT_MODEL, SAMPLE, expect, openApp, test, uploadSample } from './fixtures';
import { implausibilities } from './plausibility';

const NADAL = join(process.cwd(), '..', 'shared', 'samples', 'cpm-release', 'nadal.png');

/**
 * Mean |browser − Node| over every byte of the crop (RGB, 0…255). Both sample the picture bilinearly at the same
 * points (pose/box.ts's convention); they differ only in rounding and in the GPU's 8-bit interpolation weights.
 */
const CROP_BOUND = 2;

test("the worker's crop equals Node's bilinear crop of the same photo", async ({ page }) => {
  await openApp(page, { devtools: true });
  await uploadSample(page, NADAL);
  const image = decodeImage(NADAL);
  const picture = rgbaPicture(image);
  // The app's framing (the whole photo, 2.5 photo pixels per input pixel), a zoom on the player (less than one photo
  // pixel per input pixel) and a box off the photo's corner (grey pad).
  const boxes: Box[] = [framingBox(640, 360, null, 1), { x: 330.25, y: 100.5, side: 180 }, { x: -100, y: 200, side: 300 }];
  for (const box of boxes) {
    const browser = await page.evaluate((b) => window.__cpmDebug.crop(b), box);
    const mean = meanCropDifference(browser, picture.crop(box, browser.size, 128));
    console.log(`crop ${JSON.stringify(box)}: mean |browser − Node| = ${mean.toFixed(3)} / 255`);
    expect(mean).toBeLessThanOrEqual(CROP_BOUND);
  }
});

/**
 * Where a joint's two readings part by more than a pixel, the belief at the app's point must be a near tie with the
 * peak in Node's own map: stage 1 reads local evidence only and may hold two almost equal peaks (a left and a right
 * elbow), which the JPEG decoders' one-level pixel differences can swap.
 */
const NEAR_TIE = 0.9;

/** Mean |a − b| over the RGB bytes of two S×S crops (browser RGBA, Node RGB). */
function meanCropDifference(browser: { size: number; pixels: number[] }, node: Uint8Array | Uint8ClampedArray): number {
  let sum = 0;
  for (let i = 0; i < browser.size * browser.size; i += 1) {
    for (let c = 0; c < 3; c += 1) sum += Math.abs(browser.pixels[i * 4 + c] - node[i * 3 + c]);
  }
  return sum / (browser.size * browser.size * 3);
}

test(`the keypoints the app shows for im1640.jpg equal npm run eval --whole's reading (${DEFAULT_MODEL})`, async ({ page }) => {
  test.setTimeout(12 * 60_000);
  await page.goto(`/?model=${DEFAULT_MODEL}&devtools`);
  await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 240_000 });
  await page.getByLabel('Open image').setInputFiles(SAMPLE);
  await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible({ timeout: 240_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /keypoints \(JSON\)/ }).click()]);
  const app = JSON.parse(readFileSync(await download.path(), 'utf8')) as PoseDocument<EstimationConfig>;
  // The very config the app read the photo with: a still, its flip test and everything else as the app set it.
  expect(app.config).toMatchObject({ mode: 'still', flip: true });

  await tf.setBackend('wasm');
  const estimator = await loadEstimatorFromDisk(DEFAULT_MODEL);
  const picture = rgbaPicture(decodeImage(SAMPLE));
  const whole = await estimator.estimatePoses(picture, app.config);
  const { inputSize, stride } = estimator.network.spec;
  estimator.dispose();
  // The same person is found in both readings, in boxes a fraction of a pixel apart.
  expect(whole.people).toHaveLength(app.people.length);
  const node = whole.people[0];
  const box = node.box;
  const shownBox = app.people[0].box;
  console.log(`read box: Node ${JSON.stringify(box)}, app ${JSON.stringify(shownBox)}`);
  for (const key of ['x', 'y', 'side'] as const) expect(Math.abs(box[key] - shownBox[key])).toBeLessThanOrEqual(1);
  const browserCrop = await page.evaluate((b) => window.__cpmDebug.crop(b), box);
  console.log(`im1640 crop: mean |browser − Node| = ${meanCropDifference(browserCrop, picture.crop(box, inputSize, 128)).toFixed(3)} / 255`);

  expect(app.stages).toHaveLength(node.poses.length);
  const grid = Math.sqrt(node.maps.length / node.poses.length / NUM_MAPS);
  const worst = node.poses.map((pose, s) => {
    const maps = node.maps.subarray(s * grid * grid * NUM_MAPS, (s + 1) * grid * grid * NUM_MAPS);
    return Math.max(
      ...pose.keypoints.map((p, j) => {
        const shown = app.stages[s].keypoints[j];
        const apart = Math.max(Math.abs(p.x - shown.x), Math.abs(p.y - shown.y));
        if (apart <= 1) return apart;
        const input = imageToInput(box, inputSize, shown);
        const cell = (v: number): number => Math.min(grid - 1, Math.max(0, Math.round((v - (stride - 1) / 2) / stride)));
        const there = maps[(cell(input.y) * grid + cell(input.x)) * NUM_MAPS + j];
        console.log(`stage ${s + 1} ${p.joint}: ${apart.toFixed(1)} px apart; Node's belief there ${there.toFixed(3)}, at its peak ${p.confidence.toFixed(3)}`);
        expect(there, `stage ${s + 1} ${p.joint} is a near tie`).toBeGreaterThanOrEqual(NEAR_TIE * p.confidence);
        return 0;
      }),
    );
  });
  console.log(`largest |app − npm run eval| per stage, near ties aside: ${worst.map((px) => px.toFixed(2)).join(', ')} px`);
  worst.forEach((px, s) => expect(px, `stage ${s + 1}`).toBeLessThanOrEqual(1));
  const final = app.stages[app.stages.length - 1].keypoints;
  expect(implausibilities(final, app.image.width, app.image.height)).toEqual([]);
});
