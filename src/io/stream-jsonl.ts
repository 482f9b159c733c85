import { rawCallFromObject } from '../adapters/cxlint-json.js';
import { parseJsonDocument } from '../adapters/json-document.js';
import type { AdapterItem } from '../model/raw-call.js';
import { chunkLines, jsonlChunks, type JsonlLine } from './jsonl-chunks.js';
import { invalidUtf8Note } from './read-source.js';

export type { JsonlLine } from './jsonl-chunks.js';

/**
 * The non-blank lines of a JSONL file, read a chunk at a time, so a file of any size costs one chunk
 * and one line of memory: the whole-file readers hold the text, its lines and their parses at once
 * (a 140 MB export peaked at 700 MB). Bytes are UTF-8 (a BOM is dropped); undecodable bytes become
 * U+FFFD and are reported once through onNote.
 */
export function* jsonlLines(path: string, onNote?: (line: number, message: string) => void): Iterable<JsonlLine> {
  let noted = false;
  for (const chunk of jsonlChunks(path)) {
    for (const line of chunkLines(chunk)) {
      if (!noted && line.text.includes('\ufffd')) {
        noted = true;
        onNote?.(line.line, invalidUtf8Note(line.line));
      }
      yield line;
    }
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
