/**
 * stdout that ends quietly when the reader goes away (`cxlint … | head`): after EPIPE further writes
 * are dropped and `closed` tells the caller to stop early.
 */
export interface Output {
  write(text: string): void;
  readonly closed: boolean;
  /** Resolves when everything written so far has been flushed. */
  flush(): Promise<void>;
}

export function stdoutOutput(stream: NodeJS.WriteStream = process.stdout): Output {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
    else throw e;
  });
  return {
    write(text) {
      if (!closed && text) stream.write(text);
    },
    get closed() {
      return closed;
    },
    flush: () =>
      new Promise((resolve) => {
        if (closed) resolve();
        else stream.write('', () => resolve());
      }),
  };
}
