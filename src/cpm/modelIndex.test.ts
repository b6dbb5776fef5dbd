import { describe, expect, it } from 'vitest';
import { chooseModel } from './modelIndex';

const MODELS = [
  { id: 'a', name: 'A' },
  { id: 'b', name: 'B', default: true },
];

describe('chooseModel', () => {
  it('prefers the requested model, then the default entry, then the first', () => {
    expect(chooseModel(MODELS, 'a')).toBe('a');
    expect(chooseModel(MODELS, null)).toBe('b');
    expect(chooseModel([MODELS[0]])).toBe('a');
    expect(chooseModel([])).toBeUndefined();
  });
});

describe('chooseModel for the camera', () => {
  it("prefers the requested model, then the camera's entry, then the default one", () => {
    const models = [...MODELS, { id: 'c', name: 'C', camera: true }];
    expect(chooseModel(models, 'a', true)).toBe('a');
    expect(chooseModel(models, null, true)).toBe('c');
    expect(chooseModel(models, null)).toBe('b');
    expect(chooseModel(MODELS, null, true)).toBe('b');
  });
});
