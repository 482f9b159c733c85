import { stemMatches, stemOf } from '../nlp/stem.js';
import { expandWord, type Token } from '../nlp/tokenize.js';

/**
 * Phrase syntax used by rules (compiled once per pack):
 *   word            a word, normalised like turn text ("won't" = "will not")
 *   (a|b c|d)       alternatives, each one or more words (which may be "#", a "pre*" prefix or a "~stem")
 *   elem?           optional word or group
 *   pre*            any word starting with "pre" ("escalat*")
 *   ~word           any form of the word with the same Porter stem ("~transfer": transfers, transferred…)
 *   *  *N           a gap of up to 3 (or N) words inside the same sentence
 *   #               a number (also inside alternatives)
 *   ^               the start of a sentence (only as the first element)
 *   @name           a capitalised word inside a sentence ("Hi Holly"): a name candidate
 *   @addressed      the same, set off by punctuation on both sides ("Thanks, Daniel.")
 *   @acronym        a word written in capitals, 2–5 letters or digits ("CRT", "L2"), not a sign-off
 */
export type PatternElement =
  | { kind: 'words'; options: string[][]; optional: boolean }
  | { kind: 'prefix'; prefix: string; optional: boolean }
  | { kind: 'stem'; stem: string; optional: boolean }
  | { kind: 'gap'; max: number }
  | { kind: 'number'; optional: boolean }
  | { kind: 'sentence-start' }
  | { kind: 'name'; addressed: boolean; optional: boolean }
  | { kind: 'acronym'; optional: boolean };

export interface PhrasePattern {
  source: string;
  elements: PatternElement[];
  /**
   * For every required element that stands for words: per option, the words (as the pattern writes
   * them: "#", "pre*", "~stem" included) that must each match some token of the turn for that option
   * to match. A required `@name`/`@addressed` or `@acronym` element requires NAME_MARK or ACRONYM_MARK;
   * a lone "#", "pre*" or "~stem" element is a one-word option. A turn matches the pattern only when, for
   * each element, at least one option has all its plain words.
   */
  required: string[][][];
  /** When the pattern must start with a word of a known kind: only positions holding one are tried. */
  start?: StartFilter;
}

/** What the first token of a match can be: one of the words, a word with one of the stems or prefixes, or a number. */
export interface StartFilter {
  words: Set<string>;
  stems: Set<string>;
  prefixes: string[];
  number: boolean;
}

export class PatternSyntaxError extends Error {}

const DEFAULT_GAP = 3;

function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of source) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new PatternSyntaxError(`unbalanced ")" in "${source}"`);
    if (/\s/.test(ch) && depth === 0) {
      if (current) parts.push(current);
      current = '';
    } else current += ch;
  }
  if (depth !== 0) throw new PatternSyntaxError(`unbalanced "(" in "${source}"`);
  if (current) parts.push(current);
  return parts;
}

