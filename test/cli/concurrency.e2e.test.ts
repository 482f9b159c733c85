import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { DEFAULT_PACK_DIR } from '../../src/io/load-packs.js';
import { ROOT, runCli, tempTree } from '../helpers/fixtures.js';

/**
 * --concurrency: worker threads start after the first 200 calls, so the corpus here is larger than
 * that, with bad records, a call with no speech and a repeated id spread through it — the records
 * whose place in the output is easiest to get wrong when results come back from several threads.
 */
const tree = tempTree();
let input = '';

beforeAll(async () => {
  const base = join(tree.dir, 'corpus');
  await generateCorpus({ base, calls: 420, turns: 24, seed: 7, packDir: DEFAULT_PACK_DIR });
  const lines = readFileSync(`${base}.jsonl`, 'utf8').trimEnd().split('\n');
  lines.splice(3, 0, '{"id": "broken", "turns": [');
  lines.splice(250, 0, JSON.stringify({ id: 'silent', turns: [{ speaker: 'agent', text: '   ' }] }));
  lines.splice(300, 0, 'not json at all');
  lines.splice(380, 0, lines[330]!);
  input = join(tree.dir, 'mixed.jsonl');
  writeFileSync(input, `${lines.join('\n')}\n`);
}, 60_000);
afterAll(tree.remove);

const run = (threads: number, args: string[]) => runCli(['score', input, '--no-progress', '--concurrency', String(threads), ...args], { cwd: ROOT });

describe('--concurrency', () => {
  it.each([['ndjson'], ['table'], ['summary-json']])('gives byte-identical %s output, errors and exit code with 1, 2 and 3 threads', (format) => {
    const args = ['--format', format, '--group-by', 'team', '--fail-under', '60'];
    const one = run(1, args);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(one.status).toBe(2); // two bad records
    for (const threads of [2, 3]) {
      const many = run(threads, args);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
      expect(many.status).toBe(one.status);
    }
  });

  it('keeps every record in input order: calls, errors and skipped calls', () => {
    const lines = run(2, ['--format', 'ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; id?: string; line?: number; source?: { line?: number } });
    const records = lines.filter((l) => l.type !== 'header' && l.type !== 'summary');
    expect(records).toHaveLength(424);
    const positions = records.map((r) => r.source?.line ?? r.line ?? -1);
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('rejects a thread count that is not a whole number from 1 to 256 (exit 2)', () => {
    for (const bad of ['0', 'two', '1.5']) {
      const r = runCli(['score', 'fixtures/calls', '--concurrency', bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--concurrency');
    }
  });
});
