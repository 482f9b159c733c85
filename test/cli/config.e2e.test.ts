import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempTree } from '../helpers/fixtures.js';

/** cxlint.config.yaml, --config, --print-config and `cxlint init`, end to end. */

const CALLS = join(ROOT, 'fixtures/calls');

describe('config file', () => {
  const tree = tempTree({
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/cxlint.config.yaml': `inputs: [${JSON.stringify(CALLS)}]\nformat: json\nfailUnder: 90\nmaxPrevalence: { referral: 60 }\nprogress: false\n`,
    'repo/deep/er/.keep': '',
    'other.json': JSON.stringify({ format: 'csv', failUnder: 0 }),
  });
  afterAll(tree.remove);
  const repo = join(tree.dir, 'repo');

  it('is found from a sub-folder up to the repository root and used as the options and inputs', () => {
    const r = runCli([], { cwd: join(repo, 'deep/er') });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).calls).toHaveLength(14);
    expect(r.stderr).toContain('--fail-under 90');
  });

  it('the command line wins over the file, option by option', () => {
    const r = runCli(['score', '--fail-under', '0', '--format', 'csv'], { cwd: repo });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^call_id,/);
  });

  it('--config FILE instead of the one found', () => {
    const r = runCli(['score', CALLS, '--config', join(tree.dir, 'other.json')], { cwd: repo });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^call_id,/);
  });

  it('--print-config shows the file, the inputs and every resolved option, and scores nothing', () => {
    const r = runCli(['score', '--print-config', '--seed', '3', '--sample', '10%'], { cwd: join(repo, 'deep') });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      config: join(repo, 'cxlint.config.yaml'),
      inputs: [CALLS],
      options: { color: true, failUnder: '90', format: 'json', maxPrevalence: ['referral=60'], progress: false, sample: '10%', seed: '3' },
    });
  });

  it('a config with an unknown key or a bad value is a usage error naming the file', () => {
    const bad = tempTree({ '.git/HEAD': '', 'cxlint.config.yaml': 'failunder: 3\n' });
    const r = runCli(['score', CALLS], { cwd: bad.dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cxlint.config.yaml');
    expect(r.stderr).toContain('failunder');
    writeFileSync(join(bad.dir, 'cxlint.config.yaml'), 'failOn: info\n');
    expect(runCli(['score', CALLS], { cwd: bad.dir }).status).toBe(2);
    bad.remove();
  });
});

describe('cxlint init', () => {
  const tree = tempTree({ '.git/HEAD': '' });
  afterAll(tree.remove);

  it('writes a commented config and a custom pack whose example rule passes `rules test`', () => {
    const r = runCli(['init'], { cwd: tree.dir });
    expect(r.status).toBe(0);
    const config = readFileSync(join(tree.dir, 'cxlint.config.yaml'), 'utf8');
    expect(config).toMatch(/^# cxlint configuration/);
    expect(config).toContain('rules: [rules/custom]');
    const test = runCli(['rules', 'test', join(tree.dir, 'rules/custom')]);
    expect(test.status).toBe(0);
    expect(test.stdout).toMatch(/4\/4 examples pass in 1 rules/);
  });

  it('the config it wrote adds the pack to every score run in that folder', () => {
    const input = 'Agent: Thanks for calling. I will raise a ticket for that now.\nCustomer: OK.\n';
    const r = runCli(['score', '-', '--input-format', 'text', '--format', 'json'], { cwd: tree.dir, input });
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.pack.name).toBe('inward+custom');
    expect(doc.calls[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('custom/internal-process-step');
  });

  it('never overwrites without --force', () => {
    const again = runCli(['init'], { cwd: tree.dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exist');
    expect(runCli(['init', '--force'], { cwd: tree.dir }).status).toBe(0);
    expect(runCli(['init', 'elsewhere', '--pack-name', 'team-a'], { cwd: tree.dir }).status).toBe(0);
    expect(runCli(['rules', 'test', join(tree.dir, 'elsewhere/rules/team-a')]).status).toBe(0);
  });
});
