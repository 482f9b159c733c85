import { stemOf } from '../nlp/stem.js';
import { tokenize, type Token } from '../nlp/tokenize.js';
import { jargonLexicon, type JargonLexicon } from './jargon-lexicon.js';

/** Shapes that mark a term as internal whatever its counts: "tier 2" / "2nd line", "the X team". */
export type TermPattern = 'tier' | 'team';

/** One candidate term as used in one turn. */
export interface TermOccurrence {
  /** Porter stems of the words, joined by spaces: the counting key ("escal team" for "escalations team"). */
  key: string;
  /** Number of words, 1–3. */
  words: number;
  /** As written: lower case except acronyms, inner punctuation kept ("CRT team", "wi-fi"). */
  surface: string;
  /** Character offsets in the turn's text. */
  start: number;
  end: number;
  /** A single word written as an acronym ("CRT", "L2"), not a sign-off or a shouted passage. */
  acronym: boolean;
  /** A single letter-digit code ("L2", "X500"), not a time, ordinal or measure ("5pm", "2nd", "4g"). */
  code: boolean;
  /** Capitalised inside a sentence ("Siebel", "Nectar card", "Critical Response Line"): a name or another proper noun. */
  capital: boolean;
  /** A single word set off by punctuation ("Thanks, Daniel."): how a person is addressed. */
  addressed: boolean;
  pattern?: TermPattern;
}

const CARDINALS = new Map(Object.entries({ one: '1', two: '2', three: '3', four: '4', five: '5' }));
const ORDINALS = new Map(Object.entries({ second: '2nd', third: '3rd', '2nd': '2nd', '3rd': '3rd' }));
const OTHER_NUMBER_WORDS = new Set(['first', 'zero', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'million', 'half', 'fourth', 'fifth']);
/** Digits, alone or with a unit, ordinal or clock suffix: a quantity, not a code. */
const QUANTITY = /^\d+(?:st|nd|rd|th|am|pm|h|hr|hrs|hour|hours|min|mins|m|s|sec|secs|k|mb|gb|kb|tb|g|x|p|mph|km|kg|lb|lbs|ft|cm|mm|ml|d|day|days|wk|wks|w|yr|yrs|y|mo|mos)?$/;
const CODE = /^(?=.*\p{L})(?=.*\d)[\p{L}\d]{2,10}$/u;
const HAS_LETTER = /\p{L}/u;
/** Brand spellings such as "iOS", "iPhone", "eBay". */
const MIXED_CASE = /^\p{Ll}+\p{Lu}/u;
/** The middle word a three-word term may have besides content words ("proof of purchase", "date of birth"). */
const CONNECTORS = new Set(['of']);

const URL = /(?:https?:\/\/|www\.)\S+/gu;
/** The agent's initials or name after a mark at the very end of a message ("… ^JD", "- Sam"). */
const SIGN_OFF_TAIL = /(?:^|[\s.!?,])[\^*~/\-–—]\s*\p{Lu}[\p{L}]*(?:[\s.]+\p{L}+){0,2}[.\s]*$/u;
/** A domain or path written without a scheme ("apple.com/support"): not a word. */
const DOMAIN_LIKE = /[\p{L}\p{N}-]\.\p{L}{2,}|\/\//u;

function signOffStart(text: string): number {
  const unlinked = text.includes('http') || text.includes('www.') ? text.replace(URL, (m) => ' '.repeat(m.length)) : text;
  const m = SIGN_OFF_TAIL.exec(unlinked.trimEnd());
  return m ? m.index : Infinity;
}

/** The whitespace-delimited run of text around a token. */
function runAround(text: string, start: number, end: number): string {
  let a = start;
  let b = end;
  while (a > 0 && !/\s/.test(text[a - 1]!)) a--;
  while (b < text.length && !/\s/.test(text[b]!)) b++;
  return text.slice(a, b);
}

const isQuantity = (t: string) => QUANTITY.test(t) || CARDINALS.has(t) || ORDINALS.has(t) || OTHER_NUMBER_WORDS.has(t);
export const isCode = (t: string) => CODE.test(t) && !QUANTITY.test(t);

