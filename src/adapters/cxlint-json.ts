import type { AdapterItem, RawCall, RawTurn } from '../model/raw-call.js';
import type { Adapter } from './adapter.js';
import { isObject, jsonSyntaxError, locateJsonError, parseJsonDocument, type JsonParse } from './json-document.js';

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

/** Start offset of every line (lines end at CRLF, LF or a lone CR). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** Index of the line holding a character offset. */
function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * One call per line. A line that is only "{" or "[" opens a pretty-printed value (someone edited
 * the file by hand): it is read whole, as one record at the line where it starts; where it breaks
 * is one error, and reading goes on after that line.
 */
function* readLines(text: string, file: string): Iterable<AdapterItem> {
  const starts = lineStarts(text);
  let record = 0;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const line = text.slice(from, i + 1 < starts.length ? starts[i + 1] : text.length).replace(/\r?\n$|\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const lineNo = i + 1;
    if (trimmed === '{' || trimmed === '[') {
      const rest = text.slice(from);
      const found = locateJsonError(rest);
      if (!found || found.expected === 'the end of the document') {
        const valueText = found ? rest.slice(0, found.offset) : rest;
        i = lineAt(starts, from + valueText.trimEnd().length - 1);
        let value: unknown;
        try {
          value = JSON.parse(valueText);
        } catch {
          yield { kind: 'error', error: { file, record: record++, line: lineNo, message: 'invalid JSON in the value that starts here' } };
          continue;
        }
        for (const item of Array.isArray(value) ? value : [value]) yield rawCallFromObject(item, file, record++, lineNo);
        continue;
      }
      const breakLine = lineAt(starts, from + found.offset);
      const column = from + found.offset - starts[breakLine]! + 1;
      const problem = from + found.offset >= text.length ? `the file ends early (truncated?); expected ${found.expected}` : `expected ${found.expected}`;
      yield { kind: 'error', error: { file, record: record++, line: breakLine + 1, message: `invalid JSON at column ${column}: ${problem} (in the value that starts at line ${lineNo})` } };
      i = breakLine;
      continue;
    }
    // the parser's own message quotes the line, which may hold private data: say where and what was expected
    const parsed = parseJsonDocument(line);
    if (!parsed.ok) {
      yield { kind: 'error', error: { file, record: record++, line: lineNo, message: `invalid JSON at column ${parsed.column}: ${parsed.problem}` } };
      continue;
    }
    yield rawCallFromObject(parsed.value, file, record++, lineNo);
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

/**
 * A JSON array of calls that does not parse (an export cut short): the calls before the break are
 * still read, then one error says where it breaks and what was expected there.
 */
function* readBrokenArray(text: string, file: string, parsed: Extract<JsonParse, { ok: false }>): Iterable<AdapterItem> {
  const skipSpace = (p: number) => {
    while (p < text.length && ' \t\r\n'.includes(text[p]!)) p++;
    return p;
  };
  let p = skipSpace(text.indexOf('[') + 1);
  let record = 0;
  // lines counted as the scan goes: counting from the start for every element would be quadratic
  let line = 1;
  let counted = 0;
  const lineOf = (offset: number) => {
    for (; counted < offset; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
  while (p < text.length && text[p] !== ']') {
    const found = locateJsonError(text.slice(p));
    if (!found || found.expected !== 'the end of the document') break;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(p, p + found.offset));
    } catch {
      break;
    }
    yield rawCallFromObject(value, file, record++, lineOf(p));
    p = skipSpace(p + found.offset);
    if (text[p] !== ',') break;
    p = skipSpace(p + 1);
  }
  const error = jsonSyntaxError(file, parsed, 'cxlint-json');
  yield error.kind === 'error' ? { kind: 'error', error: { ...error.error, record } } : error;
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
        yield* readBrokenArray(text, file, parsed);
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
    }
    yield* readLines(text, file);
  },
};
