import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractTerms } from '../../src/jargon/extract-terms.js';
import { buildLexicon, jargonLexicon, parseWordLists, termKey, WORD_LISTS_FILE } from '../../src/jargon/jargon-lexicon.js';
import { tokenize } from '../../src/nlp/tokenize.js';

const shipped = parseWordLists(readFileSync(WORD_LISTS_FILE, 'utf8'));

describe('jargon word lists (data/jargon/word-lists.yaml)', () => {
  it('ships every list, in lower case', () => {
    for (const [name, list] of Object.entries(shipped)) {
      expect(list.length, name).toBeGreaterThan(3);
      for (const w of list) expect(w, name).toBe(w.toLowerCase());
    }
  });

  it('adds natural’s stop words and the courtesy words to the stop words', () => {
    const lex = jargonLexicon();
    for (const w of ['the', 'of', 'okay', 'apologies', 'inconvenience']) expect(lex.stopWords.has(w), w).toBe(true);
    expect(lex.stopWords.has('siebel')).toBe(false);
  });

  it('keys personal details by their stems, so plurals and spellings of a detail match', () => {
    const lex = jargonLexicon();
    expect(termKey('phone numbers')).toBe(termKey('phone number'));
    for (const d of ['email address', 'phone numbers', 'full name', 'zip code']) expect(lex.personalDetails.has(termKey(d)), d).toBe(true);
    for (const jargon of ['booking reference', 'pac code', 'tracking number']) expect(lex.personalDetails.has(termKey(jargon)), jargon).toBe(false);
    expect(lex.referenceHeads.has(termKey('numbers'))).toBe(true);
  });

  it('is what extractTerms reads: a different list changes the terms', () => {
    const text = 'It is with the porting desk on Siebel.';
    const keys = (lists = shipped) => extractTerms(text, tokenize(text), buildLexicon(lists)).map((t) => t.key);
    expect(keys()).toEqual(expect.arrayContaining(['siebel', 'port desk']));
    expect(keys({ ...shipped, stopWords: [...shipped.stopWords, 'siebel'] })).not.toContain('siebel');
    const withoutDesk = extractTerms(text, tokenize(text), buildLexicon({ ...shipped, teamHeads: ['team'] }));
    expect(withoutDesk.find((t) => t.key === 'port desk')?.pattern).toBeUndefined();
  });

  it('names the field of a malformed file', () => {
    expect(() => parseWordLists('stopWords: [a]\n', 'x.yaml')).toThrow(/x\.yaml: courtesy/);
    expect(() => parseWordLists(readFileSync(WORD_LISTS_FILE, 'utf8') + 'extra: [a]\n', 'x.yaml')).toThrow(/x\.yaml/);
  });
});
