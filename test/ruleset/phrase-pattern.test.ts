import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/nlp/tokenize.js';
import { compilePhrase, matchPattern, PatternSyntaxError } from '../../src/ruleset/phrase-pattern.js';
import { compilePhraseSet, findPhrase, sentenceRange } from '../../src/ruleset/phrase-set.js';

/** The matched words of the text, or undefined. */
function match(pattern: string, text: string): string | undefined {
  const tokens = tokenize(text);
  const m = matchPattern(compilePhrase(pattern), tokens);
  if (!m) return undefined;
  return text.slice(tokens[m.from]!.start, tokens[m.to - 1]!.end);
}

describe('phrase patterns: words', () => {
  it('matches a word sequence anywhere in the text, case-insensitively', () => {
    expect(match('company policy', "Well, it's Company Policy, I'm afraid")).toBe('Company Policy');
  });

  it('needs the words adjacent and in order', () => {
    expect(match('company policy', 'policy of the company')).toBeUndefined();
    expect(match('company policy', 'company travel policy')).toBeUndefined();
  });

  it('matches whole words only', () => {
    expect(match('hold', 'the household')).toBeUndefined();
  });

  it('normalises contractions in pattern and text the same way', () => {
    expect(match("won't let me", 'the system will not let me')).toBe('will not let me');
    expect(match('will not let me', 'it won’t let me')).toBe('won’t let me');
    expect(match("it's frozen", 'It is frozen again')).toBe('It is frozen');
  });

  it('returns the leftmost match', () => {
    const tokens = tokenize('no way, no way');
    expect(matchPattern(compilePhrase('no way'), tokens)).toEqual({ from: 0, to: 2 });
  });
});

describe('phrase patterns: alternatives and optional elements', () => {
  it('matches any alternative, including multi-word ones', () => {
    expect(match('(supervisor|team leader) approval', 'needs team leader approval')).toBe('team leader approval');
    expect(match('(supervisor|team leader) approval', 'needs supervisor approval')).toBe('supervisor approval');
    expect(match('(supervisor|team leader) approval', 'needs manager approval')).toBeUndefined();
  });

  it('treats word? and (group)? as optional', () => {
    expect(match('system (is|keeps)? slow', 'the system slow')).toBe('system slow');
    expect(match('system (is|keeps)? slow', 'the system keeps slow')).toBe('system keeps slow');
    expect(match('really? slow', 'it is slow')).toBe('slow');
    expect(match('really? slow', 'it is really slow')).toBe('really slow');
  });

  it('rejects a pattern with nothing required', () => {
    expect(() => compilePhrase('really?')).toThrow(PatternSyntaxError);
    expect(() => compilePhrase('(a|b)? c?')).toThrow(PatternSyntaxError);
  });
});

describe('phrase patterns: prefixes', () => {
  it('escalat* matches any word starting with the prefix', () => {
    expect(match('escalat*', 'I will escalate it')).toBe('escalate');
    expect(match('escalat*', 'it was escalated')).toBe('escalated');
    expect(match('escalat*', 'an escalation')).toBe('escalation');
    expect(match('escalat*', 'the escalator')).toBe('escalator');
    expect(match('escalat*', 'the scale')).toBeUndefined();
  });

  it('combines prefixes with words', () => {
    expect(match('(will|can) escalat* (it|this)', 'I can escalate this now')).toBe('can escalate this');
  });
});

describe('phrase patterns: stems', () => {
  it('"~word" matches other forms of the word', () => {
    expect(match("I'll ~transfer you", "I'll transfer you")).toBe("I'll transfer you");
    expect(match('~transfer you', 'I transferred you')).toBe('transferred you');
    expect(match('~transfer you', 'it transfers you')).toBe('transfers you');
    expect(match('~transfer you', 'a transport for you')).toBeUndefined();
  });

  it('rejects a stem that is not a word', () => {
    expect(() => compilePhrase('~')).toThrow(PatternSyntaxError);
    expect(() => compilePhrase('~a1')).toThrow(PatternSyntaxError);
  });
});

