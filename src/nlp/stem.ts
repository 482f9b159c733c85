import { createRequire } from 'node:module';

type Stemmer = { stem(word: string): string };

let stemmer: Stemmer | undefined;
const memo = new Map<string, string>();
const MAX_STEMMED_LENGTH = 1000;

/**
 * Porter stem of a normalised word, from natural's stemmer submodule only (importing all of natural
 * costs ~0.9 s and runs dotenv). Loaded on first use — only packs that use `~word` pay for it — and
 * memoised per word, so a long run stems each distinct word once.
 */
export function stemOf(word: string): string {
  // the stemmer's cost grows with the square of the length: a run of letters this long (a pasted
  // blob, not a word; `cxlint jargon` stems every content token) is left as it is
  if (word.length > MAX_STEMMED_LENGTH) return word;
  let s = memo.get(word);
  if (s === undefined) {
    stemmer ??= createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer;
    s = stemmer.stem(word);
    if (memo.size < 200_000) memo.set(word, s);
  }
  return s;
}

/**
 * Letters the Porter stemmer can take off a word at most (steps 1a–5b together: "ies", "ing",
 * "ization"→"ize", "ative", "ement", "e", one "l"), with room to spare.
 */
const MAX_LETTERS_REMOVED = 30;

/**
 * Whether the word's Porter stem is `stem`, without stemming words that cannot have it: a stem keeps
 * the word's first letter, and is at most MAX_LETTERS_REMOVED shorter. The stemmer's cost grows with
 * the square of a word's length (a 1 MB run of letters took minutes), and every distinct token of a
 * run is compared with every stem of the pack.
 */
export function stemMatches(stem: string, word: string): boolean {
  if (word.length > stem.length + MAX_LETTERS_REMOVED || word.charCodeAt(0) !== stem.charCodeAt(0)) return false;
  return stemOf(word) === stem;
}
