import type { Token } from '../nlp/tokenize.js';
import { compilePhrase, isPlainWord, matchPattern, tokenMarks, wordMatches, type PhrasePattern } from './phrase-pattern.js';

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


/**
 * A turn's candidates: the numbers (set offset + pattern index, so ascending means by set, then by
 * pattern) of the patterns whose required words all occur in the turn.
 */
type TurnCandidates = readonly number[];

const NONE: number[] = [];
/** Turns indexed before the index is rebuilt under the words rarest in them (see the constructor). */
const LEARN_TURNS = 2000;
/** Above any example count: a word seen in one more turn always counts as more frequent. */
const PRIOR_SCALE = 1e6;
/** Distinct token texts whose required words are remembered (~100 bytes each). */
const TOKEN_MEMO_LIMIT = 50_000;
/** Longer token texts (a pasted run of characters) are not remembered: each would hold its length in memory. */
const TOKEN_MEMO_LENGTH = 64;

export class PhraseGroup {
  private readonly sets: PhraseSet[] = [];
  /** Word → its number; every word some pattern requires, as the pattern writes it ("pre*", "~stem", "#"…). */
  private readonly words = new Map<string, number>();
  /** The required words a token matches other than by being the same word (see isPlainWord). */
  private readonly matchedWords: { word: string; id: number }[] = [];
  /**
   * Token text → the numbers of the required words it matches: worked out once per distinct token
   * (a prefix test, a stem) and then one lookup, the same cost as looking up the word alone.
   */
  private tokenWords = new Map<string, readonly number[]>();
  private readonly priors = new Map<string, number>();
  /** Turns indexed so far, up to learnTurns; per word number, how many of them held the word. */
  private seenTurns = 0;
  private turnsWith = new Uint32Array(0);
  /** Per word number: the patterns (by number) indexed under it. */
  private readonly indexedUnder: number[][] = [];
  /**
   * Per pattern number, where its requirements start in `requirements`: element count, then per
   * element its option count, then per option its word count and word numbers. One flat array, so
   * checking a candidate follows no pointers.
   */
  private readonly requirementStart: number[] = [];
  private readonly requirements: number[] = [];
  /** Per pattern number, the set it belongs to. */
  private readonly setOfPattern: number[] = [];
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
   * learnTurns: after indexing this many turns, every pattern is indexed again under the words that
   * were rarest in those turns. The examples are a guess at what turns say ("give" is rare in them,
   * common in calls); the run's own turns are the real thing. Which words are index keys changes only
   * how much work a turn costs, never which patterns it is a candidate for.
   */
  constructor(
    private readonly wordCounts?: ReadonlyMap<string, number>,
    private readonly learnTurns = LEARN_TURNS,
  ) {}

  /** How often a turn is expected to contain the word: lower is a better index key. */
  private frequency(w: string): number {
    const prior = this.prior(w);
    if (this.seenTurns < this.learnTurns) return prior;
    // once learned, what the turns held decides; the prior only orders words seen equally often
    const id = this.words.get(w);
    return (id === undefined ? 0 : this.turnsWith[id]!) * PRIOR_SCALE + prior;
  }

