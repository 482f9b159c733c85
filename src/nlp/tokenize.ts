/**
 * Normalising tokenizer shared by rule compilation and matching, so that a phrase written in a rule
 * and the same words spoken in a turn always produce the same tokens: case, curly quotes,
 * punctuation and contractions ("won't" = "will not") are folded. Each token keeps the character
 * offsets of the original text it came from, so evidence can quote the turn exactly.
 */
export interface Token {
  /** Normalised form: lower case, contractions expanded. */
  t: string;
  start: number;
  end: number;
  /** Sentence number within the text; a phrase never spans two sentences. */
  sentence: number;
  /** Written with a capital then lower-case letters ("Daniel", not "KTN" or "i"): a name candidate. */
  cap: boolean;
  /** Set off by punctuation on both sides (", Daniel." / "Hi Holly,"): how a name is used to address someone. */
  setOff: boolean;
  /** Written in capitals, 2–5 letters with optional digits ("CRT", "L2"), and not a sign-off ("^JD"). */
  acronym: boolean;
}

const ACRONYM = /^(?=.*[A-Z].*[A-Z0-9])[A-Z][A-Z0-9]{1,4}$/;
const SIGN_OFF_MARKS = new Set(['^', '*', '~', '/', '-', '–', '—']);
/** A word next to another word in capitals: a shouted or upper-case passage, not an acronym. */
const inCapitalsRun = (text: string, start: number, end: number) =>
  /\b[A-Z]{2,}[\s,]+$/.test(text.slice(Math.max(0, start - 20), start)) || /^[\s,]+[A-Z]{2,}\b/.test(text.slice(end, end + 20));

/** A capitals-only word standing alone at the very end ("… Thank you. SO"): an agent's initials. */
const isSignOff = (text: string, start: number, end: number) =>
  SIGN_OFF_MARKS.has(prevChar(text, start)) || (/^[.!?\n,)]?$/.test(prevChar(text, start)) && prevChar(text, start) !== '' && /^[^\p{L}\p{N}.!?]*$/u.test(text.slice(end)));

