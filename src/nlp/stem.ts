import { createRequire } from 'node:module';

type Stemmer = { stem(word: string): string };

let stemmer: Stemmer | undefined;
const memo = new Map<string, string>();
const MAX_STEMMED_LENGTH = 64;

/**
 * Porter stem of a normalised word, from natural's stemmer submodule only (importing all of natural
 * costs ~0.9 s and runs dotenv). Loaded on first use — only packs that use `~word` pay for it — and
 * memoised per word, so a long run stems each distinct word once.
 */
export function stemOf(word: string): string {
  // A "word" this long is a run of characters (a pasted token, a missing space), not English: the
  // stemmer's cost grows faster than its length, and it could only strip a few letters anyway, so
  // the stem could never equal a rule's.
  if (word.length > MAX_STEMMED_LENGTH) return word;
  let s = memo.get(word);
  if (s === undefined) {
    stemmer ??= createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer;
    s = stemmer.stem(word);
    if (memo.size < 200_000) memo.set(word, s);
  }
  return s;
}
