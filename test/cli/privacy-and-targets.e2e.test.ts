import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempTree } from '../helpers/fixtures.js';

const PII_CALL = JSON.stringify({
  id: 'pii',
  meta: { queue: 'billing' },
  turns: [
    { speaker: 'agent', text: 'Sorry, my system is slow, your card 4111 1111 1111 1111 is on file', start: 0, end: 5 },
    { speaker: 'customer', text: 'Email me at jo.bloggs@example.com please', start: 6, end: 9 },
    { speaker: 'agent', text: 'Sorry, my system is slow again, ring 0333 014 2290 \u001b[31mnow', start: 10, end: 700 },
    { speaker: 'agent', text: 'Right, I need to wrap this up now, I have got other calls waiting.', start: 701, end: 705 },
  ],
});
const tree = tempTree({ 'pii.jsonl': `${PII_CALL}\n` });
afterAll(() => tree.remove());
const file = join(tree.dir, 'pii.jsonl');

describe('private data in outputs', () => {
  it('redacts card numbers and phones in evidence by default, in JSON and in explain', () => {
    const json = runCli(['score', file, '--format', 'json']);
    expect(json.status).toBe(0);
    expect(json.stdout).not.toContain('4111');
    expect(json.stdout).not.toContain('2290');
    const doc = JSON.parse(json.stdout);
    expect(doc.settings.redacted).toBe(true);
    const explain = runCli(['explain', file]);
    expect(explain.stdout).toContain('[CARD]');
    expect(explain.stdout).toContain('[EMAIL]');
    expect(explain.stdout).not.toContain('jo.bloggs');
    expect(explain.stdout).not.toContain('\u001b');
  });

  it('--show-pii shows them, with a warning on stderr', () => {
    const r = runCli(['explain', file, '--show-pii']);
    expect(r.stdout).toContain('4111 1111 1111 1111');
    expect(r.stderr).toContain('--show-pii');
  });
});

describe('handle-time targets', () => {
  const ahtFindings = (args: string[]) => {
    const doc = JSON.parse(runCli(['score', file, '--format', 'json', ...args]).stdout);
    return doc.calls[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'inward/aht-over-target');
  };
  it('uses the pack fallback (600 s) without a target, the run target when given, per queue first', () => {
    expect(ahtFindings([])).toHaveLength(1); // 705 s > 600 s, with closing pressure
    expect(ahtFindings(['--aht-target', '900'])).toHaveLength(0);
    expect(ahtFindings(['--aht-target', '900', '--aht-target', 'billing=300'])).toHaveLength(1);
    expect(ahtFindings(['--aht-target', 'sales=300', '--aht-target', '900'])).toHaveLength(0);
  });
  it('echoes the targets in the report settings and rejects a malformed one', () => {
    const doc = JSON.parse(runCli(['score', file, '--format', 'json', '--aht-target', 'billing=300']).stdout);
    expect(doc.settings.ahtTargetSecondsByQueue).toEqual({ billing: 300 });
    expect(runCli(['score', file, '--aht-target', 'soon']).status).toBe(2);
  });
});

describe('explain', () => {
  it('refuses a file of several calls without --call, listing ids', () => {
    const r = runCli(['explain', 'fixtures/calls/calls.jsonl']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('call-001');
    expect(r.stdout).toBe('');
  });
});

describe('a closed pipe stops the run early', () => {
  it('stops reading once stdout is gone, without an error', async () => {
    // 3,000 calls: a full run takes seconds; reading one line and closing must end it quickly
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `c${i}`, turns: [{ speaker: 'agent', text: 'Sorry, my system is slow today.' }] }));
    const big = tempTree({ 'big.jsonl': `${lines.join('\n')}\n` });
    try {
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'cxlint.js'), 'score', join(big.dir, 'big.jsonl'), '--format', 'ndjson'], { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      expect(stderr).toBe('');
    } finally {
      big.remove();
    }
  });
});

describe('--group-by', () => {
  it('warns when no call has the field (a typo looks like a real result otherwise)', () => {
    const r = runCli(['score', 'fixtures/calls', '--format', 'json', '--group-by', 'Team']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('no call has a "Team" meta field');
    expect(runCli(['score', 'fixtures/calls', '--format', 'json', '--group-by', 'team']).stderr).toBe('');
  });
});

describe('parent commands', () => {
  it('without a sub-command are a usage error', () => {
    expect(runCli(['rules']).status).toBe(2);
    expect(runCli(['baseline']).status).toBe(2);
    expect(runCli(['rules', '--help']).status).toBe(0);
  });
});

describe('baselined findings in the table', () => {
  it('are counted in the signals cell and not shown as the worst finding', () => {
    const t = tempTree({});
    try {
      const baseline = join(t.dir, 'b.json');
      expect(runCli(['baseline', 'create', 'fixtures/calls/calls.jsonl', '-o', baseline]).status).toBe(0);
      const table = runCli(['score', 'fixtures/calls/calls.jsonl', '--baseline', baseline]).stdout;
      expect(table).toContain('baselined)');
      expect(table).not.toContain('system-apology t4');
    } finally {
      t.remove();
    }
  });
});
