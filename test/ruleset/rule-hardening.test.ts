import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/io/load-packs.js';
import { tokenize, type Token } from '../../src/nlp/tokenize.js';
import { loadPack, type RuleLoadError } from '../../src/ruleset/load-pack.js';
import { MAX_PHRASE_COST, phraseCost } from '../../src/ruleset/phrase-cost.js';
import { compilePhrase, matchPattern, type PhrasePattern } from '../../src/ruleset/phrase-pattern.js';
import { tempTree } from '../helpers/fixtures.js';

/** Rule packs come from other teams: whatever is wrong in one is a load error with file and line, never a hang. */
const PACK = (name = 'tmp', holdAnnounce = '[put you on hold]') => `name: ${name}
version: 1.0.0
signals:
  apology: inward
scoring: { start: 100, signalCap: 20, outwardCap: 10 }
timing:
  gapSeconds: 10
  endWindowPercent: 20
  wordsPerSecond: 2.5
  holdAnnounce: ${holdAnnounce}
  holdReturn: [thanks for holding]
`;

const rule = (body: string) => `type: phrase
signal: apology
weight: 5
message: m
${body}
examples:
  match: ["A: Sorry, it is slow."]
  noMatch: ["A: Hello."]
`;

const GOOD = rule('phrases:\n  - sorry * slow');
const PATHOLOGICAL = `${'a? '.repeat(12)}b`;

const tree = tempTree({
  'p/pack.yaml': PACK(),
  'p/good.yaml': GOOD,
  'p/weight.yaml': GOOD.replace('weight: 5', 'weight: heavy'),
  'p/speaker.yaml': `${GOOD}scope:\n  speaker: boss\n`,
  'p/nested-key.yaml': `${GOOD}scope:\n  speaker: agent\n  colour: red\n`,
  'p/phrases-string.yaml': rule('phrases: sorry * slow'),
  'p/no-examples.yaml': GOOD.replace('  match: ["A: Sorry, it is slow."]', '  match: []'),
  'p/twice.yaml': GOOD,
  'p/twice.yml': GOOD,
  'p/hang.yaml': rule(`phrases:\n  - sorry * slow\n  - ${PATHOLOGICAL}`),
  'p/gaps.yaml': rule('exceptions:\n  - a *9 a *9 a *9 a *9 b\nphrases:\n  - sorry'),
  'p/glossary.yaml': `type: substitution
signal: apology
weight: 1
message: m
glossary: glossaries/terms.yml
examples:
  match: ["A: Sorry, it is slow."]
  noMatch: ["A: Hello."]
`,
  'p/glossaries/terms.yml': `terms:\n  - term: dso\n    say: district office\n  - term: ${'(a|a a|a a a)? '.repeat(6)}x\n`,
  'other/pack.yaml': PACK('other'),
  'other/good.yaml': GOOD,
  'same-name/pack.yaml': PACK('other'),
  'same-name/good.yaml': GOOD,
  'holds/pack.yaml': PACK('holds', `\n    - put you on hold\n    - ${'(hold|wait)? '.repeat(11)}on`),
  'holds/good.yaml': GOOD,
});
afterAll(tree.remove);
const dir = join(tree.dir, 'p');
const loaded = loadPack(dir);
const errorsFor = (name: string, errors: RuleLoadError[] = loaded.errors) => errors.filter((e) => e.file === join(dir, name));

describe('rule files: wrong keys and types are load errors at their line', () => {
  it.each([
    ['weight.yaml', 3, /^weight: /],
    ['speaker.yaml', 11, /^scope\.speaker: /],
    ['nested-key.yaml', 12, /^scope: .*\(colour\)/],
    ['phrases-string.yaml', 5, /^phrases: /],
    ['no-examples.yaml', 8, /^examples\.match: /],
  ])('%s: line %i', (name, line, message) => {
    expect(errorsFor(name)).toEqual([{ file: join(dir, name), line, ruleId: `tmp/${name.replace('.yaml', '')}`, message: expect.stringMatching(message) }]);
  });

  it('the good rules still load', () => {
    expect(loaded.source!.rules.map((r) => r.id)).toEqual(['tmp/glossary', 'tmp/good', 'tmp/twice']);
  });
});

