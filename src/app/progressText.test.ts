import { describe, expect, it } from 'vitest';
import { progressText } from './progressText';

describe('progress text', () => {
  it('says what the reading is doing, naming the person only when there are several', () => {
    expect(progressText({ phase: 'starting' }, 4)).toBe('estimating…');
    expect(progressText({ phase: 'finding' }, 4)).toBe('estimating… finding the people');
    expect(progressText({ phase: 'reading', person: 1, persons: 1, stage: 2 }, 4)).toBe('estimating… stage 2 of 4');
    expect(progressText({ phase: 'reading', person: 2, persons: 3, stage: 4 }, 4)).toBe('estimating… person 2 of 3, stage 4 of 4');
  });
});
