import { describe, expect, it } from 'vitest';
import { precacheFiles } from './precache';

describe('precache list', () => {
  it('takes the app, the model list, the default model and the finder, not other models, model cards, fixtures or itself', () => {
    const files = [
      'index.html',
      'assets/index-abc.js',
      'sw.js',
      'precache.json',
      'models/index.json',
      'models/cpm-a/model.json',
      'models/cpm-a/group1-shard1of1.bin',
      'models/cpm-a/README.md',
      'models/cpm-a/golden.json',
      'models/cpm-b/model.json',
      'models/person-finder/model.json',
    ];
    expect(precacheFiles(files, 'cpm-a')).toEqual([
      './',
      'assets/index-abc.js',
      'index.html',
      'models/cpm-a/group1-shard1of1.bin',
      'models/cpm-a/model.json',
      'models/index.json',
      'models/person-finder/model.json',
    ]);
  });
});
