import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_MODEL_ID, makeTestModel } from '../src/cpm/testModel';

const folder = join('public', 'models', TEST_MODEL_ID);
const { file, shard } = makeTestModel();
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'model.json'), `${JSON.stringify(file, null, 1)}\n`);
writeFileSync(join(folder, 'weights.bin'), new Uint8Array(shard.buffer));
console.log(`wrote ${folder}/model.json and weights.bin (${shard.byteLength} bytes)`);
