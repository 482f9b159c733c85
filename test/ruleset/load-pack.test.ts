import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePack } from '../../src/ruleset/compile-pack.js';
import { loadPack } from '../../src/ruleset/load-pack.js';
import { runExamples } from '../../src/ruleset/run-examples.js';
import { tempTree, UNIT_PACK_DIR } from '../helpers/fixtures.js';

const PACK = `name: tmp
version: 1.2.3
signals:
  apology: inward
  kindness: outward
scoring: { start: 100, signalCap: 20, outwardCap: 10 }
timing:
  gapSeconds: 10
  endWindowPercent: 20
  wordsPerSecond: 2.5
  holdAnnounce: [put you on hold]
  holdReturn: [thanks for holding]
`;

const rule = (extra: string, signal = 'apology', phrase = 'sorry * slow') => `type: phrase
signal: ${signal}
weight: 5
message: m
phrases:
  - ${phrase}
examples:
  match: ["A: Sorry, it is slow."]
  noMatch: ["A: Hello."]
${extra}`;

const tree = tempTree({
  'pack/pack.yaml': PACK,
  'pack/good.yaml': rule(''),
  'pack/also-good.yml': rule('', 'kindness', 'happy to help').replace('Sorry, it is slow.', "I'm happy to help.").replace('sorry * slow', 'happy to help'),
  'pack/broken.yaml': 'type: phrase\nsignal: apology\nphrases: [unclosed\nweight: 5\n',
  'pack/unknown-key.yaml': rule('colour: red\n'),
  'pack/undeclared.yaml': rule('', 'nonexistent'),
  'pack/uncompilable.yaml': rule('', 'apology', '"(sorry|apologies slow"'),
  'pack/notes.txt': 'not a rule',
  'nopack/rule.yaml': rule(''),
  'badpack/pack.yaml': 'name: Bad Name\nversion: 1\n',
});
afterAll(tree.remove);
const dir = join(tree.dir, 'pack');

describe('loadPack with bad rule files', () => {
  const loaded = loadPack(dir);
  const { pack, errors: compileErrors } = compilePack(loaded.source!);
  const all = [...loaded.errors, ...compileErrors];
  const errorFor = (name: string) => all.filter((e) => e.file === join(dir, name));

  it('still loads and compiles the good rules', () => {
    expect(loaded.source).toBeDefined();
    expect(pack.rules.map((r) => r.id)).toEqual(['tmp/also-good', 'tmp/good']);
    expect(pack.info).toMatchObject({ name: 'tmp', version: '1.2.3' });
  });

  it('reports invalid YAML with file, line and rule id', () => {
    const [e, ...more] = errorFor('broken.yaml');
    expect(more).toEqual([]);
    expect(e).toMatchObject({ ruleId: 'tmp/broken' });
    expect(e!.line).toBeGreaterThanOrEqual(3);
  });

  it('reports an unknown key with file, line and the key name', () => {
    const errs = errorFor('unknown-key.yaml');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ ruleId: 'tmp/unknown-key' });
    expect(errs[0]!.message).toContain('colour');
    expect(errs[0]!.line).toBeGreaterThanOrEqual(1);
  });

  it('reports an undeclared signal at the line of "signal"', () => {
    const errs = errorFor('undeclared.yaml');
    expect(errs).toEqual([expect.objectContaining({ ruleId: 'tmp/undeclared', line: 2 })]);
    expect(errs[0]!.message).toContain('nonexistent');
  });

  it('reports a phrase that does not compile with file and rule id', () => {
    expect(errorFor('uncompilable.yaml')).toEqual([expect.objectContaining({ ruleId: 'tmp/uncompilable' })]);
  });

  it('reports nothing else and ignores non-YAML files', () => {
    expect(all).toHaveLength(4);
    expect(all.every((e) => e.file.startsWith(dir))).toBe(true);
  });

  it('hashes the pack content', () => {
    expect(pack.info.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(loadPack(dir).source!.hash).toBe(pack.info.hash);
    expect(loadPack(UNIT_PACK_DIR).source!.hash).not.toBe(pack.info.hash);
  });
});

describe('loadPack on folders that are not packs', () => {
  it('needs a pack.yaml', () => {
    const r = loadPack(join(tree.dir, 'nopack'));
    expect(r.source).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ file: join(tree.dir, 'nopack') })]);
  });

  it('reports a missing folder', () => {
    const r = loadPack(join(tree.dir, 'missing'));
    expect(r.source).toBeUndefined();
    expect(r.errors).toHaveLength(1);
  });

  it('reports an invalid pack.yaml with its file', () => {
    const r = loadPack(join(tree.dir, 'badpack'));
    expect(r.source).toBeUndefined();
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.every((e) => e.file === join(tree.dir, 'badpack', 'pack.yaml'))).toBe(true);
    expect(r.errors.map((e) => e.message).join(' ')).toMatch(/name|signals|scoring|timing/);
  });
});

describe('rule ids and examples', () => {
  it('names rules <pack>/<file stem>', () => {
    const loaded = loadPack(UNIT_PACK_DIR);
    expect(loaded.errors).toEqual([]);
    expect(loaded.source!.rules.map((r) => r.id)).toEqual(['unit/apology', 'unit/jargon', 'unit/kindness', 'unit/silence']);
  });

  it('runExamples passes on a correct pack and names the rule whose example is wrong', () => {
    const good = compilePack(loadPack(UNIT_PACK_DIR).source!).pack;
    expect(runExamples(good)).toEqual({ checked: 8, failures: [] });
    const wrong = { ...good, examples: new Map(good.examples).set('unit/apology', { match: ['A: Hello there.'], noMatch: ['A: Sorry, it is slow.'] }) };
    const { checked, failures } = runExamples(wrong);
    expect(checked).toBe(8);
    expect(failures.map((f) => [f.ruleId, f.kind])).toEqual([
      ['unit/apology', 'match'],
      ['unit/apology', 'noMatch'],
    ]);
  });
});
