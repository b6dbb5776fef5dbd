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
    expect(isPageToWorker({ type: 'estimate' })).toBe(true);
    expect(isPageToWorker({ type: 'result' })).toBe(false);
    expect(isPageToWorker({ type: 'memory' })).toBe(false);
    expect(isWorkerToPage({ type: 'result' })).toBe(true);
    expect(isWorkerToPage({ type: 'estimate' })).toBe(false);
    expect(isWorkerToPage({ type: 'toString' })).toBe(false);
    expect(isWorkerToPage(null)).toBe(false);
    expect(isWorkerToPage('result')).toBe(false);
  });

  it('transfers the big buffers of results, and the frame of a request, instead of copying them', () => {
    const maps = new Float32Array(8);
    const centerMap = new Float32Array(4);
    const other = new Float32Array(8);
    const otherCenter = new Float32Array(4);
    const person = { id: 1, person: null, box: { x: 0, y: 0, side: 10 }, center: { x: 5, y: 5 }, maps, centerMap, stageMs: [1], poses: [] };
    const estimate = { mode: 'still' as const, width: 10, height: 10, timestamp: 0, flip: false, scales: [1], found: null, finderMs: null, stagesTimed: true, totalMs: 1 };
    const result: WorkerToPage = {
      type: 'result',
      id: 1,
      request: 'estimate',
      estimate: { ...estimate, people: [person, { ...person, maps: other, centerMap: otherCenter }] },
    };
    expect(transferables(result)).toEqual([maps.buffer, centerMap.buffer, other.buffer, otherCenter.buffer]);
    expect(transferables({ type: 'result', id: 2, request: 'estimate', estimate: null })).toEqual([]);
    const bitmap = {} as ImageBitmap;
    const request: PageToWorker = { type: 'estimate', id: 3, bitmap, config: { mode: 'still' } };
    expect(transferables(request)).toEqual([bitmap]);
  });
});
