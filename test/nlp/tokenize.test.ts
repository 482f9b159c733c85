import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandWord, normaliseText, scansInOnePass, tokenize, tokenizeByExpression } from '../../src/nlp/tokenize.js';

const words = (text: string) => tokenize(text).map((t) => t.t);

describe('tokenize: normalisation', () => {
  it.each([
    ["won't", ['will', 'not']],
    ["can't", ['can', 'not']],
    ["I'll", ['i', 'will']],
    ["it's", ['it', 'is']],
    ["don't", ['do', 'not']],
    ["couldn't", ['could', 'not']],
    ["we're", ['we', 'are']],
    ["I've", ['i', 'have']],
    ["I'm", ['i', 'am']],
    ["she'd", ['she', 'would']],
    ["let's", ['let', 'us']],
    ['cannot', ['can', 'not']],
    ['gonna', ['going', 'to']],
  ])('expands %j', (word, expected) => {
    expect(words(word)).toEqual(expected);
  });

  it('treats curly and straight apostrophes alike', () => {
    expect(words('won’t can’t I’ll it’s')).toEqual(words("won't can't I'll it's"));
    expect(words('it‘s')).toEqual(['it', 'is']);
  });

  it('keeps a possessive "s" apart from the "is" contraction', () => {
    expect(words("the system's slow")).toEqual(['the', 'system', 's', 'slow']);
    expect(words("that's it")).toEqual(['that', 'is', 'it']);
  });

  it('folds case', () => {
    expect(words("CAN'T Won't SYSTEM")).toEqual(['can', 'not', 'will', 'not', 'system']);
    expect(normaliseText('Hello, WORLD!')).toBe('hello world');
  });

  it('makes "won\'t" and "will not" the same words', () => {
    expect(normaliseText("It won't let me")).toBe(normaliseText('it will NOT let me'));
  });

  it('expandWord agrees with tokenize on single words', () => {
    expect(expandWord('Won’t')).toEqual(['will', 'not']);
    expect(expandWord('hello')).toEqual(['hello']);
  });
});

describe('tokenize: offsets', () => {
  const text = "Sorry — I won’t be long; it's the système, Daniel!";

  it('maps every token back to the exact characters of the original text', () => {
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(0);
    for (const tok of tokens) {
      const original = text.slice(tok.start, tok.end);
      expect(tok.end).toBeGreaterThan(tok.start);
      // the original slice normalises to a sequence that contains this token
      expect(expandWord(original)).toContain(tok.t);
    }
  });

  it('gives both halves of a contraction the span of the whole word', () => {
    const tokens = tokenize("I won't go");
    const will = tokens.find((t) => t.t === 'will')!;
    const not = tokens.find((t) => t.t === 'not')!;
    expect([will.start, will.end]).toEqual([2, 7]);
    expect([not.start, not.end]).toEqual([2, 7]);
    expect("I won't go".slice(will.start, will.end)).toBe("won't");
  });

  it('keeps offsets of non-ASCII words', () => {
    const tokens = tokenize('Café überprüft');
    expect(tokens.map((t) => [t.t, t.start, t.end])).toEqual([
      ['café', 0, 4],
      ['überprüft', 5, 14],
    ]);
  });

  it('keeps tokens in text order with non-decreasing offsets', () => {
    const tokens = tokenize(text);
    for (let i = 1; i < tokens.length; i++) expect(tokens[i]!.start).toBeGreaterThanOrEqual(tokens[i - 1]!.start);
  });
});

describe('tokenize: sentences', () => {
  const sentenceOf = (text: string) => Object.fromEntries(tokenize(text).map((t) => [t.t, t.sentence]));

  it.each([
    ['one. two', '.'],
    ['one! two', '!'],
    ['one? two', '?'],
    ['one; two', ';'],
    ['one — two', 'em dash'],
    ['one – two', 'en dash'],
    ['one - two', 'spaced hyphen'],
    ['one\ntwo', 'newline'],
  ])('%j starts a new sentence at the %s', (text) => {
    const s = sentenceOf(text);
    expect(s.one).toBe(0);
    expect(s.two).toBe(1);
  });

  it('does not break at commas or inside hyphenated words', () => {
    const s = sentenceOf('one, two follow-up');
    expect(s).toEqual({ one: 0, two: 0, follow: 0, up: 0 });
  });

  it('numbers sentences in increasing order and ignores repeated or leading breaks', () => {
    const tokens = tokenize('...Hi!!! How are you? Fine. Good');
    expect(tokens.map((t) => t.sentence)).toEqual([0, 1, 1, 1, 2, 3]);
  });

  it('returns no tokens for punctuation only', () => {
    expect(tokenize(' ... !? — ')).toEqual([]);
  });
});

describe('tokenize: the character scanner agrees with the regular expression', () => {
  // a seeded generator, so a failure names a text that can be replayed
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const PIECES = [
    'a', 'B', 'z', 'Q', '7', '0', "'", '’', '‘', '`', '.', '!', '?', ';', '\n', '—', '–', ' - ', ' -', '- ', '-', ' ', ' ', ' ', ',',
    ':', '(', ')', '^', '*', '~', '/', '"', '#', '\t', 'constructor', 'Cannot', 'gonna', "won't", "let's", "y'all", 'KTN', 'L2',
    'Holly', 'SO', 'CRT', 'http://x.io/a', 'www.example.com', 'me@example.com', '@Brand', 'Ni', 'NOT', 'it', 's', 'tier 2',
  ];
  const texts = (n: number, seed: number) => {
    const next = random(seed);
    return Array.from({ length: n }, () => {
      let text = '';
      const length = Math.floor(next() * 30);
      for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)]!;
      return text;
    });
  };

  it('gives the same tokens on 20,000 generated texts', () => {
    for (const text of texts(20000, 7)) expect(tokenize(text), JSON.stringify(text)).toEqual(tokenizeByExpression(text));
  });

  it('gives the same tokens on the fixture calls', () => {
    const dir = 'fixtures/calls';
    let compared = 0;
    for (const file of readdirSync(dir)) {
      for (const text of readFileSync(join(dir, file), 'utf8').split(/\n|"text"\s*:\s*"/)) {
        expect(tokenize(text), text).toEqual(tokenizeByExpression(text));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('hands text with other non-ASCII letters to the regular expression', () => {
    expect(words('Café déjà vu — ça va')).toEqual(['café', 'déjà', 'vu', 'ça', 'va']);
    expect(tokenize('naïve’s')).toEqual(tokenizeByExpression('naïve’s'));
  });

  it('reads plain text in one pass and gives way where an address or another letter may be', () => {
    expect(scansInOnePass('I’ll put you through — it’s with tier 2; OK?')).toBe(true);
    for (const text of ['mail me@example.com', 'see https://x.io/a', 'see awww.shop', 'Café', 'naïve']) {
      expect(scansInOnePass(text), text).toBe(false);
      expect(tokenize(text), text).toEqual(tokenizeByExpression(text));
    }
    expect(words('mail me@example.com or www.example.com today')).toEqual(['mail', 'or', 'today']);
  });

  it('reads "constructor" as a word (not an Object.prototype member)', () => {
    expect(words('the constructor said toString')).toEqual(['the', 'constructor', 'said', 'tostring']);
  });
});
