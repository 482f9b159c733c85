import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempTree } from '../helpers/fixtures.js';

/** The report formats CI systems read, and -o, end to end. */

const FORMATS = ['table', 'json', 'ndjson', 'csv', 'junit', 'sarif', 'github', 'markdown', 'summary-json'];

describe('cxlint score: CI formats and -o', () => {
  const tree = tempTree();
  afterAll(tree.remove);

  it.each([['junit'], ['sarif'], ['github'], ['markdown'], ['summary-json']])('--format %s exits 0 and is byte-identical across two runs', (format) => {
    const a = runCli(['score', 'fixtures/calls', '--format', format]);
    const b = runCli(['score', 'fixtures/calls', '--format', format]);
    expect(a.status).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it.each(FORMATS.map((f) => [f]))('-o FILE with --format %s: the same bytes as stdout, nothing on stdout, no temporary file left', (format) => {
    const file = join(tree.dir, `report.${format}`);
    const r = runCli(['score', 'fixtures/calls', '--format', format, '-o', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(runCli(['score', 'fixtures/calls', '--format', format]).stdout);
    expect(readdirSync(tree.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('junit: a record read but not scored is a skipped test case', () => {
    const input = `${JSON.stringify({ id: 'empty', turns: [] })}\n${JSON.stringify({ id: 'ok', turns: [{ speaker: 'agent', text: 'Hello, how can I help?' }] })}\n`;
    const r = runCli(['score', '-', '--input-format', 'cxlint-json', '--format', 'junit'], { input });
    expect(r.stdout).toMatch(/<testcase name="empty"[^>]*>\s*<skipped message="[^"]+"\/>/);
    expect(r.stdout).toContain('tests="2" failures="0" errors="0" skipped="1"');
  });

  it('-o into a folder that does not exist: exit 2 and a message naming it', () => {
    const r = runCli(['score', 'fixtures/calls', '--format', 'json', '-o', join(tree.dir, 'missing', 'r.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing');
  });

  it('a failing gate still writes the report, and the markdown and JUnit reports say which gate failed', () => {
    const md = join(tree.dir, 'gate.md');
    const r = runCli(['score', 'fixtures/calls', '--format', 'markdown', '-o', md, '--max-prevalence', 'referral=10']);
    expect(r.status).toBe(1);
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('1 gate(s) failed');
    expect(text).toContain('max-prevalence');
    const junit = runCli(['score', 'fixtures/calls', '--format', 'junit', '--max-prevalence', 'referral=10']);
    expect(junit.stdout).toContain('<property name="gates.failed" value="max-prevalence"/>');
  });
});
