import { tokenize, type Token } from '../nlp/tokenize.js';

/**
 * A customer turn that asks what the agent's words mean — the strongest cue for jargon
 * (signals.md internal-jargon): "sorry, what's that?", "what does that mean?", "who are they?"
 * (generic: about the agent's last turn as a whole) or "what's a PAC code?", "who are the CRT
 * team?" (about named words, returned as normalised tokens).
 */
export interface QuestionCue {
  generic: boolean;
  /** The words asked about, each as normalised tokens ("pac", "code"). */
  terms: string[][];
}

const LEADING = new Set(['sorry', 'pardon', 'excuse', 'me', 'um', 'uh', 'er', 'erm', 'hmm', 'eh', 'huh', 'oh', 'so', 'and', 'but', 'ok', 'okay', 'wait', 'right', 'hang', 'hold', 'on', 'hi', 'hello', 'hey', 'i', 'mean', 'then']);
const TRAILING = new Set(['exactly', 'then', 'please', 'sorry', 'again', 'mate', 'though', 'now', 'when', 'it', 'is', 'they', 'are']);
const DETERMINERS = new Set(['a', 'an', 'the']);
const DEICTIC = new Set(['that', 'this', 'it', 'they', 'them', 'those', 'these', 'he', 'she', 'him', 'her']);
/** A question about people or the customer's own things ("what's your number?", "who are you?") is not about jargon. */
const PRONOUNS = new Set(['i', 'me', 'my', 'you', 'your', 'we', 'us', 'our', 'what', 'who', 'how', 'why', 'when', 'where', 'which']);
/** Everyday words asked about on their own ("what's the problem?", "what's the reference?"). */
const EVERYDAY = new Set(['going', 'happening', 'wrong', 'problem', 'issue', 'point', 'difference', 'best', 'next', 'number', 'name', 'address', 'email', 'time', 'date', 'price', 'cost', 'balance', 'reference', 'deal', 'plan', 'matter', 'story', 'update', 'status']);

const MAX_TERM_WORDS = 3;

type Subject = { generic: true } | { generic: false; words: string[] } | undefined;

/** The object of "what is / who are / heard of …": generic for "that"/"they", words for a short noun, else nothing. */
function subject(words: string[]): Subject {
  let rest = words;
  while (rest.length > 0 && DETERMINERS.has(rest[0]!)) rest = rest.slice(1);
  while (rest.length > 0 && TRAILING.has(rest[rest.length - 1]!) && !(rest.length === 1 && DEICTIC.has(rest[0]!))) rest = rest.slice(0, -1);
  if (rest.length === 0) return undefined;
  if (rest.length <= 2 && DEICTIC.has(rest[0]!) && (rest.length === 1 || rest[1] === 'team' || rest[1] === 'people')) return { generic: true };
  if (rest.length > MAX_TERM_WORDS || rest.some((w) => PRONOUNS.has(w) || DEICTIC.has(w)) || (rest.length === 1 && EVERYDAY.has(rest[0]!))) return undefined;
  return { generic: false, words: rest };
}

/** One sentence's question, if it asks what something means. */
function sentenceCue(sentence: string[]): Subject {
  let w = sentence;
  while (w.length > 0 && LEADING.has(w[0]!)) w = w.slice(1);
  const [a, b, c, d] = w;
  if (a === 'what' && (b === 'does' || b === 'do') && w.length >= 4) {
    if (c === 'you' && d === 'mean') return w[4] === 'by' ? subject(w.slice(5)) : w.length === 4 ? { generic: true } : undefined;
    const end = w[w.length - 1] === 'for' && w[w.length - 2] === 'stand' ? w.length - 2 : w[w.length - 1] === 'mean' ? w.length - 1 : -1;
    return end > 2 ? subject(w.slice(2, end)) : undefined;
  }
  if ((a === 'what' || a === 'who') && (b === 'is' || b === 'are' || b === 's')) return subject(w.slice(2));
  const heard = w.indexOf('heard');
  if (heard > 0 && (w[heard - 1] === 'never' || w.slice(0, heard).includes('not')) && w[heard + 1] === 'of') return subject(w.slice(heard + 2));
  const what = w.indexOf('what');
  if (what > 0 && w.slice(0, what).includes('not') && ['know', 'understand', 'get'].some((v) => w.slice(0, what).includes(v))) {
    const tail = w.slice(what + 1);
    const last = tail[tail.length - 1];
    if (last === 'is' || last === 'are' || last === 'means' || last === 'mean') return subject(tail.slice(0, -1));
    if (tail.length === 0 || (tail.length === 2 && tail[0] === 'you' && tail[1] === 'mean')) return { generic: true };
  }
  return undefined;
}

/** The question cue of a customer turn, or undefined when it asks nothing about the agent's words. */
export function questionCue(text: string, tokens: Token[] = tokenize(text)): QuestionCue | undefined {
  const sentences: string[][] = [];
  tokens.forEach((tok, i) => {
    const last = sentences[sentences.length - 1];
    if (last && tokens[i - 1]?.sentence === tok.sentence) last.push(tok.t);
    else sentences.push([tok.t]);
  });
  let generic = false;
  const terms: string[][] = [];
  for (const s of sentences) {
    const cue = sentenceCue(s);
    if (!cue) continue;
    if (cue.generic) generic = true;
    else terms.push(cue.words);
  }
  return generic || terms.length > 0 ? { generic, terms } : undefined;
}
