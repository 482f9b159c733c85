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

  it('keeps the first letter of every word (the phrase index relies on it to skip stemming)', () => {
    const suffixes = ['', 's', 'es', 'ies', 'sses', 'ed', 'ing', 'y', 'ational', 'tional', 'izer', 'bli', 'alli', 'ousli', 'iveness', 'ement', 'ance'];
    let seed = 9;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let k = 0; k < 20000; k++) {
      let base = '';
      for (let i = next(6); i >= 0; i--) base += letters[next(26)];
      const word = base + suffixes[next(suffixes.length)];
      expect(stemOf(word)[0], word).toBe(word[0]);
    }
  });
});
