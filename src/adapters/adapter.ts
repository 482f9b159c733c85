import type { AdapterItem } from '../model/raw-call.js';

export interface AdapterOptions {
  /** CSV column overrides: role → column name (id, speaker, start, end, text). */
  csvColumns?: Record<string, string>;
}

/** One input format: recognises its content and turns a decoded file into raw calls or positioned errors. */
export interface Adapter {
  name: string;
  description: string;
  extensions: string[];
  /** True when the content looks like this format (checked on the first few KB). */
  sniff(head: string): boolean;
  read(text: string, file: string, options: AdapterOptions): Iterable<AdapterItem>;
}
