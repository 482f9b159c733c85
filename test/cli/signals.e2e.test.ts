import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempTree } from '../helpers/fixtures.js';

const BIN = join(ROOT, 'bin', 'cxlint.js');
const env = (): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete e.FORCE_COLOR;
  return e;
};

// 20,000 calls: seconds of work, so the signal always lands mid-run
const lines = Array.from({ length: 20000 }, (_, i) =>
  JSON.stringify({ id: `c${i}`, turns: [{ speaker: 'agent', text: 'Sorry, my system is slow today, let me check.' }, { speaker: 'customer', text: 'OK.' }] }),
);
const tree = tempTree({ 'big.jsonl': `${lines.join('\n')}\n`, 'small.jsonl': `${lines.slice(0, 3).join('\n')}\n` });
afterAll(tree.remove);

/** Run `score … --format ndjson`, send `signal` once the first call line is out, collect everything. */
async function interrupted(signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [BIN, 'score', join(tree.dir, 'big.jsonl'), '--format', 'ndjson'], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    if (!sent && stdout.includes('"type":"call"')) {
      sent = true;
      child.kill(signal);
    }
  });
  const [code, killedBy] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (c, s) => done([c, s])));
  return { code, killedBy, stdout, stderr };
}

describe('signals', () => {
  it('Ctrl-C (SIGINT) stops at the next call: whole NDJSON lines only, no summary, exit 130', async () => {
    const r = await interrupted('SIGINT');
    expect(r.killedBy).toBeNull();
    expect(r.code).toBe(130);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const records = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(records[0]!.type).toBe('header');
    expect(records.filter((x) => x.type === 'call').length).toBeGreaterThan(0);
    // stopped promptly: far from the whole batch, and no summary that would pass for a complete run
    expect(records.length).toBeLessThan(lines.length);
    expect(records.some((x) => x.type === 'summary')).toBe(false);
    expect(r.stderr).toMatch(/cxlint: interrupted \(SIGINT\) after \d+ call\(s\)/);
  });

  it('SIGTERM does the same, with exit 143', async () => {
    const r = await interrupted('SIGTERM');
    expect(r.code).toBe(143);
    expect(r.stdout.endsWith('\n')).toBe(true);
  });
});

describe('write errors', () => {
  it.skipIf(!existsSync('/dev/full'))('a full disk (stdout on /dev/full) is exit 2 with a message, not a crash', () => {
    for (const format of ['ndjson', 'json', 'table']) {
      const fd = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [BIN, 'score', join(tree.dir, 'small.jsonl'), '--format', format], { cwd: ROOT, env: env(), stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('cxlint: cannot write the output: ENOSPC');
        expect(r.stderr).not.toContain('internal error');
      } finally {
        closeSync(fd);
      }
    }
  });
});
