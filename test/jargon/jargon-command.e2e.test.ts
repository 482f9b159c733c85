import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { glossaryFileSchema } from '../../src/ruleset/rule-schema.js';
import { ROOT, tempTree } from '../helpers/fixtures.js';

/** The built command, called the way main.ts will call it (needs `npm run build`). */
function jargon(inputs: string[], options: Record<string, unknown>) {
  const script = "const { jargonCommand } = await import('./dist/cli/jargon-command.js'); process.exitCode = await jargonCommand(JSON.parse(process.argv[1]), JSON.parse(process.argv[2]));";
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(inputs), JSON.stringify(options)], { cwd: ROOT, env, encoding: 'utf8', input: '' });
}

interface Candidate {
  term: string;
  agentCount: number;
  customerCount: number;
  score: number;
  agents: number;
  examples: string[];
  kind: string;
  known: boolean;
}

const FIXTURES = 'fixtures/jargon/calls.jsonl';
const built = existsSync(join(ROOT, 'dist', 'cli', 'jargon-command.js'));
if (!built) console.warn('skipping the jargon command tests: run `npm run build` first');

const PACK = readFileSync(join(ROOT, 'rules', 'inward', 'pack.yaml'), 'utf8').replace(/^name: inward$/m, 'name: mine');
const tree = tempTree({
  'mine/pack.yaml': PACK,
  'mine/orbit.yaml': `type: substitution
signal: internal-jargon
weight: 4
message: m
glossary: ours.glossary
examples:
  match: ["A: It is on Orbit."]
  noMatch: ["A: Hello."]
`,
  'mine/ours.glossary': 'terms:\n  - term: Orbit\n    say: our system\n',
  'pins.jsonl': ['PIN', 'PIN', 'PIN', 'PIN']
    .map((_, i) => JSON.stringify({ id: `p${i}`, meta: { agent: `a${i}` }, turns: [{ speaker: 'agent', text: 'Please confirm your PIN, the CRT team need it.' }, { speaker: 'customer', text: 'Sure, here it is.' }] }))
    .join('\n'),
});
afterAll(tree.remove);

describe.skipIf(!built)('cxlint jargon (jargonCommand)', () => {
  it('prints {"candidates": [...]} best first, with counts, score, agents and examples', () => {
    const r = jargon([FIXTURES], { format: 'json', minCount: 2, limit: 20 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { candidates: Candidate[]; counts: { calls: number } };
    expect(doc.counts.calls).toBe(12);
    expect(doc.candidates.length).toBeGreaterThan(8);
    for (const c of doc.candidates) {
      expect(Object.keys(c).slice(0, 6)).toEqual(['term', 'agentCount', 'customerCount', 'score', 'agents', 'examples']);
    }
    const scores = doc.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const get = new Map(doc.candidates.map((c) => [c.term, c]));
    expect(get.get('tier 2')).toMatchObject({ agentCount: 4, customerCount: 0, agents: 3, known: true });
    expect(get.get('Orbit')).toMatchObject({ known: false });
  });

  it('prints the same candidates as a table', () => {
    const json = JSON.parse(jargon([FIXTURES], { format: 'json', minCount: 2, limit: 5 }).stdout) as { candidates: Candidate[] };
    const r = jargon([FIXTURES], { minCount: 2, limit: 5 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^5 candidate terms from 12 calls/);
    const rows = r.stdout.split('\n').filter((l) => /^│\s+\d+ │/.test(l));
    expect(rows.map((l) => l.split('│')[2]!.trim())).toEqual(json.candidates.map((c) => c.term));
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('leaves out what the pack calls customer-facing, and marks what its glossaries know', () => {
    const pins = JSON.parse(jargon([join(tree.dir, 'pins.jsonl')], { format: 'json', minCount: 2 }).stdout) as { candidates: Candidate[] };
    expect(pins.candidates.map((c) => c.term)).not.toContain('PIN');
    const mine = JSON.parse(jargon([FIXTURES], { format: 'json', minCount: 2, limit: 20, rules: [join(tree.dir, 'mine')] }).stdout) as { candidates: Candidate[] };
    expect(mine.candidates.find((c) => c.term === 'Orbit')).toMatchObject({ known: true });
  });

  it('writes the new candidates as a glossary, and keeps an analyst\u2019s entries on the next run', () => {
    const file = join(tree.dir, 'found.yaml');
    const r = jargon([FIXTURES], { format: 'json', minCount: 2, limit: 20, writeGlossary: file });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/wrote \d+ new term/);
    const listed = (JSON.parse(r.stdout) as { candidates: Candidate[] }).candidates;
    const written = glossaryFileSchema.parse(parse(readFileSync(file, 'utf8'))).terms;
    expect(written.map((t) => t.term)).toEqual(listed.filter((c) => !c.known).map((c) => c.term));
    expect(written.every((t) => t.say === undefined)).toBe(true);

    writeFileSync(file, readFileSync(file, 'utf8').replace(/(term: Orbit.*\n)\s+say:\n/, '$1    say: our system\n'));
    expect(jargon([FIXTURES], { format: 'json', minCount: 2, limit: 30, writeGlossary: file }).status).toBe(0);
    const again = glossaryFileSchema.parse(parse(readFileSync(file, 'utf8'))).terms;
    expect(again.find((t) => t.term === 'Orbit')).toEqual({ term: 'Orbit', say: 'our system' });
    expect(again.length).toBeGreaterThanOrEqual(written.length);
    expect(new Set(again.map((t) => t.term.toLowerCase())).size).toBe(again.length);
  });

  it('refuses a --write-glossary file that is not a glossary', () => {
    const file = join(tree.dir, 'not-a-glossary.yaml');
    writeFileSync(file, 'type: phrase\n');
    const r = jargon([FIXTURES], { writeGlossary: file });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not a glossary');
  });

  it.each([
    [{ format: 'csv' }, /unknown --format "csv"/],
    [{ minCount: '0' }, /--min-count needs a whole number/],
    [{ limit: 'ten' }, /--limit needs a whole number/],
    [{ inputFormat: 'nope' }, /unknown --input-format/],
  ])('exits 2 on a usage error %j', (options, message) => {
    const r = jargon([FIXTURES], options);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('reports an unreadable input on stderr, still ranks the rest and exits 2', () => {
    const r = jargon([FIXTURES, 'no/such/file.jsonl'], { format: 'json', minCount: 2 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no/such/file.jsonl');
    expect((JSON.parse(r.stdout) as { candidates: Candidate[] }).candidates.length).toBeGreaterThan(0);
  });
});
