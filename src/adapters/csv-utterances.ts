import { Parser } from 'csv-parse';
import type { AdapterItem, InputError, RawCall } from '../model/raw-call.js';
import type { Adapter, AdapterOptions } from './adapter.js';

type Role = 'id' | 'speaker' | 'start' | 'end' | 'text';

/** Column names seen in exports, per role, in order of preference. */
const COLUMN_NAMES: Record<Role, string[]> = {
  id: ['call_id', 'callid', 'conversation_id', 'conversationid', 'contact_id', 'contactid', 'interaction_id', 'session_id', 'transcript_id', 'call', 'id'],
  speaker: ['speaker', 'role', 'participant', 'speaker_role', 'participant_role', 'party', 'channel', 'speaker_type', 'from'],
  start: ['start', 'start_time', 'start_sec', 'start_seconds', 'begin', 'start_ms', 'startms', 'begin_offset_millis', 'offset'],
  end: ['end', 'end_time', 'end_sec', 'end_seconds', 'stop', 'end_ms', 'endms', 'end_offset_millis'],
  text: ['text', 'utterance', 'transcript', 'content', 'message', 'sentence', 'body'],
};

const simplify = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

export function detectColumns(header: string[], overrides: Record<string, string> = {}): Partial<Record<Role, number>> {
  const names = header.map(simplify);
  const found: Partial<Record<Role, number>> = {};
  for (const role of Object.keys(COLUMN_NAMES) as Role[]) {
    const wanted = overrides[role] !== undefined ? [simplify(overrides[role])] : COLUMN_NAMES[role];
    for (const w of wanted) {
      const i = names.indexOf(w);
      if (i >= 0) {
        found[role] = i;
        break;
      }
    }
  }
  return found;
}

const isMillisColumn = (name: string) => /ms$|millis/.test(simplify(name));

/** A parsed CSV record and the line csv-parse counted for it; or a row that could not be read. */
export type CsvEvent = { kind: 'row'; cells: string[]; line: number } | { kind: 'error'; error: InputError };

/** The decoded text of a file as UTF-8 bytes from an offset on, in chunks of any size. */
export type CsvBytesFrom = (offset: number) => Iterable<Uint8Array>;

/** Reads byte i of a chunked source, for i that never decreases; undefined past the end. */
function byteReader(chunks: Iterable<Uint8Array>): (i: number) => number | undefined {
  const it = chunks[Symbol.iterator]();
  let chunk: Uint8Array = new Uint8Array(0);
  let base = 0;
  return (i) => {
    while (i >= base + chunk.length) {
      const next = it.next();
      if (next.done) return undefined;
      base += chunk.length;
      chunk = next.value;
    }
    return chunk[i - base];
  };
}

