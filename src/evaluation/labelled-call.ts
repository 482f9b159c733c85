import { rawCallFromObject } from '../adapters/cxlint-json.js';
import type { Call } from '../model/call.js';
import { isInputError, normaliseCall } from '../model/normalise-call.js';

export interface ExpectedLabel {
  turn: number;
  signal: string;
}

export interface LabelledCall {
  call: Call;
  expected: ExpectedLabel[];
}

/** Looks up the text of a `ref` turn ("twcs:123"); undefined when the source is not available. */
export type RefResolver = (ref: string) => string | undefined;

export type LabelledItem =
  | { kind: 'call'; labelled: LabelledCall }
  | { kind: 'skipped'; id: string; ref: string }
  | { kind: 'error'; file: string; line: number; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One line of a labelled set: the cxlint JSONL call form plus `expected: [{turn, signal}]`. A turn may
 * carry `ref` instead of `text`, resolved at run time so that licensed text never enters the repo.
 */
export function parseLabelledLine(line: string, file: string, lineNo: number, resolve: RefResolver, signals: Set<string>): LabelledItem {
  const fail = (message: string): LabelledItem => ({ kind: 'error', file, line: lineNo, message });
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return fail(`invalid JSON: ${(e as Error).message}`);
  }
  if (!isObject(value) || !Array.isArray(value.turns)) return fail('expected a call object with "turns"');
  const id = String(value.id ?? `${file}:${lineNo}`);
  const turns: unknown[] = [];
  for (const t of value.turns) {
    if (isObject(t) && typeof t.ref === 'string' && t.text === undefined) {
      const text = resolve(t.ref);
      if (text === undefined) return { kind: 'skipped', id, ref: t.ref };
      turns.push({ ...t, text });
    } else turns.push(t);
  }
  const expected: ExpectedLabel[] = [];
  if (!Array.isArray(value.expected)) return fail('expected "expected": an array of {"turn", "signal"} (may be empty)');
  for (const e of value.expected) {
    if (!isObject(e) || typeof e.turn !== 'number' || typeof e.signal !== 'string') return fail('each expected label is {"turn": N, "signal": "name"}');
    if (e.turn < 0 || e.turn >= turns.length) return fail(`expected label turn ${e.turn} is outside the call's ${turns.length} turns`);
    if (!signals.has(e.signal)) return fail(`unknown signal "${e.signal}" (the pack declares ${[...signals].join(', ')})`);
    expected.push({ turn: e.turn, signal: e.signal });
  }
  const item = rawCallFromObject({ ...value, turns, expected: undefined }, file, lineNo - 1, lineNo);
  if (item.kind === 'error') return fail(item.error.message);
  const call = normaliseCall(item.call, id);
  if (isInputError(call)) return fail(call.message);
  return { kind: 'call', labelled: { call, expected } };
}
