import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/cli/config.js';
import { starterConfig } from '../../src/cli/init-command.js';
import { buildProgram } from '../../src/cli/main.js';
import { findConfig } from '../../src/io/load-config.js';
import { tempTree } from '../helpers/fixtures.js';

describe('finding the config file', () => {
  const tree = tempTree({
    'outside/cxlint.config.yaml': 'format: csv\n',
    'outside/repo/.git/HEAD': 'ref: refs/heads/main\n',
    'outside/repo/cxlint.config.yaml': 'format: json\n',
    'outside/repo/cxlint.config.json': '{"format": "csv"}\n',
    'outside/repo/a/b/.keep': '',
    'outside/other/.git/HEAD': '',
    'outside/other/x/.keep': '',
  });
  afterAll(tree.remove);

  it('from the working folder up: the nearest one, .yaml before .json', () => {
    expect(findConfig(join(tree.dir, 'outside/repo/a/b'))).toBe(join(tree.dir, 'outside/repo/cxlint.config.yaml'));
  });

  it('stops at the repository root: a config above it is not used', () => {
    expect(findConfig(join(tree.dir, 'outside/other/x'))).toBeUndefined();
  });
});

describe('reading the config file', () => {
  const tree = tempTree({
    'proj/cxlint.config.yaml': [
      'inputs: [calls/, "more/*.csv"]',
      'rules: rules/custom',
      'failUnder: 60',
      'maxPrevalence: { referral: 20, system-apology: 5 }',
      'ahtTarget: { billing: 300 }',
      'csvColumns: { id: conv, text: body }',
      'sample: 10%',
      'seed: 7',
      'output: reports/out.xml',
      'reportOnly: true',
      '',
    ].join('\n'),
    'bad/unknown/cxlint.config.yaml': 'failunder: 60\n',
    'bad/type/cxlint.config.yaml': 'format: xml\n',
    'bad/yaml/cxlint.config.yaml': 'format: [json\n',
    'bad/json/cxlint.config.json': '{"format": }',
  });
  afterAll(tree.remove);

  it('turns values into what the command line would give, with paths relative to where cxlint runs', () => {
    const cwd = join(tree.dir, 'proj', 'sub');
    mkdirSync(cwd, { recursive: true });
    const r = loadConfig(undefined, cwd);
    expect('loaded' in r && r.loaded?.config).toEqual({
      inputs: ['../calls', '../more/*.csv'],
      rules: ['../rules/custom'],
      failUnder: '60',
      maxPrevalence: ['referral=20', 'system-apology=5'],
      ahtTarget: ['billing=300'],
      csvColumns: 'id=conv,text=body',
      sample: '10%',
      seed: '7',
      output: '../reports/out.xml',
      reportOnly: true,
    });
  });

  it.each([
    ['bad/unknown', 'unknown key failunder'],
    ['bad/type', 'format'],
    ['bad/yaml', 'cxlint.config.yaml:'],
    ['bad/json', 'cxlint.config.json'],
  ])('%s: an error naming the file and %s', (dir, text) => {
    const r = loadConfig(undefined, join(tree.dir, dir));
    expect('error' in r && r.error).toContain(text);
  });

  it('no file, no config', () => {
    const empty = tempTree({ '.git/HEAD': '' });
    expect(loadConfig(undefined, empty.dir)).toEqual({});
    empty.remove();
  });
});

describe('every option has a config key', () => {
  const program = buildProgram(() => undefined);
  const keysOf = (name: string) =>
    program.commands
      .find((c) => c.name() === name)!
      .options.map((o) => o.attributeName())
      .filter((k) => k !== 'config' && k !== 'printConfig');
  const schemaKeys = Object.keys(configSchema.shape);

  it('score: each long option is a key of cxlint.config.yaml', () => {
    for (const key of keysOf('score')) expect(schemaKeys, key).toContain(key);
  });

  it('merge: its gate options too', () => {
    for (const key of keysOf('merge')) expect(schemaKeys, key).toContain(key);
  });

  it('the starter config parses and mentions every key (active or commented out)', () => {
    const text = starterConfig('rules/custom');
    expect(configSchema.safeParse(parse(text)).success).toBe(true);
    for (const key of schemaKeys) expect(text, key).toMatch(new RegExp(`^#? ?${key}:`, 'm'));
    // every commented-out example is itself valid
    const examples = text
      .split('\n')
      .filter((l) => schemaKeys.some((k) => l.startsWith(`# ${k}: `)))
      .map((l) => l.slice(2).replace(/\s+# .*$/, ''));
    expect(examples.length).toBeGreaterThan(20);
    for (const line of examples) expect(configSchema.safeParse(parse(line)).success, line).toBe(true);
  });
});
