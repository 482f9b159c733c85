import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/nlp/word-count.js';

const bySplit = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['one', 1],
    ['  two  words ', 2],
    ['tab\tand\nnew line', 4],
    ['no\u00a0break and\u3000ideographic', 4],
    ['ok, fine. yes!', 3],
  ])('counts %j as %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
    expect(bySplit(text)).toBe(expected);
  });

  it('agrees with splitting on \\s for every space JavaScript knows, on generated texts', () => {
    const spaces = [];
    for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c))) spaces.push(String.fromCharCode(c));
    expect(spaces.length).toBeGreaterThan(20);
    const pieces = [...spaces, 'a', 'bc', '.', '’', 'é', '\u200b', '\u180e'];
    let seed = 11;
    for (let n = 0; n < 5000; n++) {
      let text = '';
      for (let i = 0; i < 12; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += pieces[seed % pieces.length];
      }
      expect(countWords(text), JSON.stringify(text)).toBe(bySplit(text));
    }
  });
});
