import { parse } from 'csv-parse/sync';
import type { AdapterItem, RawCall } from '../model/raw-call.js';
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

type Row = { record: string[]; info: { lines: number; bytes: number } };

/** Line breaks (CRLF, LF or a lone CR) in bytes[from, to). */
function countBreaks(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) n++;
  return n;
}

/** Offset just after the line break that ends the line holding `at` (or the end). */
function nextLineStart(bytes: Uint8Array, at: number): number {
  for (let i = at; i < bytes.length; i++) {
    if (bytes[i] === 10) return i + 1;
    if (bytes[i] === 13) return bytes[i + 1] === 10 ? i + 2 : i + 1;
  }
  return bytes.length;
}

/**
 * The rows of a CSV file, with a positioned error for each row that cannot be read. A quote that is
 * never closed would swallow the rest of the file: that row is reported at the line where it starts
 * and reading goes on at the next line. Quotes inside an unquoted field (`say "hi" now`) are text.
 */
function parseRows(text: string, file: string): { rows: Row[]; errors: AdapterItem[] } {
  const bytes = Buffer.from(text);
  const rows: Row[] = [];
  const errors: AdapterItem[] = [];
  let start = 0;
  let lineOffset = 0;
  while (start < bytes.length) {
    let unclosed = false;
    const part = parse(bytes.subarray(start), {
      bom: start === 0,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: { message: string; code?: string; lines?: number } | undefined) => {
        if (err?.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
        else if (err) errors.push({ kind: 'error', error: { file, ...(err.lines ? { line: lineOffset + err.lines } : {}), message: `CSV: ${err.message}` } });
      },
    }) as unknown as Row[];
    for (const row of part) rows.push({ record: row.record, info: { lines: lineOffset + row.info.lines, bytes: start + row.info.bytes } });
    if (!unclosed) break;
    const open = part.length > 0 ? start + part[part.length - 1]!.info.bytes : start;
    const openLine = countBreaks(bytes, 0, open) + 1;
    errors.push({ kind: 'error', error: { file, line: openLine, message: 'CSV: a quote opened on this line is never closed, so the row is skipped (inside a quoted field write a quote twice: "say ""hi"""); reading goes on at the next line' } });
    if (part.length === 0 && start === 0) break;
    start = nextLineStart(bytes, open);
    lineOffset = openLine;
  }
  return { rows, errors };
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

/** One utterance per row; rows are grouped into calls by the id column, in order of first appearance. */
function* readCsv(text: string, file: string, options: AdapterOptions): Iterable<AdapterItem> {
  let rows: Row[];
  try {
    const parsed = parseRows(text, file);
    rows = parsed.rows;
    yield* parsed.errors;
  } catch (e) {
    yield { kind: 'error', error: { file, message: `CSV: ${(e as Error).message}` } };
    return;
  }
  const [headerRow, ...body] = rows;
  if (!headerRow) return;
  const header = headerRow.record;
  const cols = detectColumns(header, options.csvColumns);
  if (cols.text === undefined) {
    yield { kind: 'error', error: { file, line: 1, message: `CSV: no text column (looked for ${COLUMN_NAMES.text.join(', ')}; set one with --csv-columns text=NAME)` } };
    return;
  }
  const used = new Set(Object.values(cols));
  const scale = (role: 'start' | 'end') => (cols[role] !== undefined && isMillisColumn(header[cols[role]]!) ? 1 : 1000);
  const calls = new Map<string, RawCall>();
  for (const { record: cells, info } of body) {
    if (cells.length < header.length) {
      yield { kind: 'error', error: { file, line: info.lines, message: `CSV: expected ${header.length} columns, found ${cells.length}` } };
      continue;
    }
    const record = fitColumns(cells, header.length, cols.text);
    if (!record) {
      yield { kind: 'error', error: { file, line: info.lines, message: `CSV: expected ${header.length} columns, found ${cells.length} (a comma in text that is not quoted? put the text in double quotes)` } };
      continue;
    }
    const cell = (i: number | undefined) => (i === undefined ? undefined : record[i]);
    const id = cols.id !== undefined ? (cell(cols.id) ?? '') : 'call';
    let call = calls.get(id);
    if (!call) {
      call = { id: id || undefined, source: { file, record: calls.size, line: info.lines }, meta: {}, turns: [] };
      calls.set(id, call);
    }
    header.forEach((name, i) => {
      const v = record[i];
      if (!used.has(i) && v !== undefined && v !== '' && !(name in call.meta)) call.meta[name] = v;
    });
    call.turns.push({ speaker: cell(cols.speaker), text: cell(cols.text), start: cell(cols.start), end: cell(cols.end), timeScale: scale('start') });
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
