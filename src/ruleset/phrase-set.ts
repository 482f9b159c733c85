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


/** A word some pattern requires: its number, and the (set id, pattern index) pairs indexed under it. */
interface IndexedWord {
  id: number;
  /** Flat [set id, pattern index, …] pairs; empty when the word is only required, not indexed. */
  patterns: number[];
}

/** A turn's candidates: set id → pattern indices whose required words all occur, ascending; null for none. */
type TurnCandidates = Map<number, number[]> | null;

const NONE: number[] = [];

export class PhraseGroup {
  private readonly sets: PhraseSet[] = [];
  private readonly words = new Map<string, IndexedWord>();
  /** Per set, per pattern, per required element, per option: the word numbers that must all occur. */
  private readonly requiredIds: number[][][][][] = [];
  private readonly unindexed: number[][] = [];
  private readonly offsets: number[] = [];
  private marks = new Uint32Array(0);
  private wordMarks = new Uint32Array(0);
  private stamp = 0;
  /**
   * Where a token array keeps this group's candidates: a property of the array itself, because every
   * rule asks about every turn and a WeakMap lookup per question cost more than the matching. A new
   * key whenever a set is added, so nothing computed for an older group is trusted.
   */
  private key: symbol = Symbol('phrase candidates');

  /**
   * wordCounts: how often each word occurs in text like the turns (the pack's own examples), so each
   * pattern is indexed under its rarest words; without counts, longer words count as rarer.
   */
  constructor(private readonly wordCounts?: ReadonlyMap<string, number>) {}

  /** How often a turn is expected to contain the word: lower is a better index key. */
  private frequency(w: string): number {
    return this.wordCounts ? (this.wordCounts.get(w) ?? 0) - w.length / 100 : 100 - w.length;
  }

  /** The option's rarest word. */
  private keyWord(option: string[]): string {
    return option.reduce((a, b) => (this.frequency(b) < this.frequency(a) ? b : a));
  }

  /** The required element whose options' key words together are rarest: the pattern's index entry. */
  private indexElement(required: string[][][]): string[][] {
    const cost = (options: string[][]) => options.reduce((sum, o) => sum + this.frequency(this.keyWord(o)), 0);
    return required.reduce((a, b) => (cost(b) < cost(a) ? b : a));
  }

  private wordOf(w: string): IndexedWord {
    let entry = this.words.get(w);
    if (!entry) this.words.set(w, (entry = { id: this.words.size, patterns: [] }));
    return entry;
  }

  add(patterns: PhrasePattern[]): PhraseSet {
    const set: PhraseSet = { patterns, group: this, id: this.sets.length };
    this.offsets.push(this.sets.reduce((n, x) => n + x.patterns.length, 0));
    this.sets.push(set);
    this.marks = new Uint32Array(this.offsets[set.id]! + patterns.length);
    this.key = Symbol('phrase candidates');
    const always: number[] = [];
    this.requiredIds.push(patterns.map((p) => p.required.map((options) => options.map((o) => o.map((w) => this.wordOf(w).id)))));
    patterns.forEach((p, pi) => {
      if (p.required.length === 0) {
        always.push(pi);
        return;
      }
      for (const w of new Set(this.indexElement(p.required).map((o) => this.keyWord(o)))) this.wordOf(w).patterns.push(set.id, pi);
    });
    this.wordMarks = new Uint32Array(this.words.size);
    this.unindexed.push(always);
    return set;
  }

  /** Every required element of the pattern has an option whose words are all marked for the current turn. */
  private requirementsMet(setId: number, pi: number, stamp: number): boolean {
    for (const options of this.requiredIds[setId]![pi]!) {
      let found = false;
      for (const ids of options) {
        let all = true;
        for (const id of ids) {
          if (this.wordMarks[id] !== stamp) {
            all = false;
            break;
          }
        }
        if (all) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }

  /** One pass over a turn for every set of the group: the patterns worth running, per set. */
  private indexTurn(tokens: Token[]): TurnCandidates {
    const stamp = ++this.stamp;
    const present: IndexedWord[] = [];
    for (const token of tokens) {
      const entry = this.words.get(token.t);
      if (entry === undefined || this.wordMarks[entry.id] === stamp) continue;
      this.wordMarks[entry.id] = stamp;
      if (entry.patterns.length > 0) present.push(entry);
    }
    if (present.length === 0) return null;
    let perSet: TurnCandidates = null;
    for (const entry of present) {
      const list = entry.patterns;
      for (let k = 0; k < list.length; k += 2) {
        const setId = list[k]!;
        const pi = list[k + 1]!;
        const at = this.offsets[setId]! + pi;
        if (this.marks[at] === stamp) continue;
        this.marks[at] = stamp;
        if (!this.requirementsMet(setId, pi, stamp)) continue;
        perSet ??= new Map();
        const found = perSet.get(setId);
        if (found) found.push(pi);
        else perSet.set(setId, [pi]);
      }
    }
    if (perSet) for (const found of perSet.values()) if (found.length > 1) found.sort((a, b) => a - b);
    return perSet;
  }

  /** The turn's candidates for every set, computed once per token array. */
  private turnCandidates(tokens: Token[]): TurnCandidates {
    const cache = tokens as Token[] & Record<symbol, TurnCandidates | undefined>;
    let perTurn = cache[this.key];
    if (perTurn === undefined) {
      perTurn = this.indexTurn(tokens);
      cache[this.key] = perTurn;
    }
    return perTurn;
  }

  /** The call whose turns were last indexed, and per set the turns where it has candidates. */
  private lastCall: Token[][] | undefined;
  private lastCallTurns = new Map<number, number[]>();

  /**
   * Indices of the turns (ascending) where the set has any candidate pattern: the only turns a rule
   * needs to visit. Every turn when a pattern of the set requires no word. Computed once per call for
   * every set of the group.
   */
  turnsWithCandidates(set: PhraseSet, turns: Token[][]): readonly number[] {
    if (this.unindexed[set.id]!.length > 0) return turns.map((_, i) => i);
    if (turns !== this.lastCall || this.lastCallKey !== this.key) {
      this.lastCall = turns;
      this.lastCallKey = this.key;
      this.lastCallTurns = new Map();
      for (let i = 0; i < turns.length; i++) {
        const perTurn = this.turnCandidates(turns[i]!);
        if (!perTurn) continue;
        for (const setId of perTurn.keys()) {
          const list = this.lastCallTurns.get(setId);
          if (list) list.push(i);
          else this.lastCallTurns.set(setId, [i]);
        }
      }
    }
    return this.lastCallTurns.get(set.id) ?? NONE;
  }

  private lastCallKey: symbol | undefined;

  /** Indices of the set's patterns whose required words all occur in the turn, in pattern order. */
  candidates(set: PhraseSet, tokens: Token[]): number[] {
    const perTurn = this.turnCandidates(tokens);
    const found = perTurn?.get(set.id) ?? NONE;
    const always = this.unindexed[set.id]!;
    if (always.length === 0) return found;
    return [...always, ...found].sort((a, b) => a - b);
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
