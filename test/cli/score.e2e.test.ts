import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempTree, UNIT } from '../helpers/fixtures.js';

/** `cxlint score` end to end: needs `npm run build` first (npm test does it). */

const DEMO_IDS = [
  'call-007', 'call-008', 'call-009', 'call-010', 'call-011', 'call-012', 'call-013', 'call-014',
  'call-001', 'call-002', 'call-003', 'call-004', 'call-005', 'call-006',
];
const JSONL_IDS = ['call-001', 'call-002', 'call-003', 'call-004', 'call-005', 'call-006'];

const json = (stdout: string) => JSON.parse(stdout);
const ESC = '\u001b';

const tree = tempTree({
  'inward/pack.yaml': `name: inward
version: 0.0.1-e2e
signals: { only-signal: inward }
scoring: { start: 100, signalCap: 5, outwardCap: 0 }
timing: { gapSeconds: 10, endWindowPercent: 20, wordsPerSecond: 2.5, holdAnnounce: [hold on], holdReturn: [welcome back] }
`,
  'inward/only.yaml': `type: phrase
signal: only-signal
weight: 2
message: m
phrases: [broadband]
examples: { match: ["A: broadband"], noMatch: ["A: phone"] }
`,
});
afterAll(tree.remove);

describe('cxlint score', () => {
  it('scores the demo folder as JSON: exit 0, 14 calls, no errors', () => {
    const r = runCli(['score', 'fixtures/calls', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const doc = json(r.stdout);
    expect(doc.calls.map((c: { id: string }) => c.id)).toEqual(DEMO_IDS);
    expect(doc.counts).toEqual({ inputs: 14, scored: 14, skipped: 0, errors: 0 });
    expect(doc.errors).toEqual([]);
    for (const c of doc.calls) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(100);
    }
  });

  it('runs score as the default command', () => {
    const r = runCli(['fixtures/calls/calls.jsonl', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(json(r.stdout).calls.map((c: { id: string }) => c.id)).toEqual(JSONL_IDS);
    const table = runCli(['fixtures/calls/calls.jsonl']);
    expect(table.status).toBe(0);
    for (const id of JSONL_IDS) expect(table.stdout).toContain(id);
  });

  it('reads stdin with "-" and --input-format text', () => {
    const input = '# id: from-stdin\n# agent: Tom\nAgent: Sorry, my system is really slow today.\nCustomer: Oh dear.\n';
    const r = runCli(['score', '-', '--input-format', 'text', '--format', 'json'], { input });
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    expect(doc.calls).toHaveLength(1);
    expect(doc.calls[0]).toMatchObject({ id: 'from-stdin', meta: { agent: 'Tom' }, source: { file: '<stdin>' } });
    expect(doc.calls[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('inward/system-apology');
  });

  it('reads stdin when no input is given', () => {
    const input = readFileSync(join(ROOT, 'fixtures/calls/calls.jsonl'), 'utf8');
    const r = runCli(['score', '--format', 'json'], { input });
    expect(r.status).toBe(0);
    expect(json(r.stdout).calls.map((c: { id: string }) => c.id)).toEqual(JSONL_IDS);
  });

  it('a malformed JSONL line: exit 2, the other calls still scored, the error with file and line', () => {
    const file = join(UNIT, 'malformed.jsonl');
    const r = runCli(['score', file, '--format', 'json']);
    expect(r.status).toBe(2);
    const doc = json(r.stdout);
    expect(doc.calls.map((c: { id: string }) => c.id)).toEqual(['call-002', 'call-003', 'call-004']);
    expect(doc.counts).toEqual({ inputs: 4, scored: 3, skipped: 0, errors: 1 });
    expect(doc.errors).toEqual([expect.objectContaining({ file, line: 2, record: 1 })]);
    expect(r.stderr).toContain(`${file}:2`);
  });

  it('a missing input: exit 2 and an error naming it', () => {
    const r = runCli(['score', 'fixtures/calls/nope.jsonl', '--format', 'json']);
    expect(r.status).toBe(2);
    expect(json(r.stdout).errors).toEqual([expect.objectContaining({ file: 'fixtures/calls/nope.jsonl' })]);
  });

  it('--fail-under 90: exit 1 and a stderr line naming the calls below', () => {
    const scores = json(runCli(['score', 'fixtures/calls', '--format', 'json']).stdout).calls as { id: string; score: number }[];
    const below = scores.filter((c) => c.score < 90);
    expect(below.length).toBeGreaterThan(0);
    const r = runCli(['score', 'fixtures/calls', '--format', 'json', '--fail-under', '90']);
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${below[0]!.id} (${below[0]!.score})`);
    expect(json(r.stdout).calls).toHaveLength(14);
  });

  it('--fail-under 0 passes and a non-number is a usage error', () => {
    expect(runCli(['score', 'fixtures/calls', '--format', 'json', '--fail-under', '0']).status).toBe(0);
    expect(runCli(['score', 'fixtures/calls', '--format', 'json', '--fail-under', 'abc']).status).toBe(2);
  });

  it('an unknown option is a usage error: exit 2, nothing on stdout', () => {
    const r = runCli(['score', 'fixtures/calls', '--bogus']);
    expect(r.status).toBe(2);
    expect(runCli(['explain']).status).toBe(2);
    expect(runCli(['score', 'fixtures/calls', '--format', 'xml']).status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--bogus');
  });

  it('--version prints the package version', () => {
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--rules with a pack named like the default replaces it', () => {
    const r = runCli(['score', 'fixtures/calls/calls.jsonl', '--format', 'json', '--rules', join(tree.dir, 'inward')]);
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    expect(doc.pack).toMatchObject({ name: 'inward', version: '0.0.1-e2e' });
    const ruleIds = new Set(doc.calls.flatMap((c: { findings: { ruleId: string }[] }) => c.findings.map((f) => f.ruleId)));
    expect([...ruleIds]).toEqual(['inward/only']);
  });

  it('--group-by summarises per meta value', () => {
    const doc = json(runCli(['score', 'fixtures/calls', '--format', 'json', '--group-by', 'agent']).stdout);
    expect(doc.settings.groupBy).toBe('agent');
    expect(doc.groups.map((g: { group: string }) => g.group)).toEqual(['Ana Lopes', 'Jordan Miles', 'Priya Shah', 'Sam Okafor', 'Tom Reed']);
    expect(doc.groups.reduce((n: number, g: { calls: number }) => n + g.calls, 0)).toBe(14);
  });

  it('--format ndjson: header first, one line per call, summary last', () => {
    const r = runCli(['score', 'fixtures/calls', '--format', 'ndjson']);
    expect(r.status).toBe(0);
    const records = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(records[0].type).toBe('header');
    expect(records.at(-1).type).toBe('summary');
    expect(records.filter((x) => x.type === 'call').map((x) => x.id)).toEqual(DEMO_IDS);
    expect(records).toHaveLength(16);
  });

  it('--format csv: a header and one row per call', () => {
    const r = runCli(['score', 'fixtures/calls', '--format', 'csv']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]!.split(',')[0]).toBe('call_id');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(DEMO_IDS);
  });
});

describe('cxlint score: output hygiene', () => {
  it('ends quietly when the reader closes the pipe after the first line', async () => {
    const big = tempTree();
    try {
      const jsonl = readFileSync(join(ROOT, 'fixtures/calls/calls.jsonl'), 'utf8');
      // ~120 calls: far more output than a pipe buffer holds, so the writer must meet the closed pipe
      const copies = Array.from({ length: 20 }, (_, i) => jsonl.replaceAll('"id":"call-', `"id":"copy${i}-`)).join('');
      const input = join(big.dir, 'big.jsonl');
      writeFileSync(input, copies);
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
      delete env.FORCE_COLOR;
      const child = spawn(process.execPath, [join(ROOT, 'bin/cxlint.js'), 'score', input, '--format', 'ndjson'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let first = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        first += d;
        if (first.includes('\n')) child.stdout.destroy();
      });
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (c, s) => done([c, s])));
      expect(JSON.parse(first.slice(0, first.indexOf('\n'))).type).toBe('header');
      expect(stderr).toBe('');
      expect(signal).toBeNull();
      expect(code).toBe(0);
    } finally {
      big.remove();
    }
  });

  it('NO_COLOR output has no escape sequences, even with FORCE_COLOR', () => {
    const plain = runCli(['score', 'fixtures/calls']);
    expect(plain.status).toBe(0);
    expect(plain.stdout.length).toBeGreaterThan(0);
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stderr).not.toContain(ESC);
    expect(runCli(['score', 'fixtures/calls'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    expect(runCli(['score', 'fixtures/calls', '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    // the control: colour is really produced when it is asked for
    expect(runCli(['score', 'fixtures/calls'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain(ESC);
  });

  it.each([['json'], ['ndjson'], ['csv'], ['table']])('--format %s output is byte-identical across two runs', (format) => {
    const a = runCli(['score', 'fixtures/calls', '--format', format]);
    const b = runCli(['score', 'fixtures/calls', '--format', format]);
    expect(a.status).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
  });
});