  /** How often the examples suggest a turn contains the word. */
  private prior(w: string): number {
    if (!this.wordCounts) return 100 - w.length;
    let count = this.priors.get(w);
    if (count === undefined) {
      count = this.wordCounts.get(w) ?? 0;
      if (!isPlainWord(w)) {
        // the example words it matches; a stem by the words that share its letters but the last
        // (stemming every example word at start-up would cost more than the index saves)
        const like = w.startsWith('~') && w.length > 4 ? `${w.slice(1, -1)}*` : w;
        for (const [word, n] of this.wordCounts) if (word !== w && wordMatches(like, word)) count += n;
      }
      this.priors.set(w, count);
    }
    return count - w.length / 100;
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

  private wordOf(w: string): number {
    let id = this.words.get(w);
    if (id === undefined) {
      id = this.words.size;
      this.words.set(w, id);
      this.indexedUnder.push([]);
      if (!isPlainWord(w)) this.matchedWords.push({ word: w, id });
    }
    return id;
  }

  /** The numbers of the required words a token matches (its own word, and "#", "pre*", "~stem", "is"). */
  private wordsOfToken(t: string): readonly number[] {
    let ids = this.tokenWords.get(t);
    if (ids === undefined) {
      const own = this.words.get(t);
      const found: number[] = own !== undefined ? [own] : [];
      // (wordMatches stems a token only when it could have the stem: see stemMatches)
      for (const { word, id } of this.matchedWords) if (word !== t && wordMatches(word, t)) found.push(id);
      ids = found.length === 0 ? NONE : found;
      // a run meets a bounded vocabulary; past the bound, rare words are worked out each time
      if (this.tokenWords.size < TOKEN_MEMO_LIMIT && t.length <= TOKEN_MEMO_LENGTH) this.tokenWords.set(t, ids);
    }
    return ids;
  }

  add(patterns: PhrasePattern[]): PhraseSet {
    const set: PhraseSet = { patterns, group: this, id: this.sets.length };
    const offset = this.sets.reduce((n, x) => n + x.patterns.length, 0);
    this.offsets.push(offset);
    this.sets.push(set);
    this.marks = new Uint32Array(offset + patterns.length);
    this.key = Symbol('phrase candidates');
    this.tokenWords = new Map();
    // every pattern requires something (compilePhrase refuses one that does not), so every pattern is indexed
    patterns.forEach((p, pi) => {
      this.setOfPattern.push(set.id);
      this.requirementStart.push(this.requirements.length);
      this.requirements.push(p.required.length);
      for (const options of p.required) {
        this.requirements.push(options.length);
        for (const option of options) this.requirements.push(option.length, ...option.map((w) => this.wordOf(w)));
      }
      this.indexPattern(p, offset + pi);
    });
    this.wordMarks = new Uint32Array(this.words.size);
    const turnsWith = new Uint32Array(this.words.size);
    turnsWith.set(this.turnsWith);
    this.turnsWith = turnsWith;
    return set;
  }

  /** File the pattern under the key words of its rarest required element. */
  private indexPattern(p: PhrasePattern, pattern: number): void {
    for (const w of new Set(this.indexElement(p.required).map((o) => this.keyWord(o)))) this.indexedUnder[this.wordOf(w)]!.push(pattern);
  }

  /** Index every pattern again, now that the turns have shown which words are rare. */
  private reindex(): void {
    for (const list of this.indexedUnder) list.length = 0;
    for (const set of this.sets) set.patterns.forEach((p, pi) => this.indexPattern(p, this.offsets[set.id]! + pi));
  }

  /** The words each pattern of the set is indexed under (for tests and `rules` diagnostics). */
  indexWords(set: PhraseSet): string[][] {
    const names = [...this.words.keys()];
    const offset = this.offsets[set.id]!;
    return set.patterns.map((_, pi) => names.filter((_, id) => this.indexedUnder[id]!.includes(offset + pi)));
  }

  /** Every required element of the pattern has an option whose words are all marked for the current turn. */
  private requirementsMet(pattern: number, stamp: number): boolean {
    const req = this.requirements;
    let at = this.requirementStart[pattern]!;
    const elements = req[at++]!;
    for (let e = 0; e < elements; e++) {
      const options = req[at++]!;
      let found = false;
      for (let o = 0; o < options; o++) {
        const count = req[at++]!;
        if (!found) {
          found = true;
          for (let w = 0; w < count; w++) {
            if (this.wordMarks[req[at + w]!] !== stamp) {
              found = false;
              break;
            }
          }
        }
        at += count;
      }
      if (!found) return false;
    }
    return true;
  }

  /**
   * Mark a required word as present in the current turn (counted while the index is learning);
   * true the first time in the turn for a word that patterns are indexed under.
   */
  private markWord(id: number, stamp: number, learning: boolean): boolean {
    if (this.wordMarks[id] === stamp) return false;
    this.wordMarks[id] = stamp;
    if (learning) this.turnsWith[id]!++;
    return this.indexedUnder[id]!.length > 0;
  }

  /** One pass over a turn for every set of the group: the patterns worth running, in ascending number. */
  private indexTurn(tokens: Token[]): TurnCandidates {
    const stamp = ++this.stamp;
    const learning = this.seenTurns < this.learnTurns;
    let present: number[] | undefined;
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k]!;
      const ids = this.wordsOfToken(token.t);
      for (let j = 0; j < ids.length; j++) if (this.markWord(ids[j]!, stamp, learning)) (present ??= []).push(ids[j]!);
      // a token of a class some pattern requires (a name, an acronym) marks the class too
      if (!token.cap && !token.acronym) continue;
      const mark = tokenMarks(tokens, k);
      const id = mark === undefined ? undefined : this.words.get(mark);
      if (id !== undefined && this.markWord(id, stamp, learning)) (present ??= []).push(id);
    }
    if (learning && ++this.seenTurns === this.learnTurns) {
      // the words present were gathered before the index changed: gather them again from the marks
      this.reindex();
      present = [];
      for (let id = 0; id < this.indexedUnder.length; id++) if (this.wordMarks[id] === stamp && this.indexedUnder[id]!.length > 0) present.push(id);
    }
    if (present === undefined) return NONE;
    let found: number[] | undefined;
    for (const id of present) {
      const list = this.indexedUnder[id]!;
      for (let k = 0; k < list.length; k++) {
        const pattern = list[k]!;
        if (this.marks[pattern] === stamp) continue;
        this.marks[pattern] = stamp;
        if (!this.requirementsMet(pattern, stamp)) continue;
        if (found === undefined) found = [pattern];
        else {
          // insertion sort: a turn has a handful of candidates
          let at = found.length;
          found.push(pattern);
          while (at > 0 && found[at - 1]! > pattern) {
            found[at] = found[at - 1]!;
            at--;
          }
          found[at] = pattern;
        }
      }
    }
    return found ?? NONE;
  }

  /** Where the set's patterns start among the group's pattern numbers. */
  offsetOf(set: PhraseSet): number {
    return this.offsets[set.id]!;
  }

  /** The turn's candidate pattern numbers for every set of the group, ascending; computed once per token array. */
  turnCandidates(tokens: Token[]): TurnCandidates {
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
  private lastCallKey: symbol | undefined;

  /**
   * Indices of the turns (ascending) where the set has any candidate pattern: the only turns a rule
   * needs to visit. Computed once per call for every set of the group.
   */
  turnsWithCandidates(set: PhraseSet, turns: Token[][]): readonly number[] {
    if (turns !== this.lastCall || this.lastCallKey !== this.key) {
      this.lastCall = turns;
      this.lastCallKey = this.key;
      this.lastCallTurns = new Map();
      for (let i = 0; i < turns.length; i++) {
        const perTurn = this.turnCandidates(turns[i]!);
        let previous = -1;
        for (const pattern of perTurn) {
          const setId = this.setOfPattern[pattern]!;
          if (setId === previous) continue;
          previous = setId;
          const list = this.lastCallTurns.get(setId);
          if (list) list.push(i);
          else this.lastCallTurns.set(setId, [i]);
        }
      }
    }
    return this.lastCallTurns.get(set.id) ?? NONE;
  }

  /** Indices of the set's patterns whose required words all occur in the turn, in pattern order. */
  candidates(set: PhraseSet, tokens: Token[]): number[] {
    const offset = this.offsets[set.id]!;
    const end = offset + set.patterns.length;
    return this.turnCandidates(tokens)
      .filter((pattern) => pattern >= offset && pattern < end)
      .map((pattern) => pattern - offset);
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
  // the turn's candidates for the whole group, ascending: this set's are one run of them (walked
  // here rather than through candidates(), which allocates)
  const all = set.group.turnCandidates(tokens);
  const offset = set.group.offsetOf(set);
  const end = offset + set.patterns.length;
  for (let k = 0; k < all.length; k++) {
    const pattern = all[k]!;
    if (pattern >= end) break;
    if (pattern < offset) continue;
    const p = set.patterns[pattern - offset]!;
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
