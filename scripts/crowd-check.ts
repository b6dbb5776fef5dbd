/**
 * Synthetic crowds of held-out persons (src/eval/crowd.ts) read by the app's estimator (src/eval/crowdCheck.ts): with
 * the person finder as it ships, then as it was before tiles (WHOLE_PICTURE_SEARCH), to compare the two.
 * Usage: npm run crowd-check -- <folder> [<folder> ...] [--model <id>] [--crowds <n>] [--flip]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { WHOLE_PICTURE_SEARCH } from '../src/estimator/constants';
import { CROWD_SEED, crowdCandidates, crowdSet } from '../src/eval/crowd';
import { type Progress, finderLines, formatLayouts, readCrowdsByLabels } from '../src/eval/crowdCheck';
import { decodeImage, loadEstimatorFromDisk } from '../src/eval/disk';
import { modelOnDisk } from '../src/eval/modelOnDisk';
import { loadPersons, stillConfig } from '../src/eval/runEval';
import { cutSprite } from '../src/eval/sprites';

const USAGE = 'usage: npm run crowd-check -- <folder> [<folder> ...] [--model <id>] [--crowds <n>] [--flip]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { model: { type: 'string' }, crowds: { type: 'string', default: '4' }, flip: { type: 'boolean' } },
});
const count = Number(values.crowds);
if (positionals.length === 0 || !Number.isInteger(count) || count < 1) {
  console.error(USAGE);
  process.exit(2);
}
const started = performance.now();
const modelId = modelOnDisk(values.model);
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs backend wasm failed to start');
const pool = crowdCandidates(loadPersons(positionals, true)).map((p) => cutSprite(p, decodeImage(p.image)));
const set = crowdSet(pool, count);
// Plain readings, as `npm run eval --whole`; with --flip, as the app reads a dropped photo by default.
const config = stillConfig({ flip: values.flip ?? false });
const progress =
  (what: string): Progress =>
  (done, total) =>
    process.stderr.write(`\r${what}: ${done}/${total}${done === total ? '\n' : ''}`);

console.log(`model ${modelId}; ${pool.length} held-out persons to make crowds of; seed ${CROWD_SEED}; flip test ${config.flip ? 'on' : 'off'}`);
console.log(formatLayouts(set));
const shipped = await loadEstimatorFromDisk(modelId);
// Read from their labels, persons do not go through the finder: the same lines for both finders.
const labels = await readCrowdsByLabels(shipped, set, config, progress('cut from labels'));
console.log(await finderLines(shipped, 'the estimator as it ships', set, config, labels, progress));
shipped.dispose();
const before = await loadEstimatorFromDisk(modelId, { settings: { search: WHOLE_PICTURE_SEARCH } });
console.log(await finderLines(before, 'WHOLE_PICTURE_SEARCH, the finder before tiles', set, config, labels, progress));
before.dispose();
process.stderr.write(`crowd-check took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
