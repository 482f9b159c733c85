import type { AdapterItem } from '../model/raw-call.js';
import { jsonSyntaxError, parseJsonDocument } from './json-document.js';

export interface AdapterOptions {
  /** CSV column overrides: role → column name (id, speaker, start, end, text). */
  csvColumns?: Record<string, string>;
  /** Generic JSON segments: role → field name (text, speaker, start, end, duration, id), plus `units`. */
  segmentFields?: Record<string, string>;
}

/** One input format: recognises its content and turns a decoded file into raw calls or positioned errors. */
export interface Adapter {
  name: string;
  description: string;
  extensions: string[];
  /** True when the first few KB look like this format (used when the file is not one whole JSON document). */
  sniff(head: string): boolean;
  /** JSON formats: true when a parsed document has this format's structure. */
  matchJson?(value: unknown): boolean;
  read(text: string, file: string, options: AdapterOptions): Iterable<AdapterItem>;
  /** JSON formats: read a document that detection has already parsed, so no file is parsed twice. */
  readJson?(value: unknown, file: string, options: AdapterOptions): Iterable<AdapterItem>;
}

/** A format that is one JSON document per file: `read` parses (with a positioned error) and hands over to `readJson`. */
export function jsonAdapter(spec: Omit<Adapter, 'read' | 'readJson' | 'matchJson'> & {
  matchJson(value: unknown): boolean;
  readJson(value: unknown, file: string, options: AdapterOptions): Iterable<AdapterItem>;
}): Adapter {
  return {
    ...spec,
    *read(text, file, options) {
      const parsed = parseJsonDocument(text);
      if (!parsed.ok) {
        yield jsonSyntaxError(file, parsed, spec.name);
        return;
      }
      yield* spec.readJson(parsed.value, file, options);
    },
  };
}
