/**
 * The person finder alone on whole labelled pictures: how many labelled persons each rule for which findings are read
 * frames (src/eval/finderRecall.ts), how many boxes it reports, and how long one finder run takes (tfjs wasm).
 * Usage: npm run finder-recall -- <folder> [<folder> ...] [--held-out]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { modelOnDisk } from '../src/eval/modelOnDisk';
import { parseArgs } from 'node:util';
import { PERSON_SCORES, WHOLE_PICTURE_SEARCH } from '../src/estimator/constants';
import { decodeImage, loadEstimatorFromDisk, rgbaPicture } from '../src/eval/disk';
import { FinderRecall, formatRecall } from '../src/eval/finderRecall';
import { labelBox, torsoLength } from '../src/eval/pck';
import { byPicture, loadPersons } from '../src/eval/runEval';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'held-out': { type: 'boolean' } } });
if (positionals.length === 0) {
  console.error('usage: npm run finder-recall -- <folder> [<folder> ...] [--held-out]');
  process.exit(2);
}
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs backend wasm failed to start');
const estimator = await loadEstimatorFromDisk(modelOnDisk());
const recall = new FinderRecall([
  ['score >= 0.1', { min: 0.1, lone: 0.1 }],
  ['camera (>= 0.1, else 0.03)', PERSON_SCORES.video],
  ['still (>= 0.05, else 0.03)', PERSON_SCORES.still],
  ['score >= 0.03', { min: 0.03, lone: 0.03 }],
]);
// Scored as npm run eval --whole scores: persons with a torso, in pictures read whole.
const persons = loadPersons(positionals, values['held-out'] ?? false).filter((p) => torsoLength(p.joints, p.labelled) !== null);
const pictures = byPicture(persons);
const times: number[] = [];
for (const group of pictures) {
  const picture = rgbaPicture(decodeImage(group[0].image));
  const start = performance.now();
  const findings = await estimator.findPeople(picture, { ...WHOLE_PICTURE_SEARCH.still, min: 0, lone: 0 });
  times.push(performance.now() - start);
  recall.add(findings, group.map((p) => labelBox(p.joints, p.labelled, 1)));
  if (times.length % 50 === 0) process.stderr.write(`\r${times.length}/${pictures.length} pictures`);
}
process.stderr.write('\n');
times.sort((a, b) => a - b);
console.log(formatRecall(recall.results()));
console.log(`one finder run (tfjs wasm, crop and read-back included): median ${times[times.length >> 1].toFixed(0)} ms over ${times.length} pictures`);
estimator.dispose();
