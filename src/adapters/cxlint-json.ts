import type { AdapterItem, RawCall, RawTurn } from '../model/raw-call.js';
import type { Adapter } from './adapter.js';
import { isObject, jsonSyntaxError, parseJsonDocument } from './json-document.js';

const RESERVED = new Set(['id', 'meta', 'turns', 'expected']);

function rawTurn(t: unknown): RawTurn {
  if (!isObject(t)) return { speaker: undefined, text: undefined, timeScale: 1 };
  const speaker = t.speaker ?? t.role ?? t.participant;
  const text = t.text ?? t.utterance ?? t.transcript;
  const inMs = t.startMs !== undefined || t.endMs !== undefined;
  return {
    speaker: typeof speaker === 'string' ? speaker : undefined,
    text,
    start: inMs ? t.startMs : t.start,
    end: inMs ? t.endMs : t.end,
    timeScale: inMs ? 1 : 1000,
  };
}

/** One cxlint call object → RawCall, or a message saying what is missing. */
export function rawCallFromObject(value: unknown, file: string, record: number, line?: number): AdapterItem {
  const where = { file, record, ...(line ? { line } : {}) };
  if (!isObject(value)) return { kind: 'error', error: { ...where, message: 'expected a call object {"id", "turns": [...]}' } };
  if (!Array.isArray(value.turns)) {
    return { kind: 'error', error: { ...where, message: 'expected "turns": an array of {"speaker", "text"}' } };
  }
  const meta: Record<string, unknown> = isObject(value.meta) ? { ...value.meta } : {};
  for (const [k, v] of Object.entries(value)) if (!RESERVED.has(k) && !(k in meta)) meta[k] = v;
  const id = typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : undefined;
  const call: RawCall = { id, source: { file, record, ...(line ? { line } : {}) }, meta, turns: value.turns.map(rawTurn) };
  return { kind: 'call', call };
}

function* readLines(text: string, file: string): Iterable<AdapterItem> {
  let record = 0;
  let lineNo = 0;
  for (const line of text.split(/\r\n|\n|\r/)) {
    lineNo++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield { kind: 'error', error: { file, record, line: lineNo, message: `invalid JSON: ${(e as Error).message}` } };
      record++;
      continue;
    }
    yield rawCallFromObject(value, file, record, lineNo);
    record++;
  }
}

const isCallObject = (v: unknown) => isObject(v) && Array.isArray(v.turns);

function* readDocument(value: unknown, file: string): Iterable<AdapterItem> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield rawCallFromObject(item, file, i);
    return;
  }
  yield rawCallFromObject(value, file, 0, 1);
}

/** cxlint's own form: JSONL (one call per line), a JSON array of calls, or one call object. */
export const cxlintJsonAdapter: Adapter = {
  name: 'cxlint-json',
  description: 'cxlint JSON/JSONL: {"id", "meta", "turns": [{"speaker", "text", "start", "end"}]} per line',
  extensions: ['.jsonl', '.ndjson', '.json'],
  sniff: (head) => /^\s*[[{]/.test(head) && /"turns"\s*:/.test(head),
  matchJson: (v) => isCallObject(v) || (Array.isArray(v) && v.length > 0 && isCallObject(v[0])),
  readJson: (value, file) => readDocument(value, file),
  *read(text, file) {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('[')) {
      const parsed = parseJsonDocument(text);
      if (!parsed.ok) {
        yield jsonSyntaxError(file, parsed, 'cxlint-json');
        return;
      }
      yield* readDocument(Array.isArray(parsed.value) ? parsed.value : [], file);
      return;
    }
    const firstLineEnd = trimmed.search(/\r|\n/);
    const firstLine = firstLineEnd < 0 ? trimmed : trimmed.slice(0, firstLineEnd);
    let firstLineParses = true;
    try {
      JSON.parse(firstLine);
    } catch {
      firstLineParses = false;
    }
    if (!firstLineParses) {
      const parsed = parseJsonDocument(text);
      if (parsed.ok) {
        yield rawCallFromObject(parsed.value, file, 0, 1);
        return;
      }
      // a pretty-printed document cut short: one error where it breaks, not one per line
      if (firstLine.trim() === '{') {
        yield jsonSyntaxError(file, parsed, 'cxlint-json');
        return;
      }
    }
    yield* readLines(text, file);
  },
};