describe('phrase patterns: gaps', () => {
  it('"*" allows up to three words between', () => {
    expect(match('sorry * slow', 'sorry slow')).toBe('sorry slow');
    expect(match('sorry * slow', 'sorry my system is slow')).toBe('sorry my system is slow');
    expect(match('sorry * slow', 'sorry my system is very slow')).toBeUndefined();
  });

  it('"*N" allows up to N words', () => {
    expect(match('sorry *5 slow', 'sorry my system is really very slow')).toBe('sorry my system is really very slow');
    expect(match('sorry *2 slow', 'sorry my system is slow')).toBeUndefined();
    expect(match('sorry *2 slow', 'sorry system is slow')).toBe('sorry system is slow');
  });

  it('never spans two sentences', () => {
    expect(match('sorry * slow', 'Sorry. It is slow')).toBeUndefined();
    expect(match('sorry * slow', 'Sorry! slow')).toBeUndefined();
    expect(match('sorry * slow', 'Sorry — slow')).toBeUndefined();
    expect(match('sorry * slow', 'Sorry, slow')).toBe('Sorry, slow');
  });

  it('keeps adjacent words within one sentence too', () => {
    expect(match('sorry slow', 'sorry. slow')).toBeUndefined();
  });

  it('finds a later match in another sentence', () => {
    expect(match('sorry * slow', 'Sorry. Sorry, the screen is slow')).toBe('Sorry, the screen is slow');
  });
});

describe('phrase patterns: numbers', () => {
  it('"#" matches digits and number words', () => {
    expect(match('within # hours', 'someone will call within 48 hours')).toBe('within 48 hours');
    expect(match('within # hours', 'within two hours')).toBe('within two hours');
    expect(match('within # hours', 'within several hours')).toBeUndefined();
  });

  it('"#" works inside alternatives', () => {
    expect(match('within (# days|a week)', 'within 3 days')).toBe('within 3 days');
    expect(match('within (# days|a week)', 'within a week')).toBe('within a week');
    expect(match('within (# days|a week)', 'within some days')).toBeUndefined();
  });

  it('"#?" is an optional number', () => {
    expect(match('status #? code', 'status code')).toBe('status code');
    expect(match('status #? code', 'status 4 code')).toBe('status 4 code');
  });
});

describe('phrase patterns: syntax errors', () => {
  it.each([
    ['(sorry|apologies', 'unbalanced ('],
    ['sorry|apologies)', 'unbalanced )'],
    ['(a|(b)', 'nested unbalanced'],
    ['* slow', 'leading gap'],
    ['slow *', 'trailing gap'],
    ['*3 slow', 'leading counted gap'],
    ['(a|)', 'empty alternative'],
    ['()', 'empty group'],
    ['&&', 'not a word'],
    ['a*b*', 'bad prefix'],
    ['really?', 'nothing required'],
  ])('%j throws PatternSyntaxError (%s)', (source) => {
    expect(() => compilePhrase(source)).toThrow(PatternSyntaxError);
  });

  it('PatternSyntaxError is an Error', () => {
    try {
      compilePhrase('(x');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect(e).toBeInstanceOf(PatternSyntaxError);
    }
  });
});