/** Line breaks (CRLF, LF or a lone CR) in bytes[from, to). */
function countBreaks(byteAt: (i: number) => number | undefined, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = byteAt(i);
    if (b === 10 || (b === 13 && byteAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Offset just after the line break that ends the line holding `at` (or the end). */
function nextLineStart(byteAt: (i: number) => number | undefined, at: number): number {
  for (let i = at; ; i++) {
    const b = byteAt(i);
    if (b === undefined || b === 10) return b === undefined ? i : i + 1;
    if (b === 13) return byteAt(i + 1) === 10 ? i + 2 : i + 1;
  }
}

type ParsedRecord = { record: string[]; info: { lines: number; bytes: number } };

/** Fails the read the way csv-parse/sync throws: the stream would only report it on a later tick. */
function drain(parser: Parser): ParsedRecord[] {
  if (parser.errored) throw parser.errored;
  const out: ParsedRecord[] = [];
  for (let r = parser.read() as ParsedRecord | null; r !== null; r = parser.read() as ParsedRecord | null) out.push(r);
  return out;
}

/**
 * The records of a CSV text, each with its line, and a positioned error for each row that cannot be
 * read; fed to csv-parse a chunk at a time, so the text need not be in memory. A quote that is
 * never closed would swallow the rest of the file: that row is reported at the line where it starts
 * and reading goes on at the next line. Quotes inside an unquoted field (`say "hi" now`) are text.
 */
export function* csvRecords(bytesFrom: CsvBytesFrom, file: string): Iterable<CsvEvent> {
  let start = 0;
  let lineOffset = 0;
  for (;;) {
    let unclosed = false;
    const skipped: CsvEvent[] = [];
    const parser = new Parser({
      bom: start === 0,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: { message: string; code?: string; lines?: number } | undefined) => {
        if (err?.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
        else if (err) skipped.push({ kind: 'error', error: { file, ...(err.lines ? { line: lineOffset + err.lines } : {}), message: `CSV: ${err.message}` } });
      },
    });
    let lastEnd: number | undefined;
    const emit = function* (records: ParsedRecord[]): Iterable<CsvEvent> {
      yield* skipped.splice(0);
      for (const { record, info } of records) {
        lastEnd = start + info.bytes;
        yield { kind: 'row', cells: record, line: lineOffset + info.lines };
      }
    };
    for (const chunk of bytesFrom(start)) {
      parser.write(chunk);
      yield* emit(drain(parser));
    }
    parser.end();
    yield* emit(drain(parser));
    if (!unclosed) return;
    const open = lastEnd ?? start;
    const byteAt = byteReader(bytesFrom(0));
    const openLine = countBreaks(byteAt, 0, open) + 1;
    yield { kind: 'error', error: { file, line: openLine, message: 'CSV: a quote opened on this line is never closed, so the row is skipped (inside a quoted field write a quote twice: "say ""hi"""); reading goes on at the next line' } };
    if (lastEnd === undefined && start === 0) return;
    start = nextLineStart(byteAt, open);
    lineOffset = openLine;
  }
}

/**
 * A row with more cells than the header: empty cells at the end are dropped; otherwise, when the
 * text is the last column, the extra cells are the rest of a text with unquoted commas ("Hi, how
 * can I help") and are joined back; anything else cannot be told apart (undefined).
 */
function fitColumns(cells: string[], width: number, textColumn: number): string[] | undefined {
  let end = cells.length;
  while (end > width && cells[end - 1] === '') end--;
  if (end === width) return end === cells.length ? cells : cells.slice(0, width);
  if (textColumn !== width - 1) return undefined;
  return [...cells.slice(0, width - 1), cells.slice(width - 1, end).join(',')];
}

/** What the header row says: which column holds which role, and the unit of the times. */
export interface CsvLayout {
  header: string[];
  cols: Partial<Record<Role, number>> & { text: number };
  used: Set<number>;
  timeScale: number;
}

/** The layout of a file from its header row, or the error for a file without a text column. */
export function csvLayout(header: string[], file: string, options: AdapterOptions): CsvLayout | { kind: 'error'; error: InputError } {
  const cols = detectColumns(header, options.csvColumns);
  if (cols.text === undefined) {
    return { kind: 'error', error: { file, line: 1, message: `CSV: no text column (looked for ${COLUMN_NAMES.text.join(', ')}; set one with --csv-columns text=NAME)` } };
  }
  const timeScale = cols.start !== undefined && isMillisColumn(header[cols.start]!) ? 1 : 1000;
  return { header, cols: { ...cols, text: cols.text }, used: new Set(Object.values(cols)), timeScale };
}

/** A body row → its call id and its cells fitted to the header; or the error saying why it cannot be read. */
export function csvRow(layout: CsvLayout, cells: string[], line: number, file: string): { id: string; record: string[] } | { kind: 'error'; error: InputError } {
  const width = layout.header.length;
  if (cells.length < width) return { kind: 'error', error: { file, line, message: `CSV: expected ${width} columns, found ${cells.length}` } };
  const record = fitColumns(cells, width, layout.cols.text);
  if (!record) return { kind: 'error', error: { file, line, message: `CSV: expected ${width} columns, found ${cells.length} (a comma in text that is not quoted? put the text in double quotes)` } };
  return { id: layout.cols.id !== undefined ? (record[layout.cols.id] ?? '') : 'call', record };
}

/** The call a row with a new id starts: `record` is its place among the file's calls, `line` its first row's. */
export function newCsvCall(id: string, file: string, record: number, line: number): RawCall {
  return { id: id || undefined, source: { file, record, line }, meta: {}, turns: [] };
}

/** A row's turn onto its call; the other columns become meta, the first non-empty value of each kept. */
export function addCsvRow(call: RawCall, layout: CsvLayout, record: string[]): void {
  const { header, cols, used } = layout;
  header.forEach((name, i) => {
    const v = record[i];
    if (!used.has(i) && v !== undefined && v !== '' && !(name in call.meta)) call.meta[name] = v;
  });
  const cell = (i: number | undefined) => (i === undefined ? undefined : record[i]);
  call.turns.push({ speaker: cell(cols.speaker), text: cell(cols.text), start: cell(cols.start), end: cell(cols.end), timeScale: layout.timeScale });
}

/**
 * One utterance per row; rows are grouped into calls by the id column, in order of first appearance.
 * Errors come first: the rows that cannot be parsed, then those that do not fit the header.
 */
function* readCsv(text: string, file: string, options: AdapterOptions): Iterable<AdapterItem> {
  const bytes = Buffer.from(text);
  const rows: { cells: string[]; line: number }[] = [];
  const errors: AdapterItem[] = [];
  try {
    for (const event of csvRecords((offset) => [bytes.subarray(offset)], file)) {
      if (event.kind === 'row') rows.push(event);
      else errors.push(event);
    }
  } catch (e) {
    yield { kind: 'error', error: { file, message: `CSV: ${(e as Error).message}` } };
    return;
  }
  yield* errors;
  const [headerRow, ...body] = rows;
  if (!headerRow) return;
  const layout = csvLayout(headerRow.cells, file, options);
  if ('kind' in layout) {
    yield layout;
    return;
  }
  const calls = new Map<string, RawCall>();
  for (const { cells, line } of body) {
    const row = csvRow(layout, cells, line, file);
    if ('kind' in row) {
      yield row;
      continue;
    }
    let call = calls.get(row.id);
    if (!call) {
      call = newCsvCall(row.id, file, calls.size, line);
      calls.set(row.id, call);
    }
    addCsvRow(call, layout, row.record);
  }
  for (const call of calls.values()) yield { kind: 'call', call };
}

export const csvAdapter: Adapter = {
  name: 'csv',
  description: 'CSV, one utterance per row (call_id, speaker, start, end, text; other columns become meta)',
  extensions: ['.csv', '.tsv'],
  sniff: (head) => {
    const first = head.split(/\r?\n/, 1)[0] ?? '';
    return first.includes(',') && detectColumns(first.split(',').map((c) => c.replace(/"/g, ''))).text !== undefined;
  },
  read: readCsv,
};
