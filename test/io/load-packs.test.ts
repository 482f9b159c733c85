import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPack } from '../../src/engine/run-pack.js';
import { DEFAULT_PACK_DIR, formatLoadError, loadPacks, packDirsIn } from '../../src/io/load-packs.js';
import { ROOT, makeCall, tempTree, UNIT_PACK_DIR } from '../helpers/fixtures.js';

const INWARD_REPLACEMENT = `name: inward
version: 0.0.1-test
signals:
  only-signal: inward
scoring: { start: 50, signalCap: 5, outwardCap: 0 }
timing:
  gapSeconds: 30
  endWindowPercent: 10
  wordsPerSecond: 3
  holdAnnounce: [hold on]
  holdReturn: [welcome back]
`;
const ONLY_RULE = `type: phrase
signal: only-signal
weight: 2
message: m
phrases: [pineapple]
examples:
  match: ["A: pineapple"]
  noMatch: ["A: apple"]
`;

const tree = tempTree({
  'inward/pack.yaml': INWARD_REPLACEMENT,
  'inward/only.yaml': ONLY_RULE,
  'many/b-pack/pack.yaml': INWARD_REPLACEMENT.replace('name: inward', 'name: bee'),
  'many/b-pack/only.yaml': ONLY_RULE,
  'many/a-pack/pack.yaml': INWARD_REPLACEMENT.replace('name: inward', 'name: ay'),
  'many/a-pack/only.yaml': ONLY_RULE,
  'many/not-a-pack/readme.md': 'x',
});
afterAll(tree.remove);

describe('loadPacks', () => {
  it('loads the default pack from rules/inward', () => {
    expect(DEFAULT_PACK_DIR).toBe(join(ROOT, 'rules', 'inward'));
    const { pack, errors } = loadPacks([]);
    expect(errors).toEqual([]);
    expect(pack!.info.name).toBe('inward');
    expect(pack!.rules.length).toBeGreaterThan(0);
    expect(pack!.rules.every((r) => r.id.startsWith('inward/'))).toBe(true);
  });

  it('a --rules pack with the same name replaces the default', () => {
    const { pack, errors } = loadPacks([join(tree.dir, 'inward')]);
    expect(errors).toEqual([]);
    expect(pack!.info.name).toBe('inward');
    expect(pack!.info.version).toBe('0.0.1-test');
    expect(pack!.rules.map((r) => r.id)).toEqual(['inward/only']);
    expect(Object.keys(pack!.signals)).toEqual(['only-signal']);
    expect(pack!.scoring.start).toBe(50);
    expect(pack!.timing.gapSeconds).toBe(30);
    const call = makeCall('c', [['agent', 'Sorry, my system is really slow today. Pineapple?']]);
    expect(runPack(pack!, call).findings.map((f) => f.ruleId)).toEqual(['inward/only']);
  });

  it('a --rules pack with another name is added to the default', () => {
    const { pack, errors } = loadPacks([UNIT_PACK_DIR]);
    expect(errors).toEqual([]);
    expect(pack!.info.name).toBe('inward+unit');
    expect(pack!.rules.some((r) => r.id === 'unit/apology')).toBe(true);
    expect(pack!.rules.some((r) => r.id.startsWith('inward/'))).toBe(true);
    expect(pack!.signals).toMatchObject({ apology: 'inward', 'system-apology': 'inward' });
  });

  it('without the default, only the given packs load', () => {
    const { pack } = loadPacks([UNIT_PACK_DIR], false);
    expect(pack!.info.name).toBe('unit');
    expect(pack!.rules.every((r) => r.id.startsWith('unit/'))).toBe(true);
  });

  it('reports a --rules folder that is not a pack and loads nothing from it', () => {
    const { pack, errors } = loadPacks([join(tree.dir, 'many', 'not-a-pack')], false);
    expect(pack).toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ file: join(tree.dir, 'many', 'not-a-pack') })]);
  });
});

describe('packDirsIn', () => {
  it('is the folder itself when it holds pack.yaml', () => {
    expect(packDirsIn(UNIT_PACK_DIR)).toEqual([UNIT_PACK_DIR]);
  });

  it('lists sub-folders with a pack.yaml, in name order', () => {
    const many = join(tree.dir, 'many');
    expect(packDirsIn(many)).toEqual([join(many, 'a-pack'), join(many, 'b-pack')]);
  });

  it('formatLoadError puts file, line and rule id first', () => {
    expect(formatLoadError({ file: 'f.yaml', line: 3, ruleId: 'p/r', message: 'm' })).toBe('f.yaml:3: p/r: m');
    expect(formatLoadError({ file: 'f.yaml', message: 'm' })).toBe('f.yaml: m');
  });
});
