import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, diskSource, rgbaPicture } from '../eval/disk';
import { framingBox } from '../pose/box';
import { boxOverlap, decodeFindings } from '../pose/people';
import { PERSON_SEARCH } from './constants';
import { FINDER_SIZE, type PersonFinder, findPeople, loadPersonFinder, movenetInput } from './personFinder';
import type { Picture } from './types';

const SAMPLE = join('..', 'shared', 'samples', 'cpm-release', 'LSP_test', 'im1640.jpg');

/** `picture` in the middle of a grey canvas `width` wide and as tall as it. */
function widened(picture: Picture, width: number): Picture {
  const dx = (width - picture.width) / 2;
  return {
    width,
    height: picture.height,
    crop: (box, size, pad) => {
      const inner = picture.crop({ ...box, x: box.x - dx }, size, 128);
      const outer = new Uint8Array(inner.length).fill(pad);
      // Input pixels whose centre falls outside the canvas keep `pad`; the rest show the picture, or grey beside it.
      const channels = inner.length / (size * size);
      const k = box.side / size;
      for (let y = 0; y < size; y += 1) {
        for (let x = 0; x < size; x += 1) {
          const px = box.x + (x + 0.5) * k;
          const py = box.y + (y + 0.5) * k;
          if (px < 0 || px >= width || py < 0 || py >= picture.height) continue;
          for (let c = 0; c < channels; c += 1) outer[(y * size + x) * channels + c] = inner[(y * size + x) * channels + c];
        }
      }
      return outer;
    },
  };
}

describe('the person finder on a wide picture', () => {
  let finder: PersonFinder;

  beforeAll(async () => {
    await tf.setBackend('wasm');
    finder = await loadPersonFinder(diskSource(join('public', 'models', 'person-finder')));
  });

  afterAll(() => finder.dispose());

  it('runs on the rows the picture fills and finds the person where the whole letterboxed square does', async () => {
    const photo = rgbaPicture(decodeImage(SAMPLE));
    const picture = widened(photo, Math.round(photo.height * 1.6));
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
