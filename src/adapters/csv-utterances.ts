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

/** One utterance per row; rows are grouped into calls by the id column, in order of first appearance. */
function* readCsv(text: string, file: string, options: AdapterOptions): Iterable<AdapterItem> {
  const skipped: AdapterItem[] = [];
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: { message: string; lines?: number } | undefined) => {
        if (err) skipped.push({ kind: 'error', error: { file, ...(err.lines ? { line: err.lines } : {}), message: `CSV: ${err.message}` } });
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    yield { kind: 'error', error: { file, message: `CSV: ${(e as Error).message}` } };
    return;
  }
  yield* skipped;
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
  for (const { record, info } of body) {
    const cell = (i: number | undefined) => (i === undefined ? undefined : record[i]);
    if (record.length < header.length) {
      yield { kind: 'error', error: { file, line: info.lines, message: `CSV: expected ${header.length} columns, found ${record.length}` } };
      continue;
    }
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
