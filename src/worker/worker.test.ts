import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageToWorker, type WorkerToPage, isPageToWorker, isWorkerToPage, transferables } from './protocol';
import { depthwiseWeights, maxAbsDiff, referenceConv2d, referenceDepthwise, sanityCase } from './sanityCheck';
import { sanityOutputs } from './sanityTensors';

describe('start-up sanity check', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('the JS reference convolution equals tfjs (CPU backend) on the fixed case', async () => {
    const c = sanityCase();
    const [conv, depthwise] = sanityOutputs(c, depthwiseWeights(c));
    expect(maxAbsDiff(await conv.data(), referenceConv2d(c))).toBeLessThan(1e-5);
    tf.dispose([conv, depthwise]);
  });

  it('the JS reference depthwise convolution equals tfjs (CPU backend)', async () => {
    const c = sanityCase();
    const weights = depthwiseWeights(c);
    const [conv, depthwise] = sanityOutputs(c, weights);
    expect(maxAbsDiff(await depthwise.data(), referenceDepthwise(c, weights))).toBeLessThan(1e-5);
    tf.dispose([conv, depthwise]);
  });

  it('treats NaN and length mismatches as failures', () => {
    expect(maxAbsDiff([1, Number.NaN], [1, 2])).toBe(Infinity);
    expect(maxAbsDiff([1], [1, 2])).toBe(Infinity);
    expect(maxAbsDiff([1, 2], [1.5, 2])).toBe(0.5);
  });
});

describe('protocol', () => {
  it('recognises messages by their type tag, both ways', () => {
    expect(isPageToWorker({ type: 'memory' })).toBe(true);
    expect(isPageToWorker({ type: 'result' })).toBe(false);
    expect(isWorkerToPage({ type: 'result' })).toBe(true);
    expect(isWorkerToPage({ type: 'frame' })).toBe(false);
    expect(isWorkerToPage(null)).toBe(false);
    expect(isWorkerToPage('result')).toBe(false);
  });

  it('transfers the big buffers of results instead of copying them', () => {
    const maps = new Float32Array(8);
    const centerMap = new Float32Array(4);
    const other = new Float32Array(8);
    const otherCenter = new Float32Array(4);
    const reading = { person: null, box: { x: 0, y: 0, side: 10 }, center: { x: 5, y: 5 }, maps, centerMap, stageMs: [1], poses: [] };
    const result: WorkerToPage = {
      type: 'result',
      id: 1,
      timestamp: 0,
      width: 10,
      height: 10,
      scales: [1],
      flip: false,
      found: null,
      finderMs: null,
      readings: [reading, { ...reading, maps: other, centerMap: otherCenter }],
      stagesTimed: true,
      totalMs: 1,
    };
    expect(transferables(result)).toEqual([maps.buffer, centerMap.buffer, other.buffer, otherCenter.buffer]);
    const memory: PageToWorker = { type: 'memory', id: 2 };
    expect(transferables(memory)).toEqual([]);
    const pixels = new Uint8ClampedArray(16);
    const crop: WorkerToPage = { type: 'crop', id: 3, pixels, size: 2 };
    expect(transferables(crop)).toEqual([pixels.buffer]);
  });
});
