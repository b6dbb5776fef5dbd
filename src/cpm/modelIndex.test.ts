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
