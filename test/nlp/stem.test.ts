import { describe, expect, it } from 'vitest';
import { stemOf } from '../../src/nlp/stem.js';

describe('stemOf', () => {
  it('gives Porter stems of words', () => {
    expect(stemOf('transferred')).toBe('transfer');
    expect(stemOf('transfers')).toBe('transfer');
    expect(stemOf('happy')).toBe('happi');
  });

  it('leaves a run of characters far longer than any word as it is (the stemmer is quadratic in length)', () => {
    const run = 'x'.repeat(1 << 20);
    expect(stemOf(run)).toBe(run);
    expect(stemOf(`${'a'.repeat(70)}ing`)).toBe(`${'a'.repeat(70)}ing`);
  });
});
