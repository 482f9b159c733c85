import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

/** Run the CLI with stdin a pipe whose writer starts late, as `slow-export | cxlint score -` does. */
function scoreFromSlowPipe(args: string[], input: string, delayMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'cxlint.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    setTimeout(() => {
      // in two pieces, so a read also meets a pipe that is open but empty between them
      const half = Math.floor(input.length / 2);
      child.stdin.write(input.slice(0, half));
      setTimeout(() => child.stdin.end(input.slice(half)), delayMs);
    }, delayMs);
  });
}

describe('score - (stdin)', () => {
  it('reads a pipe to its end even when the writer is slow to start and pauses', async () => {
    const input = readFileSync(join(ROOT, 'fixtures', 'calls', 'calls.jsonl'), 'utf8');
    const r = await scoreFromSlowPipe(['score', '-', '--format', 'json'], input, 300);
    expect(r.stderr).not.toContain('EAGAIN');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { calls: unknown[] }).calls).toHaveLength(6);
  });
});