describe('duplicate rule ids', () => {
  it('two files with one stem (twice.yaml, twice.yml) are one id: the second is a load error at its file', () => {
    expect(errorsFor('twice.yml')).toEqual([{ file: join(dir, 'twice.yml'), line: 1, ruleId: 'tmp/twice', message: expect.stringContaining('duplicate rule id: twice.yaml already defines tmp/twice') }]);
    expect(errorsFor('twice.yaml')).toEqual([]);
  });

  it('two --rules packs with one name would share rule ids: an error at the second pack.yaml\'s name line', () => {
    const { errors, pack } = loadPacks([join(tree.dir, 'other'), join(tree.dir, 'same-name')]);
    expect(errors).toEqual([{ file: join(tree.dir, 'same-name', 'pack.yaml'), line: 1, message: expect.stringContaining('duplicate pack name "other"') }]);
    expect(pack!.rules.filter((r) => r.id === 'other/good')).toHaveLength(1);
  });

  it('replacing the default pack, or naming one folder twice, is not an error', () => {
    expect(loadPacks([join(tree.dir, 'other'), join(tree.dir, 'other')]).errors).toEqual([]);
  });
});

describe('phrases cannot hang a run', () => {
  it('a phrase whose matching work multiplies out (many optionals, many gaps) is a load error at its line', () => {
    expect(errorsFor('hang.yaml')).toEqual([{ file: join(dir, 'hang.yaml'), line: 7, ruleId: 'tmp/hang', message: expect.stringMatching(/^phrases\.1: ".*" can take \d+ matching steps at every word of a turn \(the limit is 2000\)/) }]);
    expect(errorsFor('gaps.yaml')).toEqual([{ file: join(dir, 'gaps.yaml'), line: 6, ruleId: 'tmp/gaps', message: expect.stringMatching(/^exceptions\.0: /) }]);
  });

  it('the same holds for glossary terms and the pack\'s hold phrases; the good ones still load', () => {
    const glossary = join(dir, 'glossaries', 'terms.yml');
    expect(loaded.errors.filter((e) => e.file === glossary)).toEqual([{ file: glossary, line: 4, ruleId: 'tmp/glossary', message: expect.stringMatching(/^terms\.1\.term: /) }]);
    const substitution = loaded.source!.rules.find((r) => r.id === 'tmp/glossary')!.rule;
    expect(substitution.type === 'substitution' && substitution.terms.map((t) => t.term)).toEqual(['dso']);
    const holds = loadPack(join(tree.dir, 'holds'));
    expect(holds.errors).toEqual([{ file: join(tree.dir, 'holds', 'pack.yaml'), line: 12, message: expect.stringMatching(/^timing\.holdAnnounce\.1: /) }]);
    expect(holds.source!.pack.timing.holdAnnounce).toEqual(['put you on hold']);
  });

  it('reports nothing else', () => {
    expect(loaded.errors.map((e) => e.file.slice(dir.length + 1)).sort()).toEqual(
      ['gaps.yaml', 'glossaries/terms.yml', 'hang.yaml', 'nested-key.yaml', 'no-examples.yaml', 'phrases-string.yaml', 'speaker.yaml', 'twice.yml', 'weight.yaml'].sort(),
    );
  });

  it('every phrase of the default pack is within the limit', () => {
    expect(loadPacks().errors).toEqual([]);
  });

  /** A step counter without touching the matcher: count its reads of the token array. */
  function countReads(tokens: Token[]): { tokens: Token[]; reads: () => number } {
    let reads = 0;
    const proxy = new Proxy(tokens, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { tokens: proxy, reads: () => reads };
  }

  /** Token reads one matcher step can make: the words of every alternative, or a gap's look-ahead. */
  const readsPerStep = (p: PhrasePattern) =>
    4 + Math.max(...p.elements.map((e) => (e.kind === 'words' ? e.options.reduce((n, o) => n + o.length, 0) : e.kind === 'gap' ? 2 * e.max + 2 : 1)));

  it.each([
    ['nine optional words', `${'a? '.repeat(9)}b`],
    ['three long gaps', 'a *8 a *8 a *8 b'],
    ['optional alternatives that overlap', `${'(a|a a)? '.repeat(5)}b`],
  ])('the worst phrase the limit allows (%s) does bounded work on a 2,000-word turn of the words it looks for', (_, phrase) => {
    const pattern = compilePhrase(phrase);
    expect(phraseCost(pattern)).toBeLessThanOrEqual(MAX_PHRASE_COST);
    // one unpunctuated sentence of 2,000 matching words, built by hand: the worst case for the
    // matcher itself (tokenize would cut it into sentences of 120 words, which bounds it further)
    const words = tokenize('a '.repeat(2000)).map((t) => ({ ...t, sentence: 0 }));
    const counted = countReads(words);
    expect(matchPattern(pattern, counted.tokens)).toBeUndefined();
    const bound = words.length * (2 + phraseCost(pattern) * readsPerStep(pattern));
    expect(counted.reads()).toBeLessThanOrEqual(bound);
    expect(counted.reads()).toBeGreaterThan(words.length);
  });
});
