import { closeSync, openSync, readSync } from 'node:fs';
import { rawCallFromObject } from '../adapters/cxlint-json.js';
import { parseJsonDocument } from '../adapters/json-document.js';
import type { AdapterItem } from '../model/raw-call.js';
import { invalidUtf8Note } from './read-source.js';

const CHUNK_BYTES = 1 << 20;

/** One non-blank line of a JSONL file: its text, 1-based line number and record number. */
export interface JsonlLine {
  text: string;
  line: number;
  record: number;
}

/**
 * The non-blank lines of a JSONL file, read a chunk at a time, so a file of any size costs one chunk
 * and one line of memory: the whole-file readers hold the text, its lines and their parses at once
 * (a 140 MB export peaked at 700 MB). Bytes are UTF-8 (a BOM is dropped); undecodable bytes become
 * U+FFFD and are reported once through onNote.
 */
export function* jsonlLines(path: string, onNote?: (line: number, message: string) => void): Iterable<JsonlLine> {
  const fd = openSync(path, 'r');
  const decoder = new TextDecoder('utf-8');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let pending = '';
  let lineNo = 0;
  let record = 0;
  let noted = false;
  const lineOf = (raw: string): JsonlLine | undefined => {
    lineNo++;
    const text = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).trim();
    if (text === '') return undefined;
    if (!noted && text.includes('\ufffd')) {
      noted = true;
      onNote?.(lineNo, invalidUtf8Note(lineNo));
    }
    return { text, line: lineNo, record: record++ };
  };
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      const text = pending + decoder.decode(buffer.subarray(0, n), { stream: n > 0 });
      const lines = text.split('\n');
      pending = n > 0 ? lines.pop()! : '';
      for (const raw of lines) {
        const line = lineOf(raw);
        if (line) yield line;
      }
      if (n === 0) {
        const line = pending !== '' ? lineOf(pending) : undefined;
        if (line) yield line;
        return;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** One JSONL line is one call; a line that is not a JSON value is a positioned error. Pure. */
export function parseJsonlLine({ text, line, record }: JsonlLine, name: string): AdapterItem {
  if (text.includes('\u0000')) return { kind: 'error', error: { file: name, record, line, message: 'binary content (NUL bytes); expected a JSON call' } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const parsed = parseJsonDocument(text);
    // one line is one document here: "the file ends early" means the line does
    const where = parsed.ok ? '' : ` at column ${parsed.column}: ${parsed.problem.replace('the file ends early', 'the line ends early')}`;
    return { kind: 'error', error: { file: name, record, line, message: `invalid JSON${where}` } };
  }
  return rawCallFromObject(value, name, record, line);
}

/** Every line of a JSONL file, parsed: a call or a positioned error each. */
export function* streamJsonl(path: string, name: string, onNote?: (line: number, message: string) => void): Iterable<AdapterItem> {
  for (const line of jsonlLines(path, onNote)) yield parseJsonlLine(line, name);
}
