/** The two-person check: does the center map decide whom the stages read? (src/eval/centerCheck.ts) */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { centerCheck, formatCenterCheck } from '../src/eval/centerCheck';
import { loadEstimatorFromDisk } from '../src/eval/disk';
import { modelOnDisk } from '../src/eval/modelOnDisk';
import { loadPersons } from '../src/eval/runEval';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { model: { type: 'string' }, 'held-out': { type: 'boolean' } } });
if (positionals.length === 0) {
  console.error('usage: npm run center-check -- <folder> [<folder> ...] [--held-out] [--model <id>]');
  process.exit(2);
}
const modelId = modelOnDisk(values.model);
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs backend wasm failed to start');
const estimator = await loadEstimatorFromDisk(modelId, { finder: false });
const persons = loadPersons(positionals, values['held-out'] ?? false);
const report = await centerCheck(estimator, persons, (done, total) => {
  if (done % 50 === 0 || done === total) process.stderr.write(`\r${done}/${total} pairs`);
});
process.stderr.write('\n');
console.log(`model ${modelId}`);
console.log(formatCenterCheck(report));
estimator.dispose();
