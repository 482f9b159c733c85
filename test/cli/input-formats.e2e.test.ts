import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempTree } from '../helpers/fixtures.js';

/** The input formats and their options end to end: needs `npm run build` first (npm test does it). */

const json = (stdout: string) => JSON.parse(stdout);
const formats = join(ROOT, 'fixtures', 'formats');
const tree = tempTree({
  'meta.csv': 'call_id,team,queue\ntca-billing-0042,Billing,energy\nmeter-reading-0007,Metering,energy\n',
  'batch/cut.json': readFileSync(join(formats, 'contact-lens', 'voice-call.json'), 'utf8').slice(0, 1500),
  'batch/whole.json': readFileSync(join(formats, 'contact-lens', 'voice-call.json'), 'utf8'),
});
afterAll(tree.remove);

describe('cxlint score: input formats', () => {
  it('reads every fixture format from one folder; the one export needing field names is a teaching error', () => {
    const r = runCli(['score', 'fixtures/formats', '--format', 'json']);
    expect(r.status).toBe(2);
    const doc = json(r.stdout);
    expect(doc.counts.scored).toBe(22);
    expect(doc.errors).toEqual([expect.objectContaining({ file: 'fixtures/formats/segments/in-house-export.json', message: expect.stringContaining('--segment-fields text=FIELD') })]);
    expect(r.stderr).toContain('could not tell which speaker is the agent');
  });

  it('--segment-fields names the fields of an in-house export', () => {
    const r = runCli(['score', 'fixtures/formats/segments/in-house-export.json', '--segment-fields', 'text=said,speaker=who,start=t0,end=t1', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(json(r.stdout).calls[0]).toMatchObject({ id: 'in-house-export', turnCount: 3, meta: { agent: 'Lena Fox', team: 'Retentions' } });
  });

  it('warns once per file when no speaker can be named the agent; --agent-speaker settles it', () => {
    const unresolved = runCli(['score', 'fixtures/formats/rttm/diarization.rttm', '--format', 'json']);
    expect(unresolved.status).toBe(0);
    expect(unresolved.stderr.match(/could not tell which speaker is the agent/g)).toHaveLength(1);
    expect(unresolved.stderr).toContain('--agent-speaker');
    expect(json(unresolved.stdout).calls.map((c: { meta: { roles: string } }) => c.meta.roles)).toEqual(['unresolved', 'unresolved']);
    const named = runCli(['score', 'fixtures/formats/stm/calls.stm', '--agent-speaker', 'spk1', '--format', 'json']);
    expect(named.stderr).toBe('');
    expect(json(named.stdout).calls.map((c: { meta: { roles: string } }) => c.meta.roles)).toEqual(['inferred', 'override']);
  });

  it('--meta-file and --meta-from-filename feed --group-by on any export', () => {
    const r = runCli([
      'score',
      'fixtures/formats/transcribe-call-analytics',
      'fixtures/formats/transcribe/diarized.json',
      '--meta-file',
      join(tree.dir, 'meta.csv'),
      '--meta-from-filename',
      'formats/(?<source>[^/]+)/',
      '--group-by',
      'team',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const doc = json(r.stdout);
    expect(doc.calls.map((c: { meta: Record<string, string> }) => [c.meta.team, c.meta.queue, c.meta.source])).toEqual([
      ['Billing', 'energy', 'transcribe-call-analytics'],
      ['Metering', 'energy', 'transcribe'],
    ]);
    expect(doc.groups.map((g: { group: string }) => g.group)).toEqual(['Billing', 'Metering']);
  });

  it('a truncated export is a positioned error and the rest of the batch is scored', () => {
    const r = runCli(['score', join(tree.dir, 'batch'), '--format', 'json']);
    expect(r.status).toBe(2);
    const doc = json(r.stdout);
    expect(doc.calls.map((c: { id: string }) => c.id)).toEqual(['7d3f0c1e-0000-4000-8000-00000000a001']);
    expect(doc.errors).toEqual([expect.objectContaining({ file: join(tree.dir, 'batch', 'cut.json'), line: expect.any(Number) })]);
    expect(r.stderr).toMatch(/cut\.json:\d+: invalid JSON/);
  });

  it('bad input options are usage errors (exit 2) that say what is expected', () => {
    const cases: [string[], string][] = [
      [['--input-format', 'nope'], 'transcribe-call-analytics'],
      [['--meta-from-filename', '(x)'], 'named groups'],
      [['--meta-from-filename', '(?<a>'], '--meta-from-filename'],
      [['--segment-fields', 'words=x'], 'ROLE=FIELD'],
      [['--meta-file', 'no-such.csv'], 'no such file'],
    ];
    for (const [args, hint] of cases) {
      const r = runCli(['score', 'fixtures/formats/pca', ...args, '--format', 'json']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(hint);
    }
  });

  it('explain shows a caption file turn by turn, and --help lists the input options', () => {
    const r = runCli(['explain', 'fixtures/formats/webvtt/voices.vtt']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Hi, I'm calling about my bill & a late fee.");
    const help = runCli(['score', '--help']).stdout;
    for (const option of ['--input-format', '--segment-fields', '--agent-speaker', '--meta-from-filename', '--meta-file']) expect(help).toContain(option);
  });
});
