import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { stdoutOutput } from '../../src/io/output.js';

const failing = (code: string) =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error(`${code}: write failed`), { code }));
    },
  });

describe('stdoutOutput', () => {
  it('a write error other than EPIPE (a full disk) closes the output and is kept for the caller, never thrown', async () => {
    const out = stdoutOutput(failing('ENOSPC'));
    out.write('{"type":"header"}\n');
    await out.flush();
    expect(out.closed).toBe(true);
    expect((out.error as NodeJS.ErrnoException | undefined)?.code).toBe('ENOSPC');
    out.write('more\n');
    await out.flush();
  });

  it('EPIPE (the reader went away) closes the output quietly: no error to report', async () => {
    const out = stdoutOutput(failing('EPIPE'));
    out.write('line\n');
    await out.flush();
    expect(out.closed).toBe(true);
    expect(out.error).toBeUndefined();
  });

  it('a stream that throws on write is a write error too', async () => {
    const stream = new Writable({ write: (_c, _e, cb) => cb() });
    stream.write = () => {
      throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    };
    const out = stdoutOutput(stream);
    out.write('line\n');
    expect(out.closed).toBe(true);
    expect(out.error?.message).toContain('EIO');
  });

  it('writes through when nothing fails', async () => {
    const chunks: string[] = [];
    const out = stdoutOutput(new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) }));
    out.write('a\n');
    out.write('');
    out.write('b\n');
    await out.flush();
    expect(chunks.join('')).toBe('a\nb\n');
    expect(out.closed).toBe(false);
    expect(out.error).toBeUndefined();
  });

  it('drained() waits while a slow reader has output buffered, and returns at once when it has caught up', async () => {
    const pending: (() => void)[] = [];
    const slow = new Writable({ highWaterMark: 8, write: (_c, _e, cb) => void pending.push(cb) });
    const out = stdoutOutput(slow);
    await out.drained(); // nothing written yet
    out.write('a line longer than the high-water mark\n');
    let drained = false;
    const wait = out.drained().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(drained).toBe(false);
    while (pending.length > 0) pending.shift()!();
    await wait;
    expect(drained).toBe(true);
    await out.drained();
  });
});
