import { closeSync, openSync, readSync } from 'node:fs';
import { rawCallFromObject } from '../adapters/cxlint-json.js';
import { parseJsonDocument } from '../adapters/json-document.js';
import type { AdapterItem } from '../model/raw-call.js';

const CHUNK_BYTES = 1 << 20;

/**
 * JSONL read a chunk at a time, so a file of any size costs one chunk and one line of memory: the
 * whole-file readers hold the text, its lines and their parses at once (a 140 MB export peaked at
 * 700 MB). Each line is one call; a line that is not a JSON value is a positioned error. Bytes are
 * UTF-8 (a BOM is dropped); undecodable bytes become U+FFFD and are reported once through onNote.
 */
export function* streamJsonl(path: string, name: string, onNote?: (line: number, message: string) => void): Iterable<AdapterItem> {
  const fd = openSync(path, 'r');
  const decoder = new TextDecoder('utf-8');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let pending = '';
  let lineNo = 0;
  let record = 0;
  let noted = false;
  const lineItem = (line: string): AdapterItem | undefined => {
    lineNo++;
    const trimmed = line.trim();
    if (trimmed === '') return undefined;
    if (!noted && trimmed.includes('\ufffd')) {
      noted = true;
      onNote?.(lineNo, `invalid UTF-8 from line ${lineNo}: bytes replaced by U+FFFD`);
    }
    if (trimmed.includes('\u0000')) return { kind: 'error', error: { file: name, record: record++, line: lineNo, message: 'binary content (NUL bytes); expected a JSON call' } };
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      const parsed = parseJsonDocument(trimmed);
      // one line is one document here: "the file ends early" means the line does
      const where = parsed.ok ? '' : ` at column ${parsed.column}: ${parsed.problem.replace('the file ends early', 'the line ends early')}`;
      return { kind: 'error', error: { file: name, record: record++, line: lineNo, message: `invalid JSON${where}` } };
    }
    return rawCallFromObject(value, name, record++, lineNo);
  };
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      const text = pending + decoder.decode(buffer.subarray(0, n), { stream: n > 0 });
      const lines = text.split('\n');
      pending = n > 0 ? lines.pop()! : '';
      for (const line of lines) {
        const item = lineItem(line.endsWith('\r') ? line.slice(0, -1) : line);
        if (item) yield item;
      }
      if (n === 0) {
        if (pending !== '') {
          const item = lineItem(pending);
          if (item) yield item;
        }
        return;
      }
    }
  } finally {
    closeSync(fd);
  }
}