describe('phrase patterns: required words (prefilter)', () => {
  it('requires, for every plain word element that is not optional, all the plain words of one of its options', () => {
    const req = (p: string) => compilePhrase(p).required;
    expect(req('company policy')).toEqual([[['company']], [['policy']]]);
    expect(req('(supervisor|team leader) approval')).toEqual([[['supervisor'], ['team', 'leader']], [['approval']]]);
    expect(req('really? slow')).toEqual([[['slow']]]);
    expect(req("won't let me")).toEqual([[['will', 'not']], [['let']], [['me']]]);
  });

  it('requires prefixes, stems, numbers and "is" as the pattern writes them, and nothing optional', () => {
    expect(compilePhrase('escalat* (it|this)').required).toEqual([[['escalat*']], [['it'], ['this']]]);
    expect(compilePhrase('# days').required).toEqual([[['#']], [['days']]]);
    expect(compilePhrase('(# days|a week)').required).toEqual([[['#', 'days'], ['a', 'week']]]);
    expect(compilePhrase('(# days|~week)').required).toEqual([[['#', 'days'], ['~week']]]);
    expect(compilePhrase('within? (# days|a week)').required).toEqual([[['#', 'days'], ['a', 'week']]]);
    expect(compilePhrase('(within|# days)? slow').required).toEqual([[['slow']]]);
    expect(compilePhrase('it is slow').required).toEqual([[['it']], [['is']], [['slow']]]);
    expect(compilePhrase('^ hi * @name').required).toEqual([[['hi']], [['@name']]]);
  });

  it('a required prefix, stem, number or "is" is met by the tokens wordMatches accepts', () => {
    const set = compilePhraseSet(['escalat* it', '~transfer you', '# days', 'the app is down']);
    const found = (text: string) => findPhrase(set, tokenize(text))?.phrase;
    expect(found('we are escalating it')).toBe('escalat* it');
    expect(found('I transferred you')).toBe('~transfer you');
    expect(found('in three days')).toBe('# days');
    expect(found("the app's down")).toBe('the app is down');
    expect(set.group.candidates(set, tokenize('we are escalated now'))).toEqual([]);
    expect(set.group.candidates(set, tokenize('the app was down'))).toEqual([]);
  });

  it('a set finds the same leftmost match with the prefilter as every pattern alone', () => {
    const sources = ['company policy', '(rules|process)', 'escalat*', 'sorry * (slow|down)', '# days'];
    const set = compilePhraseSet(sources);
    for (const text of ['it is company policy', 'those are the rules', 'I will escalate it', 'sorry the site is down', 'in 3 days', 'nothing here']) {
      const tokens = tokenize(text);
      const alone = sources
        .map((p) => matchPattern(compilePhrase(p), tokens))
        .filter((m) => m !== undefined)
        .sort((a, b) => a!.from - b!.from)[0];
      const hit = findPhrase(set, tokens);
      expect(hit ? { from: hit.from, to: hit.to } : undefined).toEqual(alone ? { from: alone.from, to: alone.to } : undefined);
    }
  });
});

describe('phrase patterns: sentence start', () => {
  it('"^" matches only at the start of a sentence', () => {
    expect(match('^ sorry', 'Sorry, it is slow')).toBe('Sorry');
    expect(match('^ sorry', 'Okay. Sorry, it is slow')).toBe('Sorry');
    expect(match('^ sorry', 'I am sorry')).toBeUndefined();
  });

  it('"^" may only start a phrase', () => {
    expect(() => compilePhrase('sorry ^ slow')).toThrow(PatternSyntaxError);
    expect(() => compilePhrase('^')).toThrow(PatternSyntaxError);
  });
});

describe('phrase sets', () => {
  it('findPhrase returns the leftmost hit of any phrase with its source', () => {
    const set = compilePhraseSet(['company policy', 'nothing I can do']);
    const tokens = tokenize("There's nothing I can do, it's company policy");
    expect(findPhrase(set, tokens)).toEqual({ phrase: 'nothing I can do', from: 2, to: 6 });
  });

  it('findPhrase honours a token range', () => {
    const set = compilePhraseSet(['policy']);
    const tokens = tokenize('policy and more policy');
    expect(findPhrase(set, tokens, 1)).toEqual({ phrase: 'policy', from: 3, to: 4 });
    expect(findPhrase(set, tokens, 1, 3)).toBeUndefined();
  });

  it('sentenceRange covers the whole sentence of a hit', () => {
    const tokens = tokenize('Hello there. It is company policy, sadly. Bye');
    const hit = findPhrase(compilePhraseSet(['company policy']), tokens)!;
    const range = sentenceRange(tokens, hit);
    expect(tokens.slice(range.from, range.to).map((t) => t.t)).toEqual(['it', 'is', 'company', 'policy', 'sadly']);
  });
});
