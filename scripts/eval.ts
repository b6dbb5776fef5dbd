import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { modelOnDisk } from '../src/eval/modelOnDisk';
import { type Framing, evaluateFolders } from '../src/eval/runEval';
import { formatReport } from '../src/eval/pck';

const USAGE =
  'usage: npm run eval -- <folder> [<folder> ...] [--model <id>] [--json <file>] [--held-out] [--flip] [--multi-scale] ' +
  '[--whole | --framing labels|finder|finder-once|picture] [--backend wasm|cpu] [--calibrate]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: 'string' },
    json: { type: 'string' },
    'held-out': { type: 'boolean' },
    flip: { type: 'boolean' },
    'multi-scale': { type: 'boolean' },
    whole: { type: 'boolean' },
    framing: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    calibrate: { type: 'boolean' },
  },
});
const FRAMINGS: readonly string[] = ['labels', 'finder', 'finder-once', 'picture'];
const framing = (values.framing ?? (values.whole ? 'finder' : 'labels')) as Framing;
if (positionals.length === 0 || !FRAMINGS.includes(framing)) {
  console.error(USAGE);
  process.exit(2);
}
const backend = values.backend === 'cpu' ? 'cpu' : 'wasm';
const modelId = modelOnDisk(values.model);
const options = { heldOutOnly: values['held-out'] ?? false, flip: values.flip ?? false, multiScale: values['multi-scale'] ?? false, backend, framing } as const;
const report = await evaluateFolders(modelId, positionals, options, (done, total) => {
  if (done % 50 === 0 || done === total) process.stderr.write(`\r${done}/${total} persons`);
});
process.stderr.write('\n');
console.log(formatReport(report.stages, report.found, report.persons));
if (values.calibrate) {
  // The card's weak-joint threshold: the app draws a joint whose stage-T peak is below it hollow.
  console.log(report.calibration.format());
  const path = join('public', 'models', modelId, 'model.json');
  const file = JSON.parse(readFileSync(path, 'utf8')) as { cpm: Record<string, unknown> };
  file.cpm.weakPeak = report.calibration.weakPeak();
  writeFileSync(path, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote weakPeak ${String(file.cpm.weakPeak)} into ${path}`);
}
if (values.json) {
  const stages = report.stages.map(({ stage, pck, joints }) => ({ stage, pck, joints }));
  const { model, framing: how, config, persons, found } = report;
  writeFileSync(values.json, `${JSON.stringify({ model, framing: how, config, persons, found, stages }, null, 1)}\n`);
}
