import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPack } from '../../src/engine/run-pack.js';
import { DEFAULT_PACK_DIR } from '../../src/io/load-packs.js';
import { compilePack } from '../../src/ruleset/compile-pack.js';
import { loadPack } from '../../src/ruleset/load-pack.js';
import { makeCall, tempTree } from '../helpers/fixtures.js';

const PACK = `name: tmp
version: 1.0.0
signals:
  internal-jargon: inward
scoring: { start: 100, signalCap: 20, outwardCap: 10 }
timing:
  gapSeconds: 10
  endWindowPercent: 20
  wordsPerSecond: 2.5
  holdAnnounce: [put you on hold]
  holdReturn: [thanks for holding]
`;

const rule = (lines: string) => `type: substitution
signal: internal-jargon
weight: 4
message: Internal term "{{match}}"
${lines}
examples:
  match: ["A: It's with the swap desk."]
  noMatch: ["A: Hello."]
`;

const GLOSSARY = `description: test terms
terms:
  - term: swap desk
    say: the team that replaces kit
  - term: Orbit
    say:
`;

const tree = tempTree({
  'good/pack.yaml': PACK,
  'good/jargon.yaml': rule('glossary: glossary/terms.yaml\nterms:\n  - { term: CRT, say: customer relations }'),
  'good/glossary/terms.yaml': GLOSSARY,
  'missing/pack.yaml': PACK,
  'missing/jargon.yaml': rule('glossary: glossary/nope.yaml'),
  'badyaml/pack.yaml': PACK,
  'badyaml/jargon.yaml': rule('glossary: g.glossary'),
  'badyaml/g.glossary': 'terms:\n  - term: [unclosed\n',
  'badkey/pack.yaml': PACK,
  'badkey/jargon.yaml': rule('glossary: g.glossary'),
  'badkey/g.glossary': 'terms:\n  - term: swap desk\n    colour: red\n',
  'badterm/pack.yaml': PACK,
  'badterm/jargon.yaml': rule('glossary: g.glossary'),
  'badterm/g.glossary': 'terms:\n  - term: swap desk\n  - term: "(broken|"\n  - term: Orbit\n',
  'empty/pack.yaml': PACK,
  'empty/jargon.yaml': rule(''),
});
afterAll(tree.remove);
const dir = (name: string) => join(tree.dir, name);

describe('substitution rules reading a glossary file', () => {
  it('loads the glossary terms after the inline ones; the glossary folder holds no rules', () => {
    const loaded = loadPack(dir('good'));
    expect(loaded.errors).toEqual([]);
    expect(loaded.source!.rules.map((r) => r.id)).toEqual(['tmp/jargon']);
    const r = loaded.source!.rules[0]!.rule;
    expect(r.type === 'substitution' && r.terms).toEqual([{ term: 'CRT', say: 'customer relations' }, { term: 'swap desk', say: 'the team that replaces kit' }, { term: 'Orbit' }]);
  });

  it('suggests the alternative where the glossary has one, and nothing where say is empty', () => {
    const { pack } = compilePack(loadPack(dir('good')).source!);
    const run = runPack(pack, makeCall('c', [['agent', "It's gone to the swap desk."], ['agent', 'I logged it on Orbit.']]));
    expect(run.findings.map((f) => [f.turn, f.suggestion])).toEqual([
      [0, 'the team that replaces kit'],
      [1, undefined],
    ]);
  });

  it('puts the glossary in the pack hash', () => {
    const before = loadPack(dir('good')).source!.hash;
    writeFileSync(join(dir('good'), 'glossary', 'terms.yaml'), `${GLOSSARY}  - term: NOC\n`);
    expect(loadPack(dir('good')).source!.hash).not.toBe(before);
    writeFileSync(join(dir('good'), 'glossary', 'terms.yaml'), GLOSSARY);
  });

  it('reports a missing glossary at the rule line that names it, and leaves the rule out', () => {
    const loaded = loadPack(dir('missing'));
    expect(loaded.source!.rules).toEqual([]);
    expect(loaded.errors).toEqual([expect.objectContaining({ file: join(dir('missing'), 'jargon.yaml'), line: 5, ruleId: 'tmp/jargon' })]);
    expect(loaded.errors[0]!.message).toMatch(/glossary.*nope\.yaml/);
  });

  it('reports invalid YAML and unknown keys in the glossary with its file and line', () => {
    const yaml = loadPack(dir('badyaml'));
    expect(yaml.source!.rules).toEqual([]);
    expect(yaml.errors[0]).toMatchObject({ file: join(dir('badyaml'), 'g.glossary'), ruleId: 'tmp/jargon' });
    expect(yaml.errors[0]!.line).toBeGreaterThan(0);
    const key = loadPack(dir('badkey'));
    expect(key.errors).toEqual([expect.objectContaining({ file: join(dir('badkey'), 'g.glossary'), line: 3, ruleId: 'tmp/jargon' })]);
    expect(key.errors[0]!.message).toContain('colour');
  });

  it('reports a term that is not a valid phrase at its line and keeps the other terms', () => {
    const loaded = loadPack(dir('badterm'));
    expect(loaded.errors).toEqual([expect.objectContaining({ file: join(dir('badterm'), 'g.glossary'), line: 3, ruleId: 'tmp/jargon' })]);
    const r = loaded.source!.rules[0]!.rule;
    expect(r.type === 'substitution' && r.terms.map((t) => t.term)).toEqual(['swap desk', 'Orbit']);
  });

  it('needs terms or a glossary', () => {
    const loaded = loadPack(dir('empty'));
    expect(loaded.source!.rules).toEqual([]);
    expect(loaded.errors[0]!.message).toMatch(/terms or a glossary/);
  });
});

describe('the default pack glossary', () => {
  const loaded = loadPack(DEFAULT_PACK_DIR);
  const rule = loaded.source!.rules.find((r) => r.id === 'inward/internal-jargon')!.rule;
  const terms = rule.type === 'substitution' ? rule.terms : [];

  it('loads cleanly, from rules/inward/glossary/jargon.yaml, and is not read as a rule', () => {
    expect(loaded.errors).toEqual([]);
    expect(rule).toMatchObject({ glossary: 'glossary/jargon.yaml' });
    expect(loaded.source!.rules.some((r) => r.id.includes('glossary'))).toBe(false);
  });

  it('covers the common contact-centre jargon, each with a plain alternative', () => {
    const { pack } = compilePack(loaded.source!);
    const lines = ['It has gone to tier 2.', 'It is in the L2 queue.', 'It is with back office.', 'That is a BAU issue.', 'We will raise an RMA.', 'You need a PAC code.', 'You need a STAC code.', 'It is within the SLA.', 'I have updated the CRM.', 'The escalations team has it.', 'It is with provisioning.', 'The NOC is looking at it.', 'I have raised a work order.'];
    const run = runPack(pack, makeCall('g', lines.map((l) => ['agent', l] as ['agent', string])));
    const jargon = run.findings.filter((f) => f.ruleId === 'inward/internal-jargon');
    expect(new Set(jargon.map((f) => f.turn))).toEqual(new Set(lines.map((_, i) => i)));
    expect(jargon.every((f) => (f.suggestion ?? '').length > 0)).toBe(true);
    expect(terms.length).toBeGreaterThanOrEqual(20);
  });
});
