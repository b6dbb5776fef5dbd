/**
 * What the service worker (src/sw.ts) installs: the built app, the model list, the default model and the person
 * finder; other models are cached when first used. Written to dist/precache.json after each build (vite.config.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type ModelEntry, chooseModel } from '../src/cpm/modelIndex';

/** The files to precache among a build's files (paths relative to the build folder, '/'-separated). */
export function precacheFiles(files: string[], defaultModel: string): string[] {
  const wanted = (file: string): boolean => {
    if (file === 'sw.js' || file === 'precache.json') return false;
    // A model folder's card and test fixture are for people and tests, not for reading pictures.
    if (file.endsWith('/README.md') || file.endsWith('/golden.json')) return false;
    if (!file.startsWith('models/')) return true;
    return file === 'models/index.json' || file.startsWith(`models/${defaultModel}/`) || file.startsWith('models/person-finder/');
  };
  return ['./', ...files.filter(wanted).sort()];
}

function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function writePrecache(outDir: string): void {
  const files = walk(outDir).map((path) => relative(outDir, path).split(sep).join('/'));
  const index = JSON.parse(readFileSync(join(outDir, 'models', 'index.json'), 'utf8')) as ModelEntry[];
  const list = precacheFiles(files, chooseModel(index) ?? '');
  // The version changes whenever a precached file does (model files keep their names when retrained).
  const hash = createHash('sha256');
  for (const file of list.slice(1)) hash.update(file).update(readFileSync(join(outDir, file)));
  writeFileSync(join(outDir, 'precache.json'), `${JSON.stringify({ version: hash.digest('hex').slice(0, 16), files: list })}\n`);
}
