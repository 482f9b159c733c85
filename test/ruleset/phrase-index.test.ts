import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/io/load-packs.js';
import { tokenize, type Token } from '../../src/nlp/tokenize.js';
import { matchPattern } from '../../src/ruleset/phrase-pattern.js';
import { compilePhraseSet, findPhrase, PhraseGroup, type PhraseSet } from '../../src/ruleset/phrase-set.js';

/** Leftmost match of any pattern, trying every pattern: what the word index must reproduce. */
function bruteForce(set: PhraseSet, tokens: Token[]) {
  let best: { phrase: string; from: number; to: number } | undefined;
  for (const p of set.patterns) {
    const m = matchPattern(p, tokens, 0, best ? best.from : tokens.length);
    if (m && (!best || m.from < best.from)) best = { phrase: p.source, from: m.from, to: m.to };
  }
  return best;
}

/** Every phrase set the default pack compiled, reached through its shared group. */
function packSets(): PhraseSet[] {
  const { pack } = loadPacks([]);
  const group = pack!.holdAnnounce.group as unknown as { sets: PhraseSet[] };
  return group.sets;
}

/** The texts the default pack is checked on: its examples, the demo calls and the labelled phone calls. */
function packTexts(): string[] {
  const { pack } = loadPacks([]);
  const texts = [...pack!.examples.values()].flatMap((e) => [...e.match, ...e.noMatch]);
  for (const file of ['fixtures/calls/calls.jsonl', 'fixtures/labelled/phone-calls.jsonl']) for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    texts.push(...(JSON.parse(line) as { turns: { text: string }[] }).turns.map((t) => t.text));
  }
  return texts;
}

describe('the start filter', () => {
  it('gives every pattern of the default pack the same first match as trying every position', () => {
    const patterns = packSets().flatMap((s) => s.patterns);
    const filtered = patterns.filter((p) => p.start);
    expect(filtered.length).toBeGreaterThan(patterns.length / 2);
    expect(filtered.some((p) => p.start!.stems.size > 0)).toBe(true);
    let matches = 0;
    for (const text of packTexts()) {
      const tokens = tokenize(text);
      for (const p of filtered) {
        const found = matchPattern(p, tokens);
        expect(found, `${p.source} on "${text}"`).toEqual(matchPattern({ ...p, start: undefined }, tokens));
        if (found) matches++;
      }
    }
    expect(matches).toBeGreaterThan(300);
  });

  it('lets a pattern start at a stem, a prefix, a number or the "s" of "is"', () => {
    const cases: [string, string, number][] = [
      ['(~transfer|put) you to', 'so I transferred you to them', 2],
      ['(escalat*|raise) it', 'we are escalating it now', 2],
      ['(#|no) days', 'wait 5 days', 1],
      ['(is) not working', "the app's not working", 2],
    ];
    for (const [phrase, text, from] of cases) {
      const p = compilePhraseSet([phrase]).patterns[0]!;
      expect(p.start, phrase).toBeDefined();
      expect(matchPattern(p, tokenize(text))?.from, phrase).toBe(from);
    }
  });
});