function wordsOf(text: string, source: string): string[] {
  const words = text
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean)
    .flatMap((w) => {
      if (w === '#') return ['#'];
      if (/^[\p{L}\p{N}]+\*$/u.test(w)) return [w.toLowerCase()];
      if (/^~\p{L}+$/u.test(w)) return [`~${stemOf(w.slice(1).toLowerCase())}`];
      const cleaned = w.replace(/[^\p{L}\p{N}'’]/gu, '');
      if (!cleaned) throw new PatternSyntaxError(`"${w}" is not a word in "${source}"`);
      return expandWord(cleaned);
    });
  if (words.length === 0) throw new PatternSyntaxError(`empty alternative in "${source}"`);
  return words;
}

function parseElement(part: string, source: string): PatternElement {
  if (part === '^') return { kind: 'sentence-start' };
  if (part === '@name') return { kind: 'name', addressed: false, optional: false };
  if (part === '@addressed') return { kind: 'name', addressed: true, optional: false };
  if (part === '@acronym') return { kind: 'acronym', optional: false };
  const gap = /^\*(\d+)?$/.exec(part);
  if (gap) return { kind: 'gap', max: gap[1] ? Number(gap[1]) : DEFAULT_GAP };
  const optional = part.endsWith('?');
  const body = optional ? part.slice(0, -1) : part;
  if (body === '#') return { kind: 'number', optional };
  if (body.startsWith('(')) {
    if (!body.endsWith(')')) throw new PatternSyntaxError(`group "${body}" must end with ")" in "${source}"`);
    const options = body
      .slice(1, -1)
      .split('|')
      .map((alt) => wordsOf(alt, source));
    return { kind: 'words', options, optional };
  }
  if (body.startsWith('~')) {
    const word = body.slice(1).toLowerCase();
    if (!/^[\p{L}]+$/u.test(word)) throw new PatternSyntaxError(`bad stem "${body}" in "${source}"`);
    return { kind: 'stem', stem: stemOf(word), optional };
  }
  if (body.length > 1 && body.endsWith('*')) {
    const prefix = body.slice(0, -1).toLowerCase();
    if (!/^[\p{L}\p{N}]+$/u.test(prefix)) throw new PatternSyntaxError(`bad prefix "${body}" in "${source}"`);
    return { kind: 'prefix', prefix, optional };
  }
  return { kind: 'words', options: [wordsOf(body, source)], optional };
}

const compiled = new Map<string, PhrasePattern>();

/** Compile a phrase; the same source is compiled once per process (load-time checks and the engine share it). */
export function compilePhrase(source: string): PhrasePattern {
  let pattern = compiled.get(source);
  if (!pattern) {
    pattern = compilePhraseUncached(source);
    compiled.set(source, pattern);
  }
  return pattern;
}

function compilePhraseUncached(source: string): PhrasePattern {
  const elements = splitTopLevel(source).map((part) => parseElement(part, source));
  if (elements.slice(1).some((e) => e.kind === 'sentence-start')) {
    throw new PatternSyntaxError(`"${source}": "^" may only start a phrase`);
  }
  if (elements[0]?.kind === 'gap' || elements[elements.length - 1]?.kind === 'gap') {
    throw new PatternSyntaxError(`"${source}" starts or ends with a gap; a gap goes between words`);
  }
  if (!elements.some((e) => e.kind !== 'gap' && e.kind !== 'sentence-start' && !e.optional)) {
    throw new PatternSyntaxError(`"${source}" has no required word`);
  }
  const startFilter = (e: PatternElement): StartFilter | undefined => {
    if (e.kind !== 'words' || e.optional) return undefined;
    const filter: StartFilter = { words: new Set(), stems: new Set(), prefixes: [], number: false };
    for (const [w] of e.options) {
      if (w === '#') filter.number = true;
      else if (w!.endsWith('*')) filter.prefixes.push(w!.slice(0, -1));
      else if (w!.startsWith('~')) filter.stems.add(w!.slice(1));
      else {
        filter.words.add(w!);
        if (w === 'is') filter.words.add('s');
      }
    }
    return filter;
  };
  const requiredWords = (e: PatternElement): string[][] | undefined => {
    if (e.kind === 'gap' || e.kind === 'sentence-start' || e.optional) return undefined;
    if (e.kind === 'name' || e.kind === 'acronym') return [[e.kind === 'name' ? NAME_MARK : ACRONYM_MARK]];
    if (e.kind === 'number') return [['#']];
    if (e.kind === 'stem') return [[`~${e.stem}`]];
    if (e.kind === 'prefix') return [[`${e.prefix}*`]];
    return e.options.map((o) => [...new Set(o)]);
  };
  const required = elements.map(requiredWords).filter((x): x is string[][] => x !== undefined);
  const start = elements[0] ? startFilter(elements[0]) : undefined;
  return { source, elements, required, ...(start ? { start } : {}) };
}

/**
 * Marks standing for a token class in `required`: a turn "has" NAME_MARK when some token could be a
 * name as `@name` reads it (capitalised, not the first word of its sentence), ACRONYM_MARK when some
 * token is an acronym. They cannot be words: words never start with "@".
 */
export const NAME_MARK = '@name';
export const ACRONYM_MARK = '@acronym';

/** The class marks a turn's tokens give (see NAME_MARK), for the index and for counting examples. */
export function tokenMarks(tokens: Token[], k: number): string | undefined {
  const token = tokens[k]!;
  if (token.acronym) return ACRONYM_MARK;
  if (token.cap && k > 0 && tokens[k - 1]!.sentence === token.sentence) return NAME_MARK;
  return undefined;
}

/**
 * A pattern word that a token matches only by being the same word. The others are "#" (a number),
 * "pre*" (a prefix), "~stem" (a stem) and "is" (which also matches the "s" of "number's").
 */
export const isPlainWord = (w: string) => w !== '#' && w !== 'is' && !w.endsWith('*') && !w.startsWith('~');

export interface PatternMatch {
  /** Token indices, end exclusive. */
  from: number;
  to: number;
}

const isNumber = (t: string) => /\d/.test(t) || NUMBER_WORDS.has(t);
const NUMBER_WORDS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'first', 'second', 'third', 'fourth', 'fifth',
]);