const APOSTROPHE = /['’‘`]/;
const CAPITALISED = /^\p{Lu}\p{Ll}/u;
const prevChar = (text: string, at: number) => {
  let i = at - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return i < 0 ? '' : text[i]!;
};
const nextChar = (text: string, at: number) => {
  let i = at;
  while (i < text.length && text[i] === ' ') i++;
  return i >= text.length ? '' : text[i]!;
};

/** URLs, @handles and e-mail addresses are not words a rule should see (the text still holds them). */
const NOT_WORDS = /(?:https?:\/\/|www\.)\S+|[\w.+-]*@[\w.-]+/gu;
const WORD_OR_BREAK = /([\p{L}\p{N}]+(?:['’‘`][\p{L}]+)*)|([.!?;\n]+|—|–| - )/gu;

// Maps, not object literals: a word such as "constructor" must not find Object.prototype's members
const NEGATIVE_CONTRACTIONS = new Map<string, string[]>([
  ["won't", ['will', 'not']],
  ["can't", ['can', 'not']],
  ["shan't", ['shall', 'not']],
  ["ain't", ['is', 'not']],
]);

const WHOLE_WORDS = new Map<string, string[]>([
  ['cannot', ['can', 'not']],
  ['gonna', ['going', 'to']],
  ['wanna', ['want', 'to']],
  ['gotta', ['got', 'to']],
  ["let's", ['let', 'us']],
  ["y'all", ['you', 'all']],
]);

const SUFFIXES = new Map<string, string>([
  ["'ll", 'will'],
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'m", 'am'],
  ["'d", 'would'],
]);

/** Words whose "'s" is "is"; on other words it is a possessive (or "has"), kept as the token "s". */
const IS_CONTRACTING = new Set([
  'it', 'that', 'there', 'here', 'what', 'who', 'he', 'she', 'where', 'how', 'this', 'everything',
  'nothing', 'something', 'someone', 'somebody', 'everyone', 'everybody', 'nobody', 'no', 'one',
  'why', 'when', 'which',
]);

export function expandWord(raw: string): string[] {
  const word = raw.toLowerCase().replace(/[’‘`]/g, "'");
  const whole = WHOLE_WORDS.get(word) ?? NEGATIVE_CONTRACTIONS.get(word);
  if (whole) return whole;
  if (word.endsWith("n't") && word.length > 3) return [word.slice(0, -3), 'not'];
  const apostrophe = word.lastIndexOf("'");
  if (apostrophe <= 0) return [word];
  const base = word.slice(0, apostrophe);
  const suffix = word.slice(apostrophe);
  const expanded = SUFFIXES.get(suffix);
  if (expanded) return [base, expanded];
  if (suffix === "'s") return [base, IS_CONTRACTING.has(base) ? 'is' : 's'];
  return [base, suffix.slice(1)];
}

/**
 * A sentence longer than this many words is cut into pieces of this length. Speech recognition
 * often gives a whole turn without punctuation; "the same sentence" (the scope of gaps and
 * exceptions) then stays a stretch of speech, and the work of looking for an exception around each
 * match stays bounded instead of growing with the square of the turn's length.
 */
export const MAX_SENTENCE_WORDS = 120;

export function tokenize(text: string): Token[] {
  // most turns hold neither an address nor a non-ASCII letter: one pass, which gives up otherwise
  return tokenizeScanned(text, true) ?? tokenizeMasked(text);
}

/** The text with URLs, handles and e-mail addresses blanked out (same length, so offsets hold). */
const maskAddresses = (text: string): string =>
  text.includes('@') || text.includes('http') || text.includes('www.') ? text.replace(NOT_WORDS, (m) => ' '.repeat(m.length)) : text;

/** Addresses blanked out, then read by the scanner or, for non-ASCII text, the expression. */
function tokenizeMasked(text: string): Token[] {
  const masked = maskAddresses(text);
  return tokenizeScanned(masked, false) ?? tokenizeMatched(masked);
}

/** A tokenizer's output so far: the tokens, the current sentence's number and its first token. */
interface TokenSink {
  tokens: Token[];
  sentence: number;
  sentenceStart: number;
}

function sentenceBreak(sink: TokenSink): void {
  if (sink.tokens.length > 0 && sink.tokens[sink.tokens.length - 1]!.sentence === sink.sentence) {
    sink.sentence++;
    sink.sentenceStart = sink.tokens.length;
  }
}

/**
 * upper: the word starts with a capital; anyUpper: it may hold one anywhere (false only when the
 * caller saw every character, so the word is its own lower case).
 */
function pushWord(sink: TokenSink, masked: string, word: string, start: number, hasApostrophe: boolean, upper: boolean, anyUpper: boolean): void {
  const { tokens } = sink;
  if (tokens.length - sink.sentenceStart >= MAX_SENTENCE_WORDS) {
    sink.sentence++;
    sink.sentenceStart = tokens.length;
  }
  const sentence = sink.sentence;
  const end = start + word.length;
  // capitals are rare: the first letter is tested before running any regular expression
  const cap = upper && CAPITALISED.test(word);
  const setOff = cap && /^[,.!?:;(]?$/.test(prevChar(masked, start)) && /^[,.!?:;)]?$/.test(nextChar(masked, end));
  const acronym = upper && ACRONYM.test(word) && !isSignOff(masked, start, end) && !inCapitalsRun(masked, start, end);
  const lower = anyUpper ? word.toLowerCase() : word;
  if (!hasApostrophe && !(word.length >= 5 && WHOLE_WORDS.has(lower))) {
    tokens.push({ t: lower, start, end, sentence, cap, setOff, acronym });
    return;
  }
  expandWord(word).forEach((t, k) =>
    tokens.push({ t, start, end, sentence, cap: cap && k === 0, setOff: setOff && k === 0, acronym: acronym && k === 0 }),
  );
}

/** The reference tokenizer: one regular expression over any text (Unicode letters and digits). */
function tokenizeMatched(masked: string): Token[] {
  const sink: TokenSink = { tokens: [], sentence: 0, sentenceStart: 0 };
  for (const m of masked.matchAll(WORD_OR_BREAK)) {
    if (m[2] !== undefined) sentenceBreak(sink);
    else pushWord(sink, masked, m[0], m.index, APOSTROPHE.test(m[0]), m[0][0] !== m[0][0]!.toLowerCase(), true);
  }
  return sink.tokens;
}

const RIGHT_QUOTE = 0x2019;
const LEFT_QUOTE = 0x2018;
const EM_DASH = 0x2014;
const EN_DASH = 0x2013;
const isAsciiUpper = (c: number) => c >= 65 && c <= 90;
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAsciiWordChar = (c: number) => isAsciiLetter(c) || (c >= 48 && c <= 57);
const isApostrophe = (c: number) => c === 39 || c === 96 || c === RIGHT_QUOTE || c === LEFT_QUOTE;
/** . ! ? ; and newline: a run of them ends a sentence. */
const isStop = (c: number) => c === 46 || c === 33 || c === 63 || c === 59 || c === 10;

/** A character of the curly quotes and dashes the expression names: the only non-ASCII the scanner reads. */
const isScannableSpecial = (c: number) => c === RIGHT_QUOTE || c === LEFT_QUOTE || c === EM_DASH || c === EN_DASH;

/**
 * The same tokens as tokenizeMatched, found by one pass over the character codes: no match objects,
 * which made the expression the tokenizer's main cost. Undefined (give up) at a character that
 * could be a letter the scanner does not know (any other non-ASCII), and, when unmasked, at what
 * could start an address to blank out: "@", "://", "www.".
 */
function tokenizeScanned(masked: string, unmasked: boolean): Token[] | undefined {
  const sink: TokenSink = { tokens: [], sentence: 0, sentenceStart: 0 };
  const n = masked.length;
  let i = 0;
  while (i < n) {
    const c = masked.charCodeAt(i);
    if (c >= 128 && !isScannableSpecial(c)) return undefined;
    if (unmasked && (c === 64 || (c === 58 && masked.startsWith('//', i + 1)) || (c === 46 && i >= 3 && masked.startsWith('www', i - 3)))) return undefined;
    if (isAsciiWordChar(c)) {
      const start = i;
      let anyUpper = isAsciiUpper(c);
      i++;
      for (let d = masked.charCodeAt(i); i < n && isAsciiWordChar(d); d = masked.charCodeAt(++i)) anyUpper ||= isAsciiUpper(d);
      let hasApostrophe = false;
      // (?:['’‘`]\p{L}+)*: an apostrophe joins the letters (not digits) that follow it
      while (i + 1 < n && isApostrophe(masked.charCodeAt(i)) && isAsciiLetter(masked.charCodeAt(i + 1))) {
        hasApostrophe = true;
        i++;
        for (let d = masked.charCodeAt(i); i < n && isAsciiLetter(d); d = masked.charCodeAt(++i)) anyUpper ||= isAsciiUpper(d);
      }
      pushWord(sink, masked, masked.slice(start, i), start, hasApostrophe, isAsciiUpper(c), anyUpper);
    } else if (isStop(c)) {
      i++;
      while (i < n && isStop(masked.charCodeAt(i))) i++;
      sentenceBreak(sink);
    } else if (c === EM_DASH || c === EN_DASH) {
      i++;
      sentenceBreak(sink);
    } else if (c === 32 && masked.charCodeAt(i + 1) === 45 && masked.charCodeAt(i + 2) === 32) {
      i += 3;
      sentenceBreak(sink);
    } else i++;
  }
  return sink.tokens;
}

/** Exposed for tests: the regular-expression tokenizer, which the scanner must always agree with. */
export const tokenizeByExpression = (text: string): Token[] => tokenizeMatched(maskAddresses(text));
/** Exposed for tests: whether the scanner reads the text in one pass (else it is masked or matched). */
export const scansInOnePass = (text: string): boolean => tokenizeScanned(text, true) !== undefined;

/** The normalised words of a text, joined by single spaces. */
export function normaliseText(text: string): string {
  return tokenize(text)
    .map((tok) => tok.t)
    .join(' ');
}
