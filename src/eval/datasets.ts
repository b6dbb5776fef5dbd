import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { readMatFile } from './matFile';

/** One labelled person in CPM joint order; unlabelled joints have labelled[j] = false. */
export interface LabelledPerson {
  image: string;
  joints: [number, number][];
  labelled: boolean[];
  /** In the project's fixed held-out split (the rule training/cpm_train/data/datasets.py applies). */
  heldOut: boolean;
}

const HELD_OUT_EVERY = 20;

/** LSP: every 20th image, offset by 10. */
export function lspHeldOut(index: number): boolean {
  return index % HELD_OUT_EVERY === HELD_OUT_EVERY / 2;
}

/**
 * MPII: by source photo, so one photo's people share a side. A crop is named <photo>_<k>.jpg, a whole photo
 * <photo>.jpg; the key is <photo> without its extension.
 */
export function mpiiHeldOut(name: string): boolean {
  const stem = name.replace(/\.[^.]*$/, '');
  const photo = /_\d+$/.test(stem) ? stem.slice(0, stem.lastIndexOf('_')) : stem;
  return crc32(photo) % HELD_OUT_EVERY === 0;
}

/** The authors' order_to_lsp, 0-based: CPM joint i is LSP joint LSP_TO_CPM[i]. */
export const LSP_TO_CPM = [13, 12, 8, 7, 6, 9, 10, 11, 2, 1, 0, 3, 4, 5];
/** MPII 16-joint ids of CPM's joints: head top 9, upper neck 8; pelvis and thorax dropped. */
export const MPII_TO_CPM = [9, 8, 12, 11, 10, 13, 14, 15, 2, 1, 0, 3, 4, 5];

/** LSP labels 14 joints (x, y, visibility each), in its own order. */
const LSP_JOINTS = 14;
const LSP_VALUES = 3 * LSP_JOINTS;

/** joints.mat's `joints` is 14×3×N or 3×14×N (column-major); returns an accessor (joint, field, person). */
function lspAccessor(dims: number[], data: Float64Array): { count: number; at: (j: number, f: number, n: number) => number } {
  if (dims[0] === LSP_JOINTS && dims[1] === 3) return { count: dims[2], at: (j, f, n) => data[j + LSP_JOINTS * f + LSP_VALUES * n] };
  if (dims[0] === 3 && dims[1] === LSP_JOINTS) return { count: dims[2], at: (j, f, n) => data[f + 3 * j + LSP_VALUES * n] };
  throw new Error(`unexpected joints.mat shape ${dims.join('x')}`);
}

function lspImage(folder: string, index: number): string | null {
  for (const digits of [5, 4]) {
    const path = join(folder, 'images', `im${String(index).padStart(digits, '0')}.jpg`);
    if (existsSync(path)) return path;
  }
  return null;
}

export function loadLsp(folder: string): LabelledPerson[] {
  const joints = readMatFile(readFileSync(join(folder, 'joints.mat'))).get('joints');
  if (!joints) throw new Error(`${folder}/joints.mat has no 'joints' variable`);
  const { count, at } = lspAccessor(joints.dims, joints.data);
  const persons: LabelledPerson[] = [];
  for (let n = 0; n < count; n += 1) {
    const image = lspImage(folder, n + 1);
    if (!image) continue;
    persons.push({
      image,
      joints: LSP_TO_CPM.map((j) => [at(j, 0, n), at(j, 1, n)]),
      labelled: LSP_TO_CPM.map((j) => at(j, 2, n) > 0),
      heldOut: lspHeldOut(n + 1),
    });
  }
  return persons;
}

export function loadMpii(folder: string): LabelledPerson[] {
  const persons: LabelledPerson[] = [];
  for (const line of readFileSync(join(folder, 'joints.csv'), 'utf8').split('\n')) {
    const cells = line.trim().split(',');
    if (cells.length < 33) continue;
    const image = join(folder, 'images', cells[0]);
    if (!existsSync(image)) continue;
    const values = cells.slice(1, 33).map(Number);
    const joints = MPII_TO_CPM.map((j): [number, number] => [values[2 * j], values[2 * j + 1]]);
    persons.push({ image, joints, labelled: joints.map(([x, y]) => x >= 0 && y >= 0), heldOut: mpiiHeldOut(cells[0]) });
  }
  return persons;
}

/** Either layout: images/ + joints.mat (LSP order) or images/ + joints.csv (MPII order). */
export function loadFolder(folder: string): LabelledPerson[] {
  if (existsSync(join(folder, 'joints.mat'))) return loadLsp(folder);
  if (existsSync(join(folder, 'joints.csv'))) return loadMpii(folder);
  throw new Error(`${folder} holds neither joints.mat nor joints.csv`);
}
