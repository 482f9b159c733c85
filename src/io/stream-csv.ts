import { closeSync, openSync, readSync } from 'node:fs';
import {
  addCsvRow,
  csvAdapter,
  csvLayout,
  csvRecords,
  csvRow,
  newCsvCall,
  type CsvBytesFrom,
  type CsvLayout,
} from '../adapters/csv-utterances.js';
import { detectAdapter, HEAD_CHARS } from '../adapters/index.js';
import type { AdapterOptions } from '../adapters/adapter.js';
import type { AdapterItem, InputError, RawCall } from '../model/raw-call.js';
import { decodeSource, invalidUtf8Note, looksBinary } from './read-source.js';

const CHUNK_BYTES = 64 << 10;

/** How a CSV file is decoded a chunk at a time: what the whole-file reader would decide for it. */
export interface CsvStreamPlan {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** Bytes of byte-order mark before the text. */
  skip: number;
  /** What readSourceBytes would say about the encoding. */
  note?: { line?: number; message: string };
}

/** The file's bytes from `from` on; the buffer is reused, so each chunk is gone at the next. */
function* fileChunks(path: string, from: number, chunkBytes: number): Iterable<Uint8Array> {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(chunkBytes);
  try {
    for (let position = from; ; ) {
      const n = readSync(fd, buffer, 0, chunkBytes, position);
      if (n === 0) return;
      position += n;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function readHead(path: string, bytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** The decoded text as fresh UTF-8 buffers, as Buffer.from(readSourceBytes(path).text) would hold it whole. */
function* decodedChunks(path: string, plan: CsvStreamPlan, chunkBytes: number): Iterable<Uint8Array> {
  const decoder = new TextDecoder(plan.encoding);
  for (const chunk of fileChunks(path, plan.skip, chunkBytes)) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield Buffer.from(text);
  }
  const rest = decoder.decode();
  if (rest !== '') yield Buffer.from(rest);
}

function decodedFrom(path: string, plan: CsvStreamPlan, chunkBytes: number): CsvBytesFrom {
  return function* (offset) {
    let at = 0;
    for (const chunk of decodedChunks(path, plan, chunkBytes)) {
      if (at + chunk.length > offset) yield at >= offset ? chunk : chunk.subarray(offset - at);
      at += chunk.length;
    }
  };
}

/**
 * UTF-8 validity over the whole file, as decodeSource judges it: valid; damaged (a note with the
 * line of the first U+FFFD); or no valid multi-byte sequence at all, which is Windows-1252.
 */
function utf8Plan(path: string, skip: number, chunkBytes: number): CsvStreamPlan | 'windows-1252' {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    for (const chunk of fileChunks(path, skip, chunkBytes)) strict.decode(chunk, { stream: true });
    strict.decode();
    return { encoding: 'utf-8', skip };
  } catch {
    // not valid UTF-8: Windows-1252, or UTF-8 with damaged bytes
  }
  const lossy = new TextDecoder('utf-8');
  let line = 1;
  let invalidLine: number | undefined;
  let multiByte = false;
  const scan = (text: string) => {
    if (invalidLine === undefined) {
      const bad = text.indexOf('\ufffd');
      const upTo = bad < 0 ? text.length : bad;
      for (let i = text.indexOf('\n'); i >= 0 && i < upTo; i = text.indexOf('\n', i + 1)) line++;
      if (bad >= 0) invalidLine = line;
    }
    // eslint-disable-next-line no-control-regex
    multiByte ||= /[^\x00-\x7f\ufffd]/.test(text);
  };
  for (const chunk of fileChunks(path, skip, chunkBytes)) scan(lossy.decode(chunk, { stream: true }));
  scan(lossy.decode());
  if (!multiByte) return 'windows-1252';
  return { encoding: 'utf-8', skip, note: { line: invalidLine ?? 1, message: invalidUtf8Note(invalidLine ?? 1) } };
}

/**
 * Whether a CSV file can be streamed, and how it is decoded; undefined sends it to the whole-file
 * reader, whose answer for it the stream could not give at the same cost or would get wrong:
 * Windows-1252 (decoded only whole), binary or blank content (reported by the whole-file checks),
 * and, unless the format is forced, content that detection gives to another format.
 */
export function planCsvStream(path: string, forced: boolean, chunkBytes = CHUNK_BYTES): CsvStreamPlan | undefined {
  const head = readHead(path, 64 << 10);
  const probe = decodeSource(head.subarray(0, 1024));
  let plan: CsvStreamPlan | 'windows-1252';
  if (probe.encoding === 'utf-16le' || probe.encoding === 'utf-16be') {
    const bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    plan = { encoding: probe.encoding, skip: bom ? 2 : 0, ...(probe.note ? { note: { message: probe.note } } : {}) };
  } else {
    plan = utf8Plan(path, head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0, chunkBytes);
  }
  if (plan === 'windows-1252') return undefined;
  const text = new TextDecoder(plan.encoding).decode(head.subarray(plan.skip), { stream: true });
  if (looksBinary(text) || text.trim() === '') return undefined;
  if (!forced && (/^\s*[[{]/.test(text) || detectAdapter(path, text.slice(0, HEAD_CHARS)) !== csvAdapter)) return undefined;
  return plan;
}

type FittedRow = { id: string; record: string[]; line: number } | { kind: 'error'; error: InputError };

/** The body rows of the file fitted to its header, or the error for each that does not fit; parse errors left out. */
function* fittedRows(bytesFrom: CsvBytesFrom, file: string, layout: CsvLayout): Iterable<FittedRow> {
  let header = true;
  for (const event of csvRecords(bytesFrom, file)) {
    if (event.kind === 'error') continue;
    if (header) {
      header = false;
      continue;
    }
    const row = csvRow(layout, event.cells, event.line, file);
    yield 'kind' in row ? row : { ...row, line: event.line };
  }
}

/**
 * A CSV file of utterances read a chunk at a time, with the same items in the same order as the
 * whole-file adapter (parse errors, rows that do not fit the header, then calls in order of first
 * appearance). The first pass counts the rows of each call id, so the last pass can hand a call on
 * as soon as its last row is read: memory holds the counts and the calls still open, which for rows
 * grouped by call is one call. Rows of a call spread through the file keep that call (and any that
 * began after it) open until its last row. A third pass, between the two, reports the rows that do
 * not fit, only when the first found some.
 */
export function* streamCsv(path: string, file: string, plan: CsvStreamPlan, options: AdapterOptions, chunkBytes = CHUNK_BYTES): Iterable<AdapterItem> {
  const bytesFrom = decodedFrom(path, plan, chunkBytes);
  const parseErrors: AdapterItem[] = [];
  const rowsLeft = new Map<string, number>();
  let layout: ReturnType<typeof csvLayout> | undefined;
  let misfits = 0;
  try {
    for (const event of csvRecords(bytesFrom, file)) {
      if (event.kind === 'error') parseErrors.push(event);
      else if (!layout) layout = csvLayout(event.cells, file, options);
      else if (!('kind' in layout)) {
        const row = csvRow(layout, event.cells, event.line, file);
        if ('kind' in row) misfits++;
        else rowsLeft.set(row.id, (rowsLeft.get(row.id) ?? 0) + 1);
      }
    }
  } catch (e) {
    yield { kind: 'error', error: { file, message: `CSV: ${(e as Error).message}` } };
    return;
  }
  yield* parseErrors;
  if (!layout) return;
  if ('kind' in layout) {
    yield layout;
    return;
  }
  if (misfits > 0) for (const row of fittedRows(bytesFrom, file, layout)) if ('kind' in row) yield row;

  const open = new Map<string, RawCall>();
  const finished = new Map<number, RawCall>();
  let started = 0;
  let next = 0;
  for (const row of fittedRows(bytesFrom, file, layout)) {
    if ('kind' in row) continue;
    let call = open.get(row.id);
    if (!call) {
      call = newCsvCall(row.id, file, started++, row.line);
      open.set(row.id, call);
    }
    addCsvRow(call, layout, row.record);
    const left = (rowsLeft.get(row.id) ?? 0) - 1;
    rowsLeft.set(row.id, left);
    if (left !== 0) continue;
    open.delete(row.id);
    finished.set(call.source.record, call);
    for (let done = finished.get(next); done; done = finished.get(next)) {
      finished.delete(next++);
      yield { kind: 'call', call: done };
    }
  }
  // only when the file changed between passes: what is left still goes out, in order
  const left = [...finished.values(), ...open.values()].sort((a, b) => a.source.record - b.source.record);
  for (const call of left) yield { kind: 'call', call };
}
