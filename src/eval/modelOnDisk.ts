/** Which of public/models' models a Node script or test reads. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ModelEntry, chooseModel } from '../cpm/modelIndex';

/** `requested`, else the model public/models/index.json marks as the default (the one the app opens with). */
export function modelOnDisk(requested?: string): string {
  const index = JSON.parse(readFileSync(join('public', 'models', 'index.json'), 'utf8')) as ModelEntry[];
  const id = chooseModel(index, requested);
  if (!id) throw new Error('public/models/index.json lists no model');
  return id;
}
