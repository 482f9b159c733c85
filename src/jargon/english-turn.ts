import type { Token } from '../nlp/tokenize.js';

/** Turns shorter than this many words are too short to judge and always count as English. */
const MIN_WORDS = 5;
/** English running text is 35–55 % function words; Spanish or French with an English word or two, under 10 %. */
const MIN_FUNCTION_SHARE = 0.15;

/**
 * Whether a turn is in English, judged by its share of English stop words: a reply in Spanish
 * ("lamentamos el inconveniente, por favor…") is all words an English speaker never says, so every
 * word of it would contrast like jargon. The general-English prior cannot tell either: it has never
 * seen them. Turns it rejects are not counted at all.
 */
export function looksEnglish(tokens: readonly Token[], stopWords: ReadonlySet<string>): boolean {
  let words = 0;
  let function_ = 0;
  for (const tok of tokens) {
    if (!/\p{L}/u.test(tok.t)) continue;
    words++;
    if (stopWords.has(tok.t)) function_++;
  }
  return words < MIN_WORDS || function_ >= MIN_FUNCTION_SHARE * words;
}
