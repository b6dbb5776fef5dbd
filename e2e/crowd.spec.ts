/**
 * A crowd of ten, composited from held-out LSPET persons (src/eval/crowd.ts) and written by the test from ../shared:
 * more than the person finder reports in one reading (six), so only its tiles find them all.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CROWD, writeTestCrowd } from '../src/eval/crowd';
import { loadFolder } from '../src/eval/datasets';
import { isFound } from '../src/eval/match';
import { torsoLength } from '../src/eval/pck';
import type { PoseDocument } from '../src/pose/keypoints';
import { DEFAULT_MODEL, expect, test } from './fixtures';

const CROWD = join(tmpdir(), 'cpm-e2e-crowd.png');

test('a composited crowd of ten shows ten skeletons, each on a person of the crowd', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  const persons = writeTestCrowd(loadFolder(join(process.cwd(), '..', 'shared', 'data', 'lspet')), CROWD);
  expect(persons).toHaveLength(10);
  // WebAssembly: the backend a machine without a GPU gets, and ten people read twice (the flip test) in seconds.
  await page.goto(`/?model=${DEFAULT_MODEL}&backend=wasm`);
  await expect(page.getByTestId('model-status')).toBeVisible({ timeout: 300_000 });
  await page.getByLabel('Open image').setInputFiles(CROWD);
  await expect(page.getByRole('table', { name: 'Keypoints' })).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('people-summary')).toContainText('10 people found (a photo reads at most 16)');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /keypoints \(JSON\)/ }).click()]);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8')) as PoseDocument;
  expect(doc.image).toMatchObject({ width: TEST_CROWD.width, height: TEST_CROWD.height });
  const skeletons = doc.people.map((p) => p.stages[p.stages.length - 1].keypoints.map((k): [number, number] => [k.x, k.y]));
  const found = persons.filter((person) => {
    const torso = torsoLength(person.joints, person.labelled);
    return torso !== null && skeletons.some((pose) => isFound({ joints: person.joints, labelled: person.labelled, torso }, pose));
  });
  expect(found.length, 'persons of the crowd with a skeleton on them').toBe(10);
});