describe('the pack-wide word index', () => {
  it('finds exactly what trying every pattern finds, for every set of the default pack, on the pack examples, the demo calls and the labelled phone calls', () => {
    const { pack } = loadPacks([]);
    const texts = [...pack!.examples.values()].flatMap((e) => [...e.match, ...e.noMatch]);
    for (const file of ['fixtures/calls/calls.jsonl', 'fixtures/labelled/phone-calls.jsonl']) for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      texts.push(...(JSON.parse(line) as { turns: { text: string }[] }).turns.map((t) => t.text));
    }
    expect(texts.length).toBeGreaterThan(700);
    const sets = packSets();
    expect(sets.length).toBeGreaterThan(50);
    let hits = 0;
    for (const text of texts) {
      const tokens = tokenize(text);
      for (const set of sets) {
        const indexed = findPhrase(set, tokens);
        expect(indexed, `${set.patterns.map((p) => p.source).join(' / ')} on "${text}"`).toEqual(bruteForce(set, tokens));
        if (indexed) hits++;
      }
    }
    expect(hits).toBeGreaterThan(500);
  });

  it('finds the same after learning from the turns which words are rare (index rebuilt mid-run)', () => {
    const texts = packTexts();
    const learning = new PhraseGroup(undefined, 100);
    const sets = packSets().map((s) => compilePhraseSet(s.patterns.map((p) => p.source), learning));
    const before = sets.map((s) => learning.indexWords(s));
    let hits = 0;
    for (const text of [...texts, ...texts]) {
      const tokens = tokenize(text);
      for (const set of sets) {
        const indexed = findPhrase(set, tokens);
        expect(indexed, `${set.patterns.map((p) => p.source).join(' / ')} on "${text}"`).toEqual(bruteForce(set, tokens));
        if (indexed) hits++;
      }
    }
    expect(hits).toBeGreaterThan(1000);
    // the rebuild did happen, and moved some patterns to other words
    expect(sets.map((s) => learning.indexWords(s))).not.toEqual(before);
  });

  it('moves a pattern to the words its turns hold least once it has seen enough turns', () => {
    const counts = new Map([
      ['give', 1],
      ['offer', 1],
      ['refund', 100],
      ['credit', 100],
    ]);
    const group = new PhraseGroup(counts, 10);
    const set = compilePhraseSet(['(give|offer) (a refund|credit)'], group);
    expect(group.indexWords(set)).toEqual([['give', 'offer']]);
    for (let i = 0; i < 9; i++) findPhrase(set, tokenize(`please give me a hand ${i}`));
    expect(group.indexWords(set)).toEqual([['give', 'offer']]);
    // the tenth turn rebuilds the index, and that turn's own candidates come from the new one
    expect(findPhrase(set, tokenize('we can give a refund'))).toEqual({ phrase: '(give|offer) (a refund|credit)', from: 2, to: 5 });
    expect(group.indexWords(set)).toEqual([['refund', 'credit']]);
    expect(findPhrase(set, tokenize('I will offer credit'))?.from).toBe(2);
    expect(findPhrase(set, tokenize('give it a go'))).toBeUndefined();
  });

  it('indexes a pattern under its rarest words when given word counts, and still finds every option', () => {
    const counts = new Map([
      ['the', 500],
      ['that', 300],
      ['delays', 1],
    ]);
    const group = new PhraseGroup(counts);
    const set = compilePhraseSet(['(that|the delays) (are|seem) awful'], group);
    expect(findPhrase(set, tokenize('the delays are awful'))?.from).toBe(0);
    expect(findPhrase(set, tokenize('honestly that seem awful'))?.from).toBe(1);
    expect(findPhrase(set, tokenize('the queue seem awful'))).toBeUndefined();
  });

  it('rejects a turn that has only some words of a multi-word option', () => {
    const set = compilePhraseSet(['(team leader|supervisor) (approval|sign off)']);
    expect(findPhrase(set, tokenize('the team needs approval'))).toBeUndefined();
    // the prefilter itself turns these away: no pattern is even tried
    expect(set.group.candidates(set, tokenize('the team needs approval'))).toEqual([]);
    expect(set.group.candidates(set, tokenize('the leader needs sign off'))).toEqual([]);
    expect(set.group.candidates(set, tokenize('the team leader needs sign off'))).toEqual([0]);
    expect(findPhrase(set, tokenize('the team leader needs to sign it off'))).toBeUndefined();
    expect(findPhrase(set, tokenize('needs team leader approval'))).toEqual({ phrase: '(team leader|supervisor) (approval|sign off)', from: 1, to: 4 });
  });

  it('a set added to a group after a turn was indexed is still found in that turn', () => {
    const group = new PhraseGroup();
    const first = compilePhraseSet(['company policy'], group);
    const tokens = tokenize('it is company policy and the system is down');
    expect(findPhrase(first, tokens)?.from).toBe(2);
    const later = compilePhraseSet(['system is down'], group);
    expect(findPhrase(later, tokens)?.from).toBe(6);
  });
});
