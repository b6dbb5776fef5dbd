import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeImage, loadEstimatorFromDisk, rgbaPicture } from '../eval/disk';
import { modelOnDisk } from '../eval/modelOnDisk';
import { framingBox } from '../pose/box';
import { TRACK_TIMEOUT_MS } from './constants';
import { estimateBoxes } from './estimateBox';
import type { Estimator } from './estimator';
import type { EstimationProgress, Picture, PoseEstimate } from './types';

const SAMPLE = join('..', 'shared', 'samples', 'cpm-release', 'LSP_test', 'im1640.jpg');

describe('the estimator (the default model and the person finder, on wasm, a real photo)', () => {
  let estimator: Estimator;
  let alone: Estimator;
  let estimatorOnce: Estimator;
  let picture: Picture;

  beforeAll(async () => {
    await tf.setBackend('wasm');
    estimator = await loadEstimatorFromDisk(modelOnDisk());
    alone = await loadEstimatorFromDisk(modelOnDisk(), { finder: false });
    estimatorOnce = await loadEstimatorFromDisk(modelOnDisk(), { settings: { secondLook: false } });
    picture = rgbaPicture(decodeImage(SAMPLE));
  });

  afterAll(() => {
    estimator.dispose();
    alone.dispose();
    estimatorOnce.dispose();
  });

  it('takes its settings from the model card', () => {
    expect(estimator.settings.cropScale).toBe(estimator.network.spec.evalCropScale);
    expect(estimator.settings.weakPeak).toBeGreaterThan(0);
    expect(estimator.settings.joints).toHaveLength(14);
  });

  it('reads a still: the finder, then each person found, best first, in their own box', async () => {
    const still = await estimator.estimatePoses(picture, { mode: 'still' });
    expect(still.found?.length).toBeGreaterThan(0);
    expect(still.people.length).toBe(still.found?.length);
    expect(still.people[0].person).toEqual(still.found?.[0]);
    expect(still.people[0].poses).toHaveLength(estimator.network.spec.stages);
    const confident = still.people[0].poses.at(-1)?.keypoints.filter((k) => k.confidence >= estimator.settings.weakPeak);
    expect(confident?.length).toBeGreaterThanOrEqual(10);
  });

  it('shows a person found twice (two findings whose skeletons coincide) once', async () => {
    const { found } = await estimator.estimatePoses(picture, { mode: 'still' });
    const person = found?.[0];
    if (!person) throw new Error('nobody found');
    const shifted = { ...person, score: person.score / 2, x0: person.x0 + 2, x1: person.x1 + 2 };
    const twice = await estimator.estimatePoses(picture, { mode: 'still', people: [person, shifted] });
    expect(twice.people).toHaveLength(1);
    expect(twice.people[0].person).toEqual(person);
  });

  it('keeps a faint finding only where its reading sees a person', async () => {
    const { found } = await estimator.estimatePoses(picture, { mode: 'still' });
    const person = found?.[0];
    if (!person) throw new Error('nobody found');
    const onPerson = await estimator.estimatePoses(picture, { mode: 'still', people: [{ ...person, faint: true }] });
    expect(onPerson.people).toHaveLength(1);
    const grey: Picture = { width: picture.width, height: picture.height, crop: (_, size) => new Uint8Array(size * size * 4).fill(128) };
    const onNobody = await estimator.estimatePoses(grey, { mode: 'still', people: [{ ...person, faint: true }] });
    expect(onNobody.people).toHaveLength(0);
    const reported = await estimator.estimatePoses(grey, { mode: 'still', people: [person] });
    expect(reported.people).toHaveLength(1);
  });

  it("reads a still's person again in a wider box where the finder's box was too small to see them in", async () => {
    const { found } = await estimator.estimatePoses(picture, { mode: 'still' });
    const person = found?.[0];
    if (!person) throw new Error('nobody found');
    // A box of a third of the person, around their middle: the first reading there frames nobody.
    const [cx, cy, w, h] = [(person.x0 + person.x1) / 2, (person.y0 + person.y1) / 2, (person.x1 - person.x0) / 3, (person.y1 - person.y0) / 3];
    const part = { ...person, x0: cx - w / 2, x1: cx + w / 2, y0: cy - h / 2, y1: cy + h / 2 };
    const confident = (e: PoseEstimate): number => e.people[0]?.poses.at(-1)?.keypoints.filter((k) => k.confidence >= estimator.settings.weakPeak).length ?? 0;
    const once = await estimatorOnce.estimatePoses(picture, { mode: 'still', people: [part] });
    const looked = await estimator.estimatePoses(picture, { mode: 'still', people: [part] });
    expect(confident(once)).toBeLessThan(6);
    expect(confident(looked)).toBeGreaterThanOrEqual(10);
    expect(looked.people[0].box.side).toBeGreaterThan(once.people[0].box.side);
  });

  it("runs a faint finding's crop once: its trial is the plain half of its flip-tested reading", async () => {
    const { found } = await estimator.estimatePoses(picture, { mode: 'still' });
    const person = found?.[0];
    if (!person) throw new Error('nobody found');
    const runStages = vi.spyOn(estimator.network, 'runStages');
    const faint = await estimator.estimatePoses(picture, { mode: 'still', flip: true, people: [{ ...person, faint: true }] });
    const [shown] = faint.people;
    expect(runStages).toHaveBeenCalledTimes(2);
    runStages.mockRestore();
    const [fresh] = await estimateBoxes(estimator.network, picture, [{ box: shown.box, scales: [1], flip: true }], estimator.settings);
    expect(shown.maps).toEqual(fresh.maps);
  });

  it('reads a box framed by hand besides the people given, and only that box with people: []', async () => {
    const handBox = { x: 0, y: 0, side: 64 };
    const { found } = await estimator.estimatePoses(picture, { mode: 'still' });
    const both = await estimator.estimatePoses(picture, { mode: 'still', people: found ?? [], handBox });
    expect(both.finderMs).toBeNull();
    expect(both.people.map((p) => p.id)).toEqual([...(found ?? []).map((_, i) => i + 1), 0]);
    expect(both.people.at(-1)?.box).toEqual(handBox);
    const only = await estimator.estimatePoses(picture, { mode: 'still', people: [], handBox, center: { x: 10, y: 20 } });
    expect(only.people).toHaveLength(1);
    expect(only.people[0]).toMatchObject({ id: 0, person: null, box: handBox, center: { x: 10, y: 20 } });
  });

  it('says which person it is reading, stage by stage (one by one on wasm)', async () => {
    const { found } = await estimator.estimatePoses(picture, { mode: 'still' });
    const heard: string[] = [];
    const onProgress = (p: EstimationProgress): void => {
      if (p.phase === 'reading') heard.push(`${p.person}/${p.persons}@${p.stage}`);
    };
    await estimator.estimatePoses(picture, { mode: 'video', people: found ?? [], handBox: { x: 0, y: 0, side: 64 }, timeStages: true, onProgress });
    const persons = (found?.length ?? 0) + 1;
    const stages = estimator.network.spec.stages;
    expect(heard).toEqual(Array.from({ length: persons }, (_, p) => Array.from({ length: stages }, (_, s) => `${p + 1}/${persons}@${s + 1}`)).flat());
  });

  it("without a finder reads the whole picture in the card's box", async () => {
    const { people, found } = await alone.estimatePoses(picture, { mode: 'still' });
    expect(found).toBeNull();
    expect(people).toHaveLength(1);
    expect(people[0].box).toEqual(framingBox(picture.width, picture.height, null, alone.settings.boxSize));
  });

  it('tracks a video: the finder looks once, the next frames read the tracked person under the same id', async () => {
    const frames = [];
    for (const timestamp of [1000, 1033, 1066]) frames.push(await estimator.estimatePoses(picture, { mode: 'video', timestamp }));
    expect(frames[0].found?.length).toBeGreaterThan(0);
    expect(frames[1].found).toBeNull();
    expect(frames[2].found).toBeNull();
    const ids = frames.map((f) => f.people[0]?.id);
    expect(ids[0]).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(1);
    // A frame long after the last one (a camera stopped and started again) is searched afresh.
    const later = await estimator.estimatePoses(picture, { mode: 'video', timestamp: 1066 + 2 * TRACK_TIMEOUT_MS });
    expect(later.found).not.toBeNull();
  });

  it('keeps a video\'s tracks on a backend slower than the timeout a frame (SwiftShader WebGL: seconds a frame)', async () => {
    const slow = await loadEstimatorFromDisk(modelOnDisk());
    const gap = 2 * TRACK_TIMEOUT_MS;
    const frames = [];
    for (let f = 0; f < 4; f += 1) frames.push(await slow.estimatePoses(picture, { mode: 'video', timestamp: f * gap }));
    // The second frame comes after no usual gap is known: the tracks are dropped once, then kept.
    expect(frames.map((f) => f.found !== null)).toEqual([true, true, false, false]);
    const paused = await slow.estimatePoses(picture, { mode: 'video', timestamp: 3 * gap + 10 * gap });
    expect(paused.found).not.toBeNull();
    slow.dispose();
  });

  it('looks for people again at once when the picture changes where nobody is tracked (someone may have come in)', async () => {
    // The photo in the middle of a grey picture three times as wide; later, a white block comes in at the left edge.
    const photo = decodeImage(SAMPLE);
    const wide = (block: boolean): Picture => {
      const width = 3 * photo.width;
      const data = new Uint8Array(width * photo.height * 4).fill(128);
      for (let y = 0; y < photo.height; y += 1) {
        data.set(photo.data.subarray(4 * y * photo.width, 4 * (y + 1) * photo.width), 4 * (y * width + photo.width));
        if (block) data.fill(255, 4 * y * width, 4 * (y * width + Math.round(photo.width / 2)));
      }
      return rgbaPicture({ data, width, height: photo.height });
    };
    const start = 10 * TRACK_TIMEOUT_MS;
    const first = await estimator.estimatePoses(wide(false), { mode: 'video', timestamp: start });
    expect(first.found?.length).toBeGreaterThan(0);
    expect((await estimator.estimatePoses(wide(false), { mode: 'video', timestamp: start + 33 })).found).toBeNull();
    expect((await estimator.estimatePoses(wide(true), { mode: 'video', timestamp: start + 66 })).found).not.toBeNull();
  });
});