/** "is" in a rule also matches the "s" of "number's": after a noun, "'s" may be "is" or a possessive. */
export const wordMatches = (w: string, t: string) =>
  t === w ||
  (w === '#'
    ? isNumber(t)
    : w.endsWith('*')
      ? t.startsWith(w.slice(0, -1))
      : w.startsWith('~')
        ? stemMatches(w.slice(1), t)
        : w === 'is' && t === 's');

/**
 * Token index after the shortest-first match of elements[k..] at `at`, or -1. Plain recursion with
 * loops (no generators: this is the hot path of every run). Alternatives are tried in order and an
 * optional element is tried present before absent, so the first match found is the one reported.
 */
function matchAt(els: PatternElement[], k: number, tokens: Token[], at: number, sentence: number): number {
  if (k === els.length) return at;
  const el = els[k]!;
  const here = at < tokens.length && tokens[at]!.sentence === sentence ? tokens[at]! : undefined;
  let ok = false;
  switch (el.kind) {
    case 'gap':
      for (let n = 0; n <= el.max; n++) {
        if (n > 0 && !(at + n - 1 < tokens.length && tokens[at + n - 1]!.sentence === sentence)) break;
        const end = matchAt(els, k + 1, tokens, at + n, sentence);
        if (end >= 0) return end;
      }
      return -1;
    case 'sentence-start':
      return at === 0 || tokens[at - 1]!.sentence !== sentence ? matchAt(els, k + 1, tokens, at, sentence) : -1;
    case 'words':
      for (const option of el.options) {
        let all = true;
        for (let w = 0; w < option.length && all; w++) {
          const tok = tokens[at + w];
          all = tok !== undefined && tok.sentence === sentence && wordMatches(option[w]!, tok.t);
        }
        if (all) {
          const end = matchAt(els, k + 1, tokens, at + option.length, sentence);
          if (end >= 0) return end;
        }
      }
      return el.optional ? matchAt(els, k + 1, tokens, at, sentence) : -1;
    case 'name':
      // Not the first word of a sentence: every sentence starts with a capital.
      ok = here !== undefined && at > 0 && tokens[at - 1]!.sentence === sentence && here.cap && (!el.addressed || here.setOff);
      break;
    case 'acronym':
      ok = here !== undefined && here.acronym;
      break;
    case 'number':
      ok = here !== undefined && isNumber(here.t);
      break;
    case 'stem':
      ok = here !== undefined && stemMatches(el.stem, here.t);
      break;
    case 'prefix':
      ok = here !== undefined && here.t.startsWith(el.prefix);
      break;
  }
  if (ok) {
    const end = matchAt(els, k + 1, tokens, at + 1, sentence);
    if (end >= 0) return end;
  }
  return el.optional ? matchAt(els, k + 1, tokens, at, sentence) : -1;
}

/** Whether a token can be the first of a match: what wordMatches allows for some option's first word. */
function canStart(filter: StartFilter, t: string): boolean {
  if (filter.words.has(t)) return true;
  if (filter.number && isNumber(t)) return true;
  for (const stem of filter.stems) if (stemMatches(stem, t)) return true;
  for (const prefix of filter.prefixes) if (t.startsWith(prefix)) return true;
  return false;
}

/**
 * First match of the pattern (leftmost start) starting at a token in [start, end), or undefined.
 * The whole token list is passed, not a slice, so "^" still knows where sentences begin.
 */
export function matchPattern(p: PhrasePattern, tokens: Token[], start = 0, end = tokens.length): PatternMatch | undefined {
  const filter = p.start;
  for (let from = start; from < end; from++) {
    if (filter && !canStart(filter, tokens[from]!.t)) continue;
    const to = matchAt(p.elements, 0, tokens, from, tokens[from]!.sentence);
    if (to > from) return { from, to };
  }
  return undefined;
}
