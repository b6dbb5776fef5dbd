import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DecodedImage, decodeImage, diskSource, rgbaPicture } from '../eval/disk';
import { framingBox } from '../pose/box';
import { boxOverlap, decodeFindings } from '../pose/people';
import { PERSON_SEARCH } from './constants';
import { FINDER_SIZE, type PersonFinder, findPeople, loadPersonFinder, movenetInput } from './personFinder';

const SAMPLE = join('..', 'shared', 'samples', 'cpm-release', 'LSP_test', 'im1640.jpg');

/** `photo` in the middle of a grey canvas `width` wide and as tall as it. */
function widened(photo: DecodedImage, width: number): DecodedImage {
  const data = new Uint8Array(width * photo.height * 4).fill(128);
  const dx = Math.round((width - photo.width) / 2);
  for (let y = 0; y < photo.height; y += 1) data.set(photo.data.subarray(y * photo.width * 4, (y + 1) * photo.width * 4), (y * width + dx) * 4);
  return { data, width, height: photo.height };
}

describe('the person finder on a wide picture', () => {
  let finder: PersonFinder;

  beforeAll(async () => {
    await tf.setBackend('wasm');
    finder = await loadPersonFinder(diskSource(join('public', 'models', 'person-finder')));
  });

  afterAll(() => finder.dispose());

  it('runs on the rows the picture fills and finds the person where the whole letterboxed square does', async () => {
    const photo = decodeImage(SAMPLE);
    const picture = rgbaPicture(widened(photo, Math.round(photo.height * 1.6)));
    const box = framingBox(picture.width, picture.height, null, 1);
    const input = movenetInput(picture, box, FINDER_SIZE);
    const output = finder.execute(input) as tf.Tensor;
    const square = decodeFindings((await output.data()) as Float32Array, box, FINDER_SIZE, 0.05);
    tf.dispose([input, output]);

    const { kernels } = await tf.profile(async () => {
      const [best] = await findPeople(finder, picture, PERSON_SEARCH.video);
      expect(boxOverlap(best, square[0])).toBeGreaterThan(0.9);
      expect(best.score).toBeCloseTo(square[0].score, 1);
    });
    expect(kernels.filter((k) => k.name === 'Cast').map((k) => k.inputShapes[0])).toContainEqual([1, 192, 256, 3]);
  });
});