/** Tokens i..j (inclusive) as written: acronyms and capitalised words inside a sentence as they are, other words lower case. */
function surfaceOf(text: string, tokens: Token[], i: number, j: number): string {
  let out = '';
  let prevEnd = -1;
  for (let k = i; k <= j; k++) {
    const tok = tokens[k]!;
    if (tok.start === prevEnd || (k > i && tok.start === tokens[k - 1]!.start)) continue;
    if (prevEnd >= 0) {
      const between = text.slice(prevEnd, tok.start);
      out += /\s/.test(between) || between === '' ? ' ' : between;
    }
    const word = text.slice(tok.start, tok.end).replace(/[’‘`]/g, "'");
    const properNoun = tok.cap && k > 0 && tokens[k - 1]!.sentence === tok.sentence;
    out += tok.acronym || properNoun || MIXED_CASE.test(word) ? word : word.toLowerCase();
    prevEnd = tok.end;
  }
  return out;
}

/**
 * The candidate terms of one turn, each once (its first use): content words and 1–3-word phrases
 * that neither start nor end with a stop word, plus "tier/level N", "2nd line" and "the X team/queue/
 * desk" shapes. Numbers, URLs, domains, @handles (the tokenizer drops them) and a sign-off at the end
 * ("^JD") are never part of a term. The word lists (stop words, tier and team heads, greetings) are
 * the lexicon's: data/jargon/word-lists.yaml unless another is given.
 */
export function extractTerms(text: string, tokens: Token[] = tokenize(text), lexicon: JargonLexicon = jargonLexicon()): TermOccurrence[] {
  const { stopWords, tierHeads, teamHeads, greetings } = lexicon;
  const found = new Map<string, TermOccurrence>();
  const signOff = signOffStart(text);
  const usable = tokens.map((tok) => tok.start < signOff && !DOMAIN_LIKE.test(runAround(text, tok.start, tok.end)));
  const content = tokens.map((tok, i) => usable[i]! && tok.t.length >= 2 && HAS_LETTER.test(tok.t) && tok.t !== 's' && !stopWords.has(tok.t) && !isQuantity(tok.t));
  const stems = tokens.map((tok, i) => (content[i] || CONNECTORS.has(tok.t) ? stemOf(tok.t) : tok.t));
  // a term never spans a comma, colon, bracket or slash ("DM your name, address"): only spaces and hyphens join words
  const joinsNext = tokens.map((tok, i) => {
    const next = tokens[i + 1];
    return next !== undefined && next.sentence === tok.sentence && (next.start === tok.start || /^[\s-]*$/.test(text.slice(tok.end, next.start)));
  });
  const joined = (i: number, j: number) => {
    for (let k = i; k < j; k++) if (!joinsNext[k]) return false;
    return true;
  };

  const add = (i: number, j: number, key: string, pattern?: TermPattern) => {
    const existing = found.get(key);
    if (existing) {
      if (pattern) existing.pattern = pattern;
      return;
    }
    const first = tokens[i]!;
    const single = i === j;
    const insideSentence = i > 0 && tokens[i - 1]!.sentence === first.sentence;
    found.set(key, {
      key,
      words: j - i + 1,
      surface: surfaceOf(text, tokens, i, j),
      start: first.start,
      end: tokens[j]!.end,
      acronym: single && first.acronym,
      code: single && isCode(first.t),
      capital: insideSentence && first.cap,
      addressed: single && (first.setOff || (first.cap && insideSentence && greetings.has(tokens[i - 1]!.t))),
      ...(pattern ? { pattern } : {}),
    });
  };

  for (let i = 0; i < tokens.length; i++) {
    if (!content[i]) continue;
    add(i, i, stems[i]!);
    for (let n = 2; n <= 3; n++) {
      const j = i + n - 1;
      if (j >= tokens.length || !joined(i, j) || !content[j]) continue;
      if (n === 3 && !content[i + 1] && !(usable[i + 1] && CONNECTORS.has(tokens[i + 1]!.t))) continue;
      add(i, j, stems.slice(i, j + 1).join(' '));
    }
  }

  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!.t;
    const next = tokens[i + 1]!.t;
    if (!usable[i] || !usable[i + 1] || !joined(i, i + 1)) continue;
    if (tierHeads.has(t) && (/^\d{1,2}$/.test(next) || CARDINALS.has(next))) {
      add(i, i + 1, `${t} ${CARDINALS.get(next) ?? next}`, 'tier');
    } else if (next === 'line' && ORDINALS.has(t)) {
      add(i, i + 1, `${ORDINALS.get(t)!} line`, 'tier');
    } else if (t === 'the') {
      for (const n of [2, 1]) {
        const head = i + n + 1;
        if (head >= tokens.length || !joined(i, head) || !teamHeads.has(tokens[head]!.t)) continue;
        if (!content.slice(i + 1, head).every(Boolean)) continue;
        add(i + 1, head, stems.slice(i + 1, head + 1).join(' '), 'team');
        break;
      }
    }
  }
  return [...found.values()];
}
