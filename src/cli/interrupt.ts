import { constants } from 'node:os';

let received: NodeJS.Signals | undefined;
let watching = false;

/**
 * Ctrl-C (SIGINT) and SIGTERM ask a run to stop at the next call, so that every line already written
 * is whole and the output can be flushed. Each handler runs once: a second Ctrl-C finds none and
 * ends the process at once, as usual.
 */
export function watchInterrupts(): { readonly signal: NodeJS.Signals | undefined } {
  if (!watching) {
    watching = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (received ??= signal));
  }
  return {
    get signal() {
      return received;
    },
  };
}

/** The shell's convention: 128 + the signal number (130 for Ctrl-C, 143 for SIGTERM). */
export const exitCodeForSignal = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 2);
