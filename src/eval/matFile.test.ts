import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readMatFile } from './matFile';

function element(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(type, 0);
  header.writeUInt32LE(body.length, 4);
  const padding = Buffer.alloc((8 - (body.length % 8)) % 8);
  return Buffer.concat([header, body, padding]);
}

function matrix(name: string, dims: number[], values: number[]): Buffer {
  const flags = Buffer.alloc(8);
  flags.writeUInt32LE(6, 0); // mxDOUBLE_CLASS
  const dimBytes = Buffer.alloc(4 * dims.length);
  dims.forEach((d, i) => dimBytes.writeInt32LE(d, 4 * i));
  const data = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => data.writeDoubleLE(v, 8 * i));
  return element(14, Buffer.concat([element(6, flags), element(5, dimBytes), element(1, Buffer.from(name)), element(9, data)]));
}

function file(...elements: Buffer[]): Buffer {
  const header = Buffer.alloc(128, ' ');
  header.write('MATLAB 5.0 MAT-file, written by a test');
  return Buffer.concat([header, ...elements]);
}

describe('readMatFile', () => {
  it('reads an uncompressed double matrix, column-major, with its dimensions', () => {
    const vars = readMatFile(file(matrix('joints', [2, 3], [1, 2, 3, 4, 5, 6])));
    expect(vars.get('joints')?.dims).toEqual([2, 3]);
    expect(Array.from(vars.get('joints')?.data ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads a compressed matrix', () => {
    const compressed = deflateSync(matrix('joints', [3, 1], [7.5, -1, 0]));
    const header = Buffer.alloc(8);
    header.writeUInt32LE(15, 0);
    header.writeUInt32LE(compressed.length, 4);
    const vars = readMatFile(file(Buffer.concat([header, compressed])));
    expect(Array.from(vars.get('joints')?.data ?? [])).toEqual([7.5, -1, 0]);
  });

  it('rejects a file that is not a MAT-file', () => {
    expect(() => readMatFile(Buffer.from('PNG and so on'.padEnd(200)))).toThrow(/MAT-file/);
  });
});
