import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { glossaryEntries, glossaryTerm, glossaryYaml, mergeGlossary } from '../../src/jargon/write-glossary.js';
import type { JargonCandidate } from '../../src/jargon/rank-candidates.js';
import { compilePhrase } from '../../src/ruleset/phrase-pattern.js';
import { glossaryFileSchema } from '../../src/ruleset/rule-schema.js';

const candidate = (term: string, extra: Partial<JargonCandidate> = {}): JargonCandidate => ({
  term,
  kind: 'phrase',
  agentCount: 5,
  customerCount: 0,
  score: 4.2,
  contrast: 2.1,
  asked: 1,
  organisations: 0,
  specificity: 0.8,
  spread: 1,
  why: 'agents 5 vs customers 0',
  agents: 2,
  examples: [],
  ...extra,
});

describe('glossary writing', () => {
  it('turns a term into a phrase that is only words', () => {
    expect(glossaryTerm('CRT team')).toBe('CRT team');
    expect(glossaryTerm('wi-fi (home) | #1 *x?')).toBe('wi-fi home 1 x');
    expect(glossaryTerm("customer's ~account^")).toBe("customer's account");
    expect(() => compilePhrase(glossaryTerm('a (b|c) d?'))).not.toThrow();
  });

  it('writes YAML the glossary schema reads back, with say left empty', () => {
    const text = glossaryYaml(glossaryEntries([candidate('Orbit queue', { kind: 'team' }), candidate('yes: no'), candidate('#')]));
    const doc = glossaryFileSchema.parse(parse(text));
    expect(doc.terms).toEqual([{ term: 'Orbit queue' }, { term: 'yes no' }]);
    expect(text).toContain('  - term: Orbit queue  # team; agents 5, customers 0, asked 1, score 4.2\n    say:\n');
  });

  it('keeps existing entries and their alternatives, and adds only new terms', () => {
    const merged = mergeGlossary([{ term: 'tier (#)', say: 'our specialist team' }, { term: 'Orbit queue' }], glossaryEntries([candidate('orbit queue'), candidate('swap desk')]));
    expect(merged.map((e) => e.term)).toEqual(['tier (#)', 'Orbit queue', 'swap desk']);
    const doc = glossaryFileSchema.parse(parse(glossaryYaml(merged)));
    expect(doc.terms[0]).toEqual({ term: 'tier (#)', say: 'our specialist team' });
  });

  it('writes an empty list as such', () => {
    expect(glossaryFileSchema.parse(parse(glossaryYaml([]))).terms).toEqual([]);
  });
});
