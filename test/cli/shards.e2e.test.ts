import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempTree, UNIT } from '../helpers/fixtures.js';

/** --shard, --format summary-json and `cxlint merge`: merged results equal one run exactly. */

const tree = tempTree();
afterAll(tree.remove);
const INPUTS = ['fixtures/calls', join(UNIT, 'malformed.jsonl')];
const GATES = ['--fail-under', '80', '--max-prevalence', 'referral=30', '--fail-on', 'warning'];

function shards(n: number, extra: string[] = []): string[] {
  return Array.from({ length: n }, (_, i) => {
    const file = join(tree.dir, `part-${n}-${i + 1}-${extra.join('_').replace(/[^\w]/g, '')}.json`);
    const r = runCli(['score', ...INPUTS, '--format', 'summary-json', '--shard', `${i + 1}/${n}`, '-o', file, ...extra]);
    // every shard reports the bad record, so its exit code is the single run's
    expect(r.status).toBe(2);
    return file;
  });
}

/** Warnings are about the input as each shard read it; merge repeats the errors, skips and gates. */
const notWarnings = (stderr: string) => stderr.split('\n').filter((l) => !l.startsWith('cxlint: warning:')).join('\n');

const withoutCalls = (stdout: string) => {
  const doc = JSON.parse(stdout);
  delete doc.calls;
  return doc;
};

describe('sharded runs and merge', () => {
  it('each call is scored by exactly one shard', () => {
    const ids = [1, 2, 3].flatMap((i) =>
      runCli(['score', ...INPUTS, '--format', 'ndjson', '--shard', `${i}/3`])
        .stdout.trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; id?: string })
        .filter((l) => l.type === 'call')
        .map((l) => l.id!),
    );
    const single = JSON.parse(runCli(['score', ...INPUTS, '--format', 'json']).stdout).calls.map((c: { id: string }) => c.id);
    expect([...ids].sort()).toEqual([...single].sort());
    expect(ids.length).toBe(single.length);
  });

  it('merged summary-json is byte-identical to one run, whatever order the partials come in', () => {
    const parts = shards(3, ['--group-by', 'agent']);
    const single = runCli(['score', ...INPUTS, '--format', 'summary-json', '--group-by', 'agent']);
    const merged = runCli(['merge', parts[2]!, parts[0]!, parts[1]!, '--format', 'summary-json']);
    expect(merged.stdout).toBe(single.stdout);
    expect(merged.status).toBe(single.status);
  });

  it('merged json (summary, groups, counts, errors) and the gates: same report, same stderr, same exit code', () => {
    const parts = shards(4, ['--group-by', 'agent']);
    const single = runCli(['score', ...INPUTS, '--format', 'json', '--group-by', 'agent', ...GATES]);
    const merged = runCli(['merge', ...parts, '--format', 'json', ...GATES]);
    expect(withoutCalls(merged.stdout)).toEqual(withoutCalls(single.stdout));
    expect(merged.stdout).not.toContain('"calls": [');
    expect(merged.stderr).toBe(notWarnings(single.stderr));
    expect(merged.status).toBe(2);
    // without the bad record: the gates decide, exit 1 in both
    const clean = Array.from({ length: 2 }, (_, i) => {
      const file = join(tree.dir, `clean-${i}.json`);
      expect(runCli(['score', 'fixtures/calls', '--format', 'summary-json', '--shard', `${i + 1}/2`, '-o', file]).status).toBe(0);
      return file;
    });
    const one = runCli(['score', 'fixtures/calls', '--format', 'markdown', ...GATES]);
    const two = runCli(['merge', ...clean, '--format', 'markdown', ...GATES]);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(notWarnings(one.stderr));
    expect(runCli(['merge', ...clean, ...GATES, '--report-only']).status).toBe(0);
  });

  it('a percentage sample over shards merges to the same sample as one run', () => {
    const sample = ['--sample', '50%', '--seed', 'ci'];
    const parts = shards(3, sample);
    const single = runCli(['score', ...INPUTS, '--format', 'summary-json', ...sample]);
    expect(runCli(['merge', ...parts, '--format', 'summary-json']).stdout).toBe(single.stdout);
  });

  it('refuses partials that do not make one run: a missing or repeated shard, another pack, another partial version, not a partial', () => {
    const parts = shards(2);
    const missing = runCli(['merge', parts[0]!]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('2/2 missing');
    expect(runCli(['merge', parts[0]!, parts[0]!, parts[1]!]).stderr).toContain('twice');
    const other = JSON.parse(readFileSync(parts[1]!, 'utf8'));
    other.header.pack.hash = 'different';
    const otherFile = join(tree.dir, 'other.json');
    writeFileSync(otherFile, JSON.stringify(other));
    const mixed = runCli(['merge', parts[0]!, otherFile]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('different run');
    const old = { ...JSON.parse(readFileSync(parts[1]!, 'utf8')), partialVersion: '1' };
    old.state.all.scores = [71, 100];
    const oldFile = join(tree.dir, 'old.json');
    writeFileSync(oldFile, JSON.stringify(old));
    const older = runCli(['merge', parts[0]!, oldFile]);
    expect(older.status).toBe(2);
    expect(older.stderr).toContain('version "1"; this cxlint reads version 2');
    const notPartial = runCli(['merge', 'fixtures/calls/calls.jsonl']);
    expect(notPartial.status).toBe(2);
    expect(notPartial.stderr).toContain('calls.jsonl');
  });

  it('selection options that need the whole batch are usage errors with --shard', () => {
    for (const args of [['--sample', '5'], ['--sample', '10%', '--stratify', 'agent']]) {
      const r = runCli(['score', 'fixtures/calls', '--shard', '1/2', ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('sampling', () => {
  const ids = (...args: string[]) => JSON.parse(runCli(['score', 'fixtures/calls', '--format', 'json', ...args]).stdout).calls.map((c: { id: string }) => c.id);

  it('--sample N --seed S: N calls, the same ones on every run, others for another seed; echoed in settings', () => {
    const a = ids('--sample', '5', '--seed', '1');
    expect(a).toHaveLength(5);
    expect(ids('--sample', '5', '--seed', '1')).toEqual(a);
    expect(ids('--sample', '5', '--seed', '2')).not.toEqual(a);
    const doc = JSON.parse(runCli(['score', 'fixtures/calls', '--format', 'json', '--sample', '5', '--seed', '1']).stdout);
    expect(doc.settings.selection).toEqual({ sample: '5', seed: '1' });
    expect(doc.counts).toEqual({ inputs: 5, scored: 5, skipped: 0, errors: 0, notSelected: 9 });
  });

  it('--stratify agent: every agent in the sample', () => {
    const doc = JSON.parse(runCli(['score', 'fixtures/calls', '--format', 'json', '--sample', '5', '--stratify', 'agent']).stdout);
    expect(new Set(doc.calls.map((c: { meta: { agent: string } }) => c.meta.agent)).size).toBe(5);
  });
});
