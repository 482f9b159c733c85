import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { stemOf } from '../nlp/stem.js';
import { tokenize } from '../nlp/tokenize.js';

/** data/jargon/word-lists.yaml of the installed package, next to dist/ (and to src/ in the tests). */
export const WORD_LISTS_FILE = fileURLToPath(new URL('../../data/jargon/word-lists.yaml', import.meta.url));

const words = z.array(z.string().min(1));
const wordListsSchema = z.strictObject({
  stopWords: words,
  courtesy: words,
  personalDetails: words,
  tierHeads: words,
  teamHeads: words,
  referenceHeads: words,
  greetings: words,
});
export type WordLists = z.infer<typeof wordListsSchema>;

/** The word lists in the form the jargon code asks them: sets of normalised words and of stemmed keys. */
export interface JargonLexicon {
  /** natural's stop words, the conversation's and courtesy words: never the first or last word of a term. */
  stopWords: ReadonlySet<string>;
  /** Counting keys (Porter stems joined by spaces) of the customer's own details: never a candidate. */
  personalDetails: ReadonlySet<string>;
  tierHeads: ReadonlySet<string>;
  teamHeads: ReadonlySet<string>;
  /** Stems of the last words of identifier names ("number", "code", "reference"). */
  referenceHeads: ReadonlySet<string>;
  greetings: ReadonlySet<string>;
}

/** A phrase's counting key, as extractTerms makes it: the Porter stems of its normalised words. */
export const termKey = (phrase: string) =>
  tokenize(phrase)
    .map((t) => stemOf(t.t))
    .join(' ');

/** Parse and check word-lists YAML; throws with the offending field on a malformed file. */
export function parseWordLists(yamlText: string, file = 'word lists'): WordLists {
  const result = wordListsSchema.safeParse(parse(yamlText));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** The lexicon from word lists plus an extra stop-word list (natural's). */
export function buildLexicon(lists: WordLists, extraStopWords: readonly string[] = []): JargonLexicon {
  const norm = (w: string) => w.trim().toLowerCase();
  return {
    stopWords: new Set([...extraStopWords, ...lists.stopWords, ...lists.courtesy].map(norm)),
    personalDetails: new Set(lists.personalDetails.map(termKey).filter((k) => k !== '')),
    tierHeads: new Set(lists.tierHeads.map(norm)),
    teamHeads: new Set(lists.teamHeads.map(norm)),
    referenceHeads: new Set(lists.referenceHeads.map((w) => stemOf(norm(w)))),
    greetings: new Set(lists.greetings.map(norm)),
  };
}

let lexicon: JargonLexicon | undefined;

/**
 * The shipped lexicon, read once on first use: data/jargon/word-lists.yaml plus natural's English
 * stop words (its util submodule only, not all of natural). Only `cxlint jargon` reads it.
 */
export function jargonLexicon(): JargonLexicon {
  if (!lexicon) {
    const natural = createRequire(import.meta.url)('natural/lib/natural/util/stopwords.js') as { words: string[] };
    lexicon = buildLexicon(parseWordLists(readFileSync(WORD_LISTS_FILE, 'utf8'), WORD_LISTS_FILE), natural.words);
  }
  return lexicon;
}

export const isStopWord = (word: string) => jargonLexicon().stopWords.has(word);
