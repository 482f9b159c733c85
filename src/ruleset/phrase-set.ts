import type { Token } from '../nlp/tokenize.js';
import { compilePhrase, matchPattern, mayMatch, type PhrasePattern } from './phrase-pattern.js';

/** Several phrases compiled together; a turn matches the set when it matches any of them. */
export interface PhraseSet {
  patterns: PhrasePattern[];
  /** Words of which one must be in the turn for any phrase to match; undefined = cannot prefilter. */
  anchors: Set<string> | undefined;
}

export interface PhraseHit {
  phrase: string;
  /** Token indices, end exclusive. */
  from: number;
  to: number;
}

export function compilePhraseSet(sources: readonly string[]): PhraseSet {
  const patterns = sources.map(compilePhrase);
  const anchored = patterns.every((p) => p.anchors.length > 0);
  return { patterns, anchors: anchored ? new Set(patterns.flatMap((p) => p.anchors)) : undefined };
}

const wordSets = new WeakMap<Token[], Set<string>>();

/** The distinct normalised words of a turn, computed once per token array. */
export function wordsOfTokens(tokens: Token[]): Set<string> {
  let words = wordSets.get(tokens);
  if (!words) {
    words = new Set(tokens.map((t) => t.t));
    wordSets.set(tokens, words);
  }
  return words;
}

/** Leftmost match of any phrase, optionally restricted to tokens from..to (end exclusive). */
export function findPhrase(set: PhraseSet, tokens: Token[], from = 0, to = tokens.length): PhraseHit | undefined {
  if (set.patterns.length === 0 || from >= to) return undefined;
  const words = wordsOfTokens(tokens);
  let best: PhraseHit | undefined;
  for (const p of set.patterns) {
    if (!mayMatch(p, words)) continue;
    const m = matchPattern(p, tokens, from, best ? Math.min(to, best.from) : to);
    if (m && (!best || m.from < best.from)) best = { phrase: p.source, from: m.from, to: m.to };
  }
  return best;
}

/** Token range (end exclusive) of the sentences that the hit touches. */
export function sentenceRange(tokens: Token[], hit: PhraseHit): { from: number; to: number } {
  const first = tokens[hit.from]!.sentence;
  const last = tokens[hit.to - 1]!.sentence;
  let from = hit.from;
  while (from > 0 && tokens[from - 1]!.sentence >= first) from--;
  let to = hit.to;
  while (to < tokens.length && tokens[to]!.sentence <= last) to++;
  return { from, to };
}

export function hasAnyAnchor(set: PhraseSet, words: Set<string>): boolean {
  if (!set.anchors) return true;
  for (const a of set.anchors) if (words.has(a)) return true;
  return false;
}
