import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/fixtures.js';

const demo = readFileSync(join(ROOT, 'fixtures/calls/calls.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; turns: { text: string }[] });

describe('cxlint explain', () => {
  it('shows call-002 turn by turn with the rule id of each finding', () => {
    const findings = JSON.parse(runCli(['score', 'fixtures/calls/calls.jsonl', '--format', 'json']).stdout).calls.find((c: { id: string }) => c.id === 'call-002').findings as { ruleId: string; span?: unknown }[];
    expect(findings.length).toBeGreaterThan(0);
    const r = runCli(['explain', 'fixtures/calls/calls.jsonl', '--call', 'call-002']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    const call = demo.find((c) => c.id === 'call-002')!;
    // a turn without findings appears verbatim
    expect(r.stdout).toContain(call.turns[0]!.text);
    expect(r.stdout).toContain(call.turns[7]!.text);
    for (const f of findings) expect(r.stdout).toContain(f.ruleId);
    expect(r.stdout).toContain('call-002');
    expect(r.stdout).not.toContain('call-001');
  });

  it('explains a single-call file without --call', () => {
    const r = runCli(['explain', 'fixtures/calls/call-007.txt']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('call-007');
    expect(r.stdout).toContain('inward/aht-pressure');
  });

  it('fails on an unknown call id, listing the ids there are', () => {
    const r = runCli(['explain', 'fixtures/calls/calls.jsonl', '--call', 'call-999']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('call-999');
    expect(r.stderr).toContain('call-001');
  });
});
