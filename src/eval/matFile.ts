import { inflateSync } from 'node:zlib';

/** One numeric array from a MATLAB v5 file: column-major data as float64, with its dimensions. */
export interface MatArray {
  dims: number[];
  data: Float64Array;
}

const MI_INT8 = 1;
const MI_UINT8 = 2;
const MI_INT16 = 3;
const MI_UINT16 = 4;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_SINGLE = 7;
const MI_DOUBLE = 9;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;

interface Element {
  type: number;
  body: Buffer;
  next: number;
}

function readElement(buffer: Buffer, offset: number): Element {
  const tag = buffer.readUInt32LE(offset);
  if (tag >>> 16 !== 0) {
    // Small data element: size in the upper half of the tag, 4 bytes of data inline.
    const size = tag >>> 16;
    return { type: tag & 0xffff, body: buffer.subarray(offset + 4, offset + 4 + size), next: offset + 8 };
  }
  const size = buffer.readUInt32LE(offset + 4);
  const padded = Math.ceil(size / 8) * 8;
  return { type: tag, body: buffer.subarray(offset + 8, offset + 8 + size), next: offset + 8 + padded };
}

function numbers(element: Element): Float64Array {
  const b = element.body;
  const readers: Record<number, [number, (o: number) => number]> = {
    [MI_INT8]: [1, (o) => b.readInt8(o)],
    [MI_UINT8]: [1, (o) => b.readUInt8(o)],
    [MI_INT16]: [2, (o) => b.readInt16LE(o)],
    [MI_UINT16]: [2, (o) => b.readUInt16LE(o)],
    [MI_INT32]: [4, (o) => b.readInt32LE(o)],
    [MI_UINT32]: [4, (o) => b.readUInt32LE(o)],
    [MI_SINGLE]: [4, (o) => b.readFloatLE(o)],
    [MI_DOUBLE]: [8, (o) => b.readDoubleLE(o)],
  };
  const reader = readers[element.type];
  if (!reader) throw new Error(`unsupported MAT data type ${element.type}`);
  const [size, read] = reader;
  const out = new Float64Array(b.length / size);
  for (let i = 0; i < out.length; i += 1) out[i] = read(i * size);
  return out;
}

function readMatrix(body: Buffer): [string, MatArray] {
  const flags = readElement(body, 0);
  const dims = readElement(body, flags.next);
  const name = readElement(body, dims.next);
  const real = readElement(body, name.next);
  return [name.body.toString('latin1'), { dims: Array.from(numbers(dims)), data: numbers(real) }];
}

/** The numeric (real, non-sparse) variables of a MATLAB v5 file, compressed or not. */
export function readMatFile(buffer: Buffer): Map<string, MatArray> {
  if (!buffer.subarray(0, 10).toString('latin1').startsWith('MATLAB 5.0')) {
    throw new Error('not a MATLAB 5.0 MAT-file');
  }
  const variables = new Map<string, MatArray>();
  let offset = 128;
  while (offset + 8 <= buffer.length) {
    let element = readElement(buffer, offset);
    offset = element.next;
    if (element.type === MI_COMPRESSED) element = readElement(inflateSync(element.body), 0);
    if (element.type !== MI_MATRIX) continue;
    const [name, array] = readMatrix(element.body);
    variables.set(name, array);
  }
  return variables;
}
