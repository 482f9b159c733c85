import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, UNIT } from '../helpers/fixtures.js';

/** The CI gates of `cxlint score` end to end on the demo calls (14 calls, mean 85.7, referral on 7). */

const score = (...args: string[]) => runCli(['score', 'fixtures/calls', '--format', 'json', ...args]);
const lines = (stderr: string) => stderr.split('\n').filter(Boolean);

describe('cxlint score gates', () => {
  it.each([
    [['--fail-mean-under', '85.7'], 0],
    [['--fail-mean-under', '85.8'], 1],
    [['--max-prevalence', 'referral=50'], 0],
    [['--max-prevalence', 'referral=49'], 1],
    [['--max-prevalence', 'system-apology=5', '--max-prevalence', 'referral=60'], 1],
    [['--max-findings', '1000'], 0],
    [['--max-findings', '3'], 1],
    [['--fail-on', 'error'], 0],
    [['--fail-on', 'warning'], 1],
  ])('%j exits %i with one stderr line per failing gate', (args, code) => {
    const r = score(...args);
    expect(r.status).toBe(code);
    expect(lines(r.stderr)).toHaveLength(code === 0 ? 0 : 1);
    expect(JSON.parse(r.stdout).calls).toHaveLength(14);
  });

  it('several failing gates: one line each, exit 1', () => {
    const r = score('--fail-under', '90', '--fail-mean-under', '90', '--max-prevalence', 'referral=10', '--max-findings', '0', '--fail-on', 'warning');
    expect(r.status).toBe(1);
    const out = lines(r.stderr);
    expect(out).toHaveLength(5);
    expect(out.map((l) => /--[a-z-]+/.exec(l.replace(/^cxlint: [^-]*/, ''))?.[0])).toEqual(['--fail-under', '--fail-mean-under', '--max-prevalence', '--max-findings', '--fail-on']);
    expect(out.every((l) => l.startsWith('cxlint: '))).toBe(true);
  });

  it('--report-only: exit 0 with failing gates and with bad input records, the reasons still on stderr', () => {
    const gated = score('--fail-under', '90', '--report-only');
    expect(gated.status).toBe(0);
    expect(lines(gated.stderr)).toHaveLength(1);
    const bad = runCli(['score', join(UNIT, 'malformed.jsonl'), '--format', 'json', '--report-only']);
    expect(bad.status).toBe(0);
    expect(bad.stderr).toContain('input error');
  });

  it('usage errors exit 2 even with --report-only, before anything is scored', () => {
    for (const args of [
      ['--fail-on', 'info'],
      ['--max-prevalence', 'referal=20'],
      ['--max-prevalence', 'referral'],
      ['--max-findings', 'many'],
      ['--fail-mean-under', 'x'],
    ]) {
      const r = score(...args, '--report-only');
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect(score('--max-prevalence', 'referal=20').stderr).toContain('unknown signal "referal"');
  });
});
