import { describe, expect, it } from 'vitest';
import { frequencyList, generalEnglish, specificity, SPECIFICITY_FLOOR, subtlexEntries } from '../../src/jargon/general-english.js';

describe('frequencyList', () => {
  const list = frequencyList([
    { word: 'the', count: 999_000 },
    { word: 'I', count: 500 },
    { word: 'i', count: 500 },
    { word: 'locator', count: 1 },
  ]);

  it('gives Zipf values: log10 of the count per billion words, case-folded, unseen words at the floor', () => {
    // 1,000,000 words in all: 999,000 per million → Zipf ≈ 9 - 6 + log10(999,001)
    expect(list.zipf('the')).toBeCloseTo(9 - 6 + Math.log10(999_001), 6);
    expect(list.zipf('i')).toBeCloseTo(9 - 6 + Math.log10(1001), 6);
    expect(list.zipf('imei')).toBeCloseTo(3, 6);
    expect(list.zipf('locator')).toBeGreaterThan(list.zipf('imei'));
  });
});

describe('subtlexEntries', () => {
  it('scans the package’s layout, escapes included, and parses any other layout as JSON', () => {
    expect([...subtlexEntries('[\n  {\n    "word": "you",\n    "count": 2134713\n  },\n  {"word": "say \\"hi\\"", "count": 2}\n]')]).toEqual([
      { word: 'you', count: 2134713 },
      { word: 'say "hi"', count: 2 },
    ]);
    expect([...subtlexEntries('[{"count": 3, "word": "x"}, {"word": 5}]')]).toEqual([{ word: 'x', count: 3 }]);
  });
});

describe('specificity against SUBTLEX-US (the shipped prior)', () => {
  const english = generalEnglish();
  const spec = (term: string) => specificity(term.split(' '), english).specificity;

  it('loads the whole list', () => {
    expect(english.zipf('you')).toBeGreaterThan(7);
    expect(english.zipf('team')).toBeGreaterThan(5);
  });

  it('holds back everyday words and keeps words subtitles never say', () => {
    for (const everyday of ['name', 'number', 'team', 'phone', 'look']) expect(spec(everyday), everyday).toBeLessThan(0.4);
    for (const rare of ['imei', 'siebel', 'provisioning', 'firmware', 'bau']) expect(spec(rare), rare).toBe(1);
    expect(spec('the')).toBe(SPECIFICITY_FLOOR);
  });

  it('orders phrases by the mean of their words: record locator above tracking number above phone number', () => {
    expect(spec('record locator')).toBeGreaterThan(spec('tracking number'));
    expect(spec('tracking number')).toBeGreaterThan(spec('phone number'));
    expect(specificity([], english).specificity).toBe(1);
  });
});
