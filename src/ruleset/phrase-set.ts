import type { Token } from '../nlp/tokenize.js';
import { compilePhrase, matchPattern, type PhrasePattern } from './phrase-pattern.js';

/**
 * Several phrases compiled together; a turn matches the set when it matches any of them. Each
 * pattern is indexed under the words of its most selective required element, in an index shared by
 * all the sets of a pack (a PhraseGroup): one pass over a turn's distinct words picks, for every rule
 * at once, the only patterns worth running — most turns run none.
 */
export interface PhraseSet {
  patterns: PhrasePattern[];
  group: PhraseGroup;
  id: number;
}

export interface PhraseHit {
  phrase: string;
  /** Token indices, end exclusive. */
  from: number;
  to: number;
}

/** Longer words are rarer in speech: the element whose shortest word is longest filters best. */
const selectivity = (words: Set<string>) => Math.min(...[...words].map((w) => w.length));

const wordSets = new WeakMap<Token[], Set<string>>();

/** The distinct normalised words of a turn, computed once per token array. */
function wordsOfTokens(tokens: Token[]): Set<string> {
  let words = wordSets.get(tokens);
  if (!words) {
    words = new Set(tokens.map((t) => t.t));
    wordSets.set(tokens, words);
  }
  return words;
}

/** Every required element has one of its words in the turn. */
function requirementsMet(p: PhrasePattern, words: Set<string>): boolean {
  for (const req of p.required) {
    let found = false;
    for (const w of req) {
      if (words.has(w)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

const NONE: number[] = [];

export class PhraseGroup {
  private readonly sets: PhraseSet[] = [];
  /** word → flat [set id, pattern index, …] pairs. */
  private readonly index = new Map<string, number[]>();
  private readonly unindexed: number[][] = [];
  private readonly offsets: number[] = [];
  private marks = new Uint32Array(0);
  private stamp = 0;
  private readonly cache = new WeakMap<Token[], Map<number, number[]>>();

  add(patterns: PhrasePattern[]): PhraseSet {
    const set: PhraseSet = { patterns, group: this, id: this.sets.length };
    this.offsets.push(this.sets.reduce((n, x) => n + x.patterns.length, 0));
    this.sets.push(set);
    this.marks = new Uint32Array(this.offsets[set.id]! + patterns.length);
    const always: number[] = [];
    patterns.forEach((p, pi) => {
      if (p.required.length === 0) {
        always.push(pi);
        return;
      }
      const best = p.required.reduce((a, b) => (selectivity(b) > selectivity(a) ? b : a));
      for (const w of best) {
        let list = this.index.get(w);
        if (!list) this.index.set(w, (list = []));
        list.push(set.id, pi);
      }
    });
    this.unindexed.push(always);
    return set;
  }

  /** Indices of the set's patterns whose required words all occur in the turn, in pattern order. */
  candidates(set: PhraseSet, tokens: Token[]): number[] {
    const words = wordsOfTokens(tokens);
    let perSet = this.cache.get(tokens);
    if (!perSet) {
      // one pass over the turn's words for every set of the pack; requirements are checked per set, on demand
      perSet = new Map();
      const stamp = ++this.stamp;
      for (const w of words) {
        const list = this.index.get(w);
        if (!list) continue;
        for (let k = 0; k < list.length; k += 2) {
          const at = this.offsets[list[k]!]! + list[k + 1]!;
          if (this.marks[at] === stamp) continue;
          this.marks[at] = stamp;
          const found = perSet.get(list[k]!);
          if (found) found.push(list[k + 1]!);
          else perSet.set(list[k]!, [list[k + 1]!]);
        }
      }
      this.cache.set(tokens, perSet);
    }
    const indexed = perSet.get(set.id);
    const found = indexed ? indexed.filter((pi) => requirementsMet(set.patterns[pi]!, words)) : NONE;
    const always = this.unindexed[set.id]!;
    const out = always.length > 0 ? [...always, ...found] : found;
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }
}

/** Compile phrases into a set; the sets of one pack share a group, so a turn is indexed once for all. */
export function compilePhraseSet(sources: readonly string[], group: PhraseGroup = new PhraseGroup()): PhraseSet {
  return group.add(sources.map(compilePhrase));
}

/** Leftmost match of any phrase, optionally restricted to tokens from..to (end exclusive). */
export function findPhrase(set: PhraseSet, tokens: Token[], from = 0, to = tokens.length): PhraseHit | undefined {
  if (set.patterns.length === 0 || from >= to) return undefined;
  let best: PhraseHit | undefined;
  for (const pi of set.group.candidates(set, tokens)) {
    const p = set.patterns[pi]!;
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
