import { describe, expect, it } from 'vitest';
import { stemMatches, stemOf } from '../../src/nlp/stem.js';

describe('stemOf', () => {
  it('gives Porter stems of words', () => {
    expect(stemOf('transferred')).toBe('transfer');
    expect(stemOf('transfers')).toBe('transfer');
    expect(stemOf('happy')).toBe('happi');
  });

  it('stems long words exactly, and leaves a run of over 1,000 letters as it is (the stemmer is quadratic in length)', () => {
    const long = 'abcdefghij'.repeat(7);
    expect(stemOf(`${long}s`)).toBe(long);
    expect(stemOf(`${long}ing`)).toBe(stemOf(`${long}ed`));
    const run = 'x'.repeat(1 << 20);
    expect(stemOf(run)).toBe(run);
  });

  it('stemMatches agrees with comparing stems, for stems of generated words against generated words', () => {
    const suffixes = ['', 's', 'ed', 'ing', 'ies', 'ational', 'ization', 'fulness', 'ement', 'ly', 'y'];
    let seed = 21;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const bases = ['transfer', 'pass', 'connect', 'hand', 'general', 'happy', 'escalat', 'a'.repeat(60), 'rel', 'x'];
    const words = Array.from({ length: 3000 }, () => bases[next(bases.length)]! + suffixes[next(suffixes.length)]! + suffixes[next(suffixes.length)]!);
    const stems = [...new Set(words.slice(0, 200).map(stemOf))];
    let matches = 0;
    for (const word of words) {
      for (const stem of stems) {
        const same = stemOf(word) === stem;
        expect(stemMatches(stem, word), `${stem} / ${word}`).toBe(same);
        if (same) matches++;
      }
    }
    expect(matches).toBeGreaterThan(1000);
    // a token far longer than the stem is not stemmed at all, and cannot match
    expect(stemMatches('transfer', 't'.repeat(1 << 20))).toBe(false);
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
