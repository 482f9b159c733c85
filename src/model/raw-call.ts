import type { CallSource, Speaker } from './call.js';

/** What an adapter yields before normalisation: loosely typed, with its position in the source. */
export interface RawTurn {
  speaker: string | undefined;
  text: unknown;
  start?: unknown;
  end?: unknown;
  /** Milliseconds per unit of start/end: 1000 for seconds, 1 for milliseconds. */
  timeScale: number;
}

export interface RawCall {
  id: string | undefined;
  source: CallSource;
  meta: Record<string, unknown>;
  turns: RawTurn[];
}

/** A record that could not be read: where it is and what was expected. */
export interface InputError {
  file: string;
  record?: number;
  line?: number;
  message: string;
}

export type AdapterItem = { kind: 'call'; call: RawCall } | { kind: 'error'; error: InputError };

export type SpeakerMapping = (label: string) => Speaker;
