import type { AdapterItem, InputError } from '../model/raw-call.js';

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type JsonParse = { ok: true; value: unknown } | { ok: false; line: number; column: number; problem: string };

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/**
 * Where a text stops being JSON, and what was expected there. Runs only after JSON.parse has failed:
 * V8's messages do not always carry a position ("Unexpected token …").
 */
export function locateJsonError(text: string): { offset: number; expected: string } | undefined {
  let i = 0;
  const skip = () => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const fail = (expected: string): never => {
    throw new JsonSyntax(i, expected);
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail('a closing quote');
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) fail('no control character inside a string');
      if (c === 92) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('four hex digits after \\u');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail('an escape such as \\n or \\"');
      } else i++;
    }
    i++;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('less deeply nested data');
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        skip();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail("',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const re of [NUMBER, LITERAL]) {
      re.lastIndex = i;
      if (re.exec(text)) {
        i = re.lastIndex;
        return;
      }
    }
    fail('a value (object, array, string, number, true, false or null)');
  };
  try {
    value(0);
    skip();
    if (i < text.length) fail('the end of the document');
    return undefined;
  } catch (e) {
    if (e instanceof JsonSyntax) return { offset: e.offset, expected: e.expected };
    return { offset: 0, expected: 'valid JSON' };
  }
}

/** JSON.parse with a line and column, and what was expected there, when the text is not JSON. */
export function parseJsonDocument(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const found = locateJsonError(text) ?? { offset: text.length, expected: 'valid JSON' };
    const { line, column } = lineColumn(text, found.offset);
    // a string cut short by the end of the file stops at its trailing newline: that is truncation too
    const atEnd = found.offset >= text.length || text.slice(found.offset).trim() === '';
    const problem = atEnd ? `the file ends early (truncated?); expected ${found.expected === 'no control character inside a string' ? 'a closing quote' : found.expected}` : `expected ${found.expected}`;
    return { ok: false, line, column, problem };
  }
}

/** The positioned error for a file that is not valid JSON, naming the format it was read as. */
export function jsonSyntaxError(file: string, parsed: Extract<JsonParse, { ok: false }>, format: string): AdapterItem {
  return { kind: 'error', error: { file, line: parsed.line, message: `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.problem} (read as ${format})` } };
}

/** A structural problem inside a parsed document: the JSON path says where. */
export function structureError(file: string, record: number, path: string, expected: string): AdapterItem {
  const error: InputError = { file, record, message: `${path}: expected ${expected}` };
  return { kind: 'error', error };
}

/** "dir/call-17.json" → "call-17"; the id of a one-call file whose format carries none. */
export const fileStem = (file: string): string => file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'stdin';

/** A finite number from a number or a numeric string. */
export function toNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export const toText = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Seconds (number or numeric string) → whole milliseconds. */
export const secondsToMs = (v: unknown): number | undefined => {
  const n = toNumber(v);
  return n === undefined ? undefined : Math.round(n * 1000);
};

/** An ISO 8601 instant → epoch ms, or undefined. */
export function isoToEpochMs(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
}

/** Epoch ms → "YYYY-MM-DD" (UTC), the `date` meta field. */
export const isoDate = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** Copy the scalar fields of an object into meta (strings, finite numbers, booleans as text). */
export function scalarFields(source: Record<string, unknown>, skip: Set<string> = new Set()): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(source)) {
    if (skip.has(k)) continue;
    if (typeof v === 'string' && v !== '') out[k] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else if (typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** The smallest of many numbers, without spreading them into arguments (no stack limit on long calls). */
export const minOf = (values: number[]): number | undefined => (values.length === 0 ? undefined : values.reduce((a, b) => (b < a ? b : a)));
