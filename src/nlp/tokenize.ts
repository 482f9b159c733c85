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

const NEGATIVE_CONTRACTIONS: Record<string, string[]> = {
  "won't": ['will', 'not'],
  "can't": ['can', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['is', 'not'],
};

const WHOLE_WORDS: Record<string, string[]> = {
  cannot: ['can', 'not'],
  gonna: ['going', 'to'],
  wanna: ['want', 'to'],
  gotta: ['got', 'to'],
  "let's": ['let', 'us'],
  "y'all": ['you', 'all'],
};

const SUFFIXES: Record<string, string> = {
  "'ll": 'will',
  "'re": 'are',
  "'ve": 'have',
  "'m": 'am',
  "'d": 'would',
};

/** Words whose "'s" is "is"; on other words it is a possessive (or "has"), kept as the token "s". */
const IS_CONTRACTING = new Set([
  'it', 'that', 'there', 'here', 'what', 'who', 'he', 'she', 'where', 'how', 'this', 'everything',
  'nothing', 'something', 'someone', 'somebody', 'everyone', 'everybody', 'nobody', 'no', 'one',
  'why', 'when', 'which',
]);

export function expandWord(raw: string): string[] {
  const word = raw.toLowerCase().replace(/[’‘`]/g, "'");
  const whole = WHOLE_WORDS[word] ?? NEGATIVE_CONTRACTIONS[word];
  if (whole) return whole;
  if (word.endsWith("n't") && word.length > 3) return [word.slice(0, -3), 'not'];
  const apostrophe = word.lastIndexOf("'");
  if (apostrophe <= 0) return [word];
  const base = word.slice(0, apostrophe);
  const suffix = word.slice(apostrophe);
  const expanded = SUFFIXES[suffix];
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
  const tokens: Token[] = [];
  let sentence = 0;
  let sentenceStart = 0;
  const masked = text.includes('@') || text.includes('http') || text.includes('www.') ? text.replace(NOT_WORDS, (m) => ' '.repeat(m.length)) : text;
  for (const m of masked.matchAll(WORD_OR_BREAK)) {
    const start = m.index;
    if (m[2] !== undefined) {
      if (tokens.length > 0 && tokens[tokens.length - 1]!.sentence === sentence) {
        sentence++;
        sentenceStart = tokens.length;
      }
      continue;
    }
    if (tokens.length - sentenceStart >= MAX_SENTENCE_WORDS) {
      sentence++;
      sentenceStart = tokens.length;
    }
    const word = m[0];
    const end = start + word.length;
    // capitals are rare: test the first letter before running any regular expression
    const upper = word[0] !== word[0]!.toLowerCase();
    const cap = upper && CAPITALISED.test(word);
    const setOff = cap && /^[,.!?:;(]?$/.test(prevChar(masked, start)) && /^[,.!?:;)]?$/.test(nextChar(masked, end));
    const acronym = upper && ACRONYM.test(word) && !isSignOff(masked, start, end) && !inCapitalsRun(masked, start, end);
    if (!APOSTROPHE.test(word) && !(word.length >= 5 && WHOLE_WORDS[word.toLowerCase()])) {
      tokens.push({ t: word.toLowerCase(), start, end, sentence, cap, setOff, acronym });
      continue;
    }
    expandWord(word).forEach((t, k) =>
      tokens.push({ t, start, end, sentence, cap: cap && k === 0, setOff: setOff && k === 0, acronym: acronym && k === 0 }),
    );
  }
  return tokens;
}

/** The normalised words of a text, joined by single spaces. */
export function normaliseText(text: string): string {
  return tokenize(text)
    .map((tok) => tok.t)
    .join(' ');
}
