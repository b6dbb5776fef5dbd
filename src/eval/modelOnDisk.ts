/** Which of public/models' models a Node script or test reads. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ModelEntry, chooseModel } from '../cpm/modelIndex';

/**
 * `requested`, else the model public/models/index.json marks as the default (the one the app opens with), or with
 * `forCamera` the one it marks as the camera's.
 */
export function modelOnDisk(requested?: string, forCamera = false): string {
  const index = JSON.parse(readFileSync(join('public', 'models', 'index.json'), 'utf8')) as ModelEntry[];
  const id = chooseModel(index, requested, forCamera);
  if (!id) throw new Error('public/models/index.json lists no model');
  return id;
}
