import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { DEFAULT_PACK_DIR } from '../../src/io/load-packs.js';
import { ROOT, runCli, tempTree } from '../helpers/fixtures.js';

/**
 * --concurrency: worker threads start after the first 2,000 calls, and JSONL files over 4 MB go to
 * the workers as chunks of undecoded lines (~256 KB each). The inputs here are a JSONL file past both
 * bounds, with bad records, a call with no speech, blank lines, invalid UTF-8 and a repeated id spread
 * through it (before and after workers start, so in chunks scored in either thread), then a small
 * file repeating an id of the big one, and a --meta-file: the records whose place and content are
 * easiest to get wrong when results come back from several threads.
 */
const tree = tempTree();
let big = '';
let small = '';
let metaFile = '';

beforeAll(async () => {
  const base = join(tree.dir, 'corpus');
  await generateCorpus({ base, calls: 2200, turns: 30, seed: 7, packDir: DEFAULT_PACK_DIR, csv: false });
  const lines = readFileSync(`${base}.jsonl`, 'utf8').trimEnd().split('\n');
  lines.splice(3, 0, '{"id": "broken", "turns": [');
  lines.splice(250, 0, JSON.stringify({ id: 'silent', turns: [{ speaker: 'agent', text: '   ' }] }));
  lines.splice(300, 0, 'not json at all');
  lines.splice(380, 0, lines[330]!);
  lines.splice(2100, 0, lines[2050]!);
  lines.splice(2150, 0, '', ' \t ');
  big = join(tree.dir, 'big.jsonl');
  // an undecodable byte in the text of two calls after the workers start: one note, at the first
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  for (const n of [2160, 2170]) {
    let at = -1;
    for (let i = 0; i < n; i++) at = bytes.indexOf(10, at + 1);
    bytes[bytes.indexOf('"text":"', at) + 9] = 0xff;
  }
  writeFileSync(big, bytes);
  small = join(tree.dir, 'small.jsonl');
  writeFileSync(small, `${lines[500]}\n`);
  metaFile = join(tree.dir, 'meta.csv');
  writeFileSync(metaFile, 'call_id,site\nbench-0000010,Leeds\nbench-0002150,Cork\n');
}, 60_000);
afterAll(tree.remove);

const run = (threads: number, args: string[]) =>
  runCli(['score', big, small, '--meta-file', metaFile, '--no-progress', '--concurrency', String(threads), ...args], { cwd: ROOT });

describe('--concurrency', () => {
  it('the big input is past the streaming and worker bounds', () => {
    expect(statSync(big).size).toBeGreaterThan(4 << 20);
  });

  it.each([['ndjson'], ['csv'], ['json'], ['table'], ['summary-json']])('gives byte-identical %s output, errors and exit code with 1 thread and with several', (format) => {
    const args = ['--format', format, '--group-by', 'site', '--fail-under', '60'];
    const one = run(1, args);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(one.status).toBe(2); // two bad records
    expect(one.stderr.match(/invalid UTF-8 from line \d+/g)).toEqual(['invalid UTF-8 from line 2161']);
    for (const threads of format === 'ndjson' ? [2, 3] : [2]) {
      const many = run(threads, args);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
      expect(many.status).toBe(one.status);
    }
  });

  it('gives byte-identical output with --baseline and with --show-pii, whatever the threads', () => {
    const baseline = join(tree.dir, 'baseline.json');
    expect(runCli(['baseline', 'create', small, '-o', baseline], { cwd: ROOT }).status).toBe(0);
    for (const extra of [['--baseline', baseline, '--fail-on', 'warning'], ['--show-pii', '--max-findings', '10']]) {
      const args = ['--format', 'ndjson', '--group-by', 'agent', ...extra];
      const one = run(1, args);
      const many = run(2, args);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
      expect(many.status).toBe(one.status);
    }
  });

  it('keeps every record in input order, with meta from the meta file and the repeats reported where they occur', () => {
    const r = run(2, ['--format', 'ndjson']);
    type Line = { type: string; id?: string; line?: number; file?: string; source?: { line?: number; file: string }; meta?: Record<string, unknown>; notes?: string[] };
    const records = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line)
      .filter((l) => l.type !== 'header' && l.type !== 'summary');
    expect(records).toHaveLength(2206);
    const inBig = records.filter((x) => (x.source?.file ?? x.file) === big);
    const positions = inBig.map((x) => x.source?.line ?? x.line ?? -1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(records.at(-1)!.source!.file).toBe(small);
    expect(records.find((x) => x.id === 'bench-0000010')!.meta!.site).toBe('Leeds');
    expect(records.find((x) => x.id === 'bench-0002150')!.meta!.site).toBe('Cork');
    const repeated = records.filter((x) => x.notes?.some((n) => n.startsWith('duplicate call id')));
    expect(repeated.map((x) => x.source!.file)).toEqual([big, big, small]);
    expect(r.stderr.match(/duplicate call id/g)).toHaveLength(3);
  });

  it('rejects a thread count that is not a whole number from 1 to 256 (exit 2)', () => {
    for (const bad of ['0', 'two', '1.5']) {
      const r = runCli(['score', 'fixtures/calls', '--concurrency', bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--concurrency');
    }
  });
});
