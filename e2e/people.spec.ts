/** A whole photo of several people, read as the paper does: the person finder, then each person cut out at their scale. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoseDocument } from '../src/pose/keypoints';
import { handBoxSize } from '../src/pose/people';
import { DEFAULT_MODEL, clickPicturePoint, expect, finalStageKeypoints, test } from './fixtures';
import { implausibilities } from './plausibility';

const PHOTO = join(process.cwd(), '..', 'shared', 'samples', 'cpm-release', 'CMU_panoptic', '00000998_01_01.png');
const WIDTH = 640;
const HEIGHT = 480;
/** Two people, each read twice (flip test) through MoveNet on SwiftShader: minutes on 2 shared cores. */
const READING = { timeout: 300_000 };

test('every person in a group photo gets a skeleton, and clicking another person selects them', async ({ page }) => {
  test.setTimeout(12 * 60_000);
  await page.goto(`/?model=${DEFAULT_MODEL}`);
  await expect(page.getByTestId('model-status')).toBeVisible(READING);
  await page.getByLabel('Open image').setInputFiles(PHOTO);
  const table = page.getByRole('table', { name: 'Keypoints' });
  await expect(table).toBeVisible(READING);
  await expect(page.getByTestId('people-summary')).toContainText(/[2-6] people found/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /keypoints \(JSON\)/ }).click()]);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8')) as PoseDocument;
  expect(doc.people.length).toBeGreaterThanOrEqual(2);
  expect(doc.selected).toBe(0);
  const other = doc.people[1].finderBox;
  if (!other) throw new Error('the second person has no finder box');
  const [x0, y0, x1, y1] = other;

  await clickPicturePoint(page, WIDTH, HEIGHT, (x0 + x1) / 2, (y0 + y1) / 2);
  await expect(page.getByRole('button', { name: /^Person 2/ })).toHaveAttribute('aria-pressed', 'true');
  const points = await finalStageKeypoints(page);
  expect(implausibilities(points, WIDTH, HEIGHT)).toEqual([]);
  for (const hip of points.filter((p) => p.joint.endsWith('hip'))) {
    expect(hip.x, `${hip.joint} x inside person 2's box`).toBeGreaterThanOrEqual(x0);
    expect(hip.x).toBeLessThanOrEqual(x1);
    expect(hip.y, `${hip.joint} y inside person 2's box`).toBeGreaterThanOrEqual(y0);
    expect(hip.y).toBeLessThanOrEqual(y1);
  }

  // JSON: the weak-joint threshold of the card, and each person's weak joints (names of the 14).
  expect(doc.weakPeak).toBeGreaterThan(0);
  for (const person of doc.people) expect(person.weakJoints.every((j) => doc.stages[0].keypoints.some((k) => k.joint === j))).toBe(true);

  // The keyboard moves between the people found too.
  await page.getByTestId('overlay').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('button', { name: /^Person 2/ })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: doc.people.length === 2 ? /^Person 1/ : /^Person 3/ })).toHaveAttribute('aria-pressed', 'true');

  // Confidences are beliefs in 0…1; the raw peak may stray past them, beside it.
  for (const k of doc.people.flatMap((p) => p.stages.flatMap((s) => s.keypoints))) {
    expect(k.confidence).toBeGreaterThanOrEqual(0);
    expect(k.confidence).toBeLessThanOrEqual(1);
    expect(typeof k.peak).toBe('number');
  }

  // A click away from everyone frames one more person by hand, in a box the size of the person found nearest, and
  // keeps everyone found; Escape removes that box again.
  const expected = handBoxSize(doc.people.map((p) => p.box), { x: 4, y: 4 }, WIDTH);
  await clickPicturePoint(page, WIDTH, HEIGHT, 4, 4);
  await expect(page.getByText(`Box by hand: ${String(expected?.toFixed(1))}× the image`)).toBeVisible();
  const people = page.getByRole('region', { name: 'People' });
  await expect(people.getByRole('button', { name: /by hand$/ })).toHaveAttribute('aria-pressed', 'true', READING);
  await expect(people.getByRole('button', { name: /^Person \d+ · \d+ %/ })).toHaveCount(doc.people.length);
  await expect(page.getByTestId('people-summary')).toContainText(new RegExp(`^${doc.people.length} people found .*, and one person framed by hand$`));
  await page.getByTestId('overlay').focus();
  await page.keyboard.press('Escape');
  await expect(people.getByRole('button', { name: /by hand$/ })).toHaveCount(0, READING);
  await expect(people.getByRole('button', { name: /^Person \d+ · \d+ %/ })).toHaveCount(doc.people.length);
});
