import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempTree } from '../helpers/fixtures.js';

/** `cxlint baseline create` and `score --baseline` end to end. */

const tree = tempTree();
afterAll(tree.remove);
const baselineOf = (name: string, ...inputs: string[]) => {
  const file = join(tree.dir, name);
  const r = runCli(['baseline', 'create', ...inputs, '-o', file]);
  expect(r.status).toBe(0);
  return file;
};
type Doc = { calls: { id: string; score: number; baseline?: { findings: number; score: number }; findings: { polarity: string; baselined?: boolean }[] }[] };

describe('baselines', () => {
  const all = baselineOf('all.json', 'fixtures/calls');
  const some = baselineOf('some.json', 'fixtures/calls/calls.jsonl');

  it('the file holds fingerprints, call ids, rule ids and turns, no transcript text, and is the same on every run', () => {
    const doc = JSON.parse(readFileSync(all, 'utf8'));
    expect(doc.type).toBe('cxlint-baseline');
    expect(doc.entries.length).toBeGreaterThan(10);
    expect(Object.keys(doc.entries[0]).sort()).toEqual(['callId', 'count', 'fingerprint', 'ruleId', 'turn']);
    expect(readFileSync(all, 'utf8')).not.toContain('system is really slow');
    expect(readFileSync(baselineOf('again.json', 'fixtures/calls'), 'utf8')).toBe(readFileSync(all, 'utf8'));
    expect(runCli(['baseline', 'create', 'fixtures/calls']).stdout).toBe(readFileSync(all, 'utf8'));
  });

  it("against today's baseline every inward finding is marked, kept, and no gate fails", () => {
    const plain = JSON.parse(runCli(['score', 'fixtures/calls', '--format', 'json']).stdout) as Doc;
    const r = runCli(['score', 'fixtures/calls', '--format', 'json', '--baseline', all, '--fail-on', 'warning', '--max-findings', '0', '--fail-under', '100']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as Doc;
    for (const [i, c] of doc.calls.entries()) {
      expect(c.findings).toHaveLength(plain.calls[i]!.findings.length);
      expect(c.score).toBe(plain.calls[i]!.score);
      expect(c.findings.filter((f) => f.polarity === 'inward').every((f) => f.baselined)).toBe(true);
      expect(c.baseline?.score).toBe(100);
    }
  });

  it('new findings (calls not in the baseline) still fail the gates, with the baselined ones left out of the count', () => {
    const r = runCli(['score', 'fixtures/calls', '--format', 'json', '--baseline', some, '--max-findings', '0']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    const fresh = doc.calls.flatMap((c) => c.findings.filter((f) => f.polarity === 'inward' && !f.baselined));
    expect(fresh.length).toBeGreaterThan(0);
    expect(r.stderr).toContain(`${fresh.length} inward finding(s) is more than --max-findings 0`);
    expect(r.stderr).toMatch(/\(\d+ baselined finding\(s\) not counted\)/);
  });

  it('stale entries of the calls scored are reported on stderr; entries of calls not in the run are not', () => {
    const doc = JSON.parse(readFileSync(all, 'utf8'));
    doc.entries.push({ fingerprint: 'f'.repeat(32), callId: 'call-001', ruleId: 'inward/referral', turn: 3, count: 1 });
    doc.entries.push({ fingerprint: 'e'.repeat(32), callId: 'not-in-this-run', ruleId: 'inward/referral', turn: 3, count: 1 });
    const file = join(tree.dir, 'stale.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = runCli(['score', 'fixtures/calls', '--format', 'json', '--baseline', file]);
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cxlint: baseline: 1 stale entry .*call-001 inward\/referral turn 3$/);
  });

  it('SARIF says which results are new and suppresses the baselined ones; JUnit does not fail on them', () => {
    const sarif = JSON.parse(runCli(['score', 'fixtures/calls', '--format', 'sarif', '--baseline', some]).stdout);
    const states = new Set(sarif.runs[0].results.map((r: { baselineState: string }) => r.baselineState));
    expect([...states].sort()).toEqual(['new', 'unchanged']);
    for (const r of sarif.runs[0].results) expect(Boolean(r.suppressions)).toBe(r.baselineState === 'unchanged');
    const junit = runCli(['score', 'fixtures/calls', '--format', 'junit', '--baseline', all]).stdout;
    expect(junit).toContain('failures="0"');
    expect(junit).toContain('baselined]');
  });

  it('a baseline that is missing or not a baseline is a usage error', () => {
    for (const file of [join(tree.dir, 'nope.json'), 'fixtures/calls/calls.jsonl']) {
      const r = runCli(['score', 'fixtures/calls', '--baseline', file, '--report-only']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('--baseline');
    }
  });
});
