import { createRequire } from 'node:module';

interface CompromiseTerm {
  text: string;
  normal: string;
  tags: string[];
}
type Compromise = (text: string) => { json(): { terms: CompromiseTerm[] }[] };

let nlp: Compromise | undefined;

/**
 * compromise's part-of-speech tagger, loaded on first use (≈0.2–0.4 s): only `cxlint jargon` needs
 * it, to keep noun phrases ("back office", "PAC code") and drop verbs, greetings and people's names
 * from its candidates. Scoring never loads it.
 */
function tagger(): Compromise {
  nlp ??= createRequire(import.meta.url)('compromise') as Compromise;
  return nlp;
}

const PERSON = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'Honorific'];
const NOUNISH = ['Noun', 'Acronym', 'Abbreviation'];
const MODIFIER = [...NOUNISH, 'Adjective', 'Value', 'Gerund'];
const CONNECTORS = new Set(['of', 'and', 'for', 'to', 'in', 'on']);

const has = (tags: string[], wanted: string[]) => wanted.some((t) => tags.includes(t));
const wordOf = (s: string) => s.toLowerCase().replace(/[’‘`]/g, "'").replace(/[^\p{L}\p{N}']/gu, '');

/** Head a noun, the words before it nouns, adjectives, numbers or connectors; no pronoun or date anywhere. */
function isNounPhrase(words: string[], tags: string[][]): boolean {
  const last = tags.length - 1;
  return tags.every((t, i) => {
    if (has(t, ['Pronoun', 'Expression', 'Date', 'Month', 'WeekDay'])) return false;
    if (i === last) return has(t, NOUNISH);
    if (i > 0 && CONNECTORS.has(words[i]!)) return true;
    return has(t, MODIFIER);
  });
}

/** The tags of `words` where they occur in `context`, or undefined when the tagger split them differently. */
function tagsInContext(words: string[], context: string): string[][] | undefined {
  const terms = tagger()(context)
    .json()
    .flatMap((s) => s.terms)
    .filter((t) => t.text !== '');
  const normals = terms.map((t) => wordOf(t.normal || t.text));
  for (let i = 0; i + words.length <= terms.length; i++) {
    if (words.every((w, k) => normals[i + k] === w)) return terms.slice(i, i + words.length).map((t) => t.tags);
  }
  return undefined;
}

/**
 * Whether a term is a noun phrase and whether it is a person's name, judged on the term alone and
 * in the turns it was used in: a majority of those readings decides the noun phrase ("your account"
 * outvotes "account" read alone as a verb); a name needs the lexicon ("Daniel") and, where the term
 * was seen in context, a context that agrees ("your bill" is not Bill).
 */
export function tagPhrase(term: string, contexts: string[]): { nounPhrase: boolean; name: boolean } {
  const words = term.split(/[\s\-/]+/).map(wordOf).filter(Boolean);
  if (words.length === 0) return { nounPhrase: false, name: false };
  const alone = tagger()(words.join(' '))
    .json()
    .flatMap((s) => s.terms)
    .filter((t) => t.text !== '')
    .map((t) => t.tags);
  const readings = [alone.length === words.length ? alone : undefined, ...contexts.map((c) => tagsInContext(words, c))].filter((r): r is string[][] => r !== undefined);
  const nounVotes = readings.filter((r) => isNounPhrase(words, r)).length;
  const inContext = readings.slice(alone.length === words.length ? 1 : 0);
  const personAlone = alone.some((t) => has(t, PERSON));
  const personInContext = inContext.filter((r) => r.some((t) => has(t, PERSON))).length;
  return {
    nounPhrase: readings.length > 0 && nounVotes * 2 >= readings.length,
    name: (personAlone && (inContext.length === 0 || personInContext > 0)) || (inContext.length >= 2 && personInContext === inContext.length),
  };
}
