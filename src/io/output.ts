import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * stdout that ends quietly when the reader goes away (`cxlint … | head`): after EPIPE further writes
 * are dropped and `closed` tells the caller to stop early. Any other write error (a full disk) closes
 * it too, and is kept in `error` for the caller to report (exit 2).
 */
export interface Output {
  write(text: string): void;
  readonly closed: boolean;
  /** The write error other than EPIPE that closed the output, if any. */
  readonly error?: Error | undefined;
  /** Resolves when everything written so far has been flushed. */
  flush(): Promise<void>;
  /**
   * Resolves once the reader has caught up when the last write had to be buffered (a slow pipe),
   * at once otherwise: a writer that waits here holds a bounded amount of unwritten output.
   */
  drained(): Promise<void>;
  /** The output is complete: for a file, move it into place. */
  commit(): Promise<void>;
  /** The run failed before the output was complete: for a file, leave the old one as it was. */
  discard(): void;
}

export function stdoutOutput(stream: NodeJS.WritableStream = process.stdout): Output {
  let closed = false;
  let error: Error | undefined;
  let backlogged = false;
  const fail = (e: NodeJS.ErrnoException) => {
    closed = true;
    if (e.code !== 'EPIPE') error ??= e;
  };
  stream.on('error', fail);
  return {
    write(text) {
      if (closed || !text) return;
      try {
        if (!stream.write(text)) backlogged = true;
      } catch (e) {
        fail(e as NodeJS.ErrnoException);
      }
    },
    drained() {
      if (!backlogged || closed) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          backlogged = false;
          stream.off('drain', done);
          stream.off('error', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
        stream.on('close', done);
      });
    },
    get closed() {
      return closed;
    },
    get error() {
      return error;
    },
    flush,
    commit: flush,
    discard: () => undefined,
  };
  function flush(): Promise<void> {
    return new Promise((resolve) => {
      if (closed) resolve();
      else stream.write('', (e) => {
        if (e) fail(e);
        resolve();
      });
    });
  }
}

let tempCounter = 0;

/**
 * `-o FILE`, written atomically: into a temporary file beside it, synced, then renamed over it, so a
 * reader (a CI step, a dashboard) never sees half a report and a failed run leaves the old one.
 */
export function fileOutput(path: string): Output {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
  let fd: number | undefined = openSync(temp, 'w');
  const close = () => {
    if (fd === undefined) return;
    closeSync(fd);
    fd = undefined;
  };
  let error: Error | undefined;
  return {
    write(text) {
      if (fd === undefined || !text || error) return;
      try {
        writeSync(fd, text);
      } catch (e) {
        error = e as Error;
      }
    },
    get closed() {
      return error !== undefined;
    },
    get error() {
      return error;
    },
    flush: () => Promise.resolve(),
    drained: () => Promise.resolve(),
    async commit() {
      if (fd === undefined) return;
      fsyncSync(fd);
      close();
      renameSync(temp, path);
    },
    discard() {
      close();
      rmSync(temp, { force: true });
    },
  };
}
