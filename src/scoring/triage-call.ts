import type { Call, CallSource } from '../model/call.js';
import type { SkippedCall } from '../model/report.js';
import { SeenIds } from './seen-ids.js';

/**
 * Why a call that was read without error is still not scored, or undefined when it can be: a call
 * with no turns, or whose turns hold neither words nor times, has nothing a rule could look at.
 */
export function skipReason(call: Call): string | undefined {
  if (call.turns.length === 0) return 'no turns: nothing to score';
  if (call.turns.every((t) => t.text.trim() === '' && t.startMs === undefined)) return 'every turn is empty and untimed: nothing to score';
  return undefined;
}

export function skippedCall(call: Call, reason: string): SkippedCall {
  const { file, record, line } = call.source;
  return { id: call.id, file, record, ...(line !== undefined ? { line } : {}), reason };
}

/**
 * What is odd about a call that is scored all the same, for the result's `notes`: one speaker only
 * (rules about the other side cannot fire), start times out of order (timing metrics use time order,
 * evidence keeps the input order), a turn that ends before it starts (its end is taken as its start).
 */
export function callNotes(call: Call): string[] {
  const notes: string[] = [];
  const speakers = [...new Set(call.turns.map((t) => t.speaker))];
  if (speakers.length === 1 && speakers[0] !== 'unknown') notes.push(`one speaker only (${speakers[0]}): rules about the other side cannot fire`);
  let previous: { index: number; startMs: number } | undefined;
  for (const t of call.turns) {
    if (t.startMs === undefined) continue;
    if (previous && t.startMs < previous.startMs) {
      notes.push(`turn ${t.index} starts before turn ${previous.index} (${t.startMs} ms < ${previous.startMs} ms): timing uses time order, turn numbers the input order`);
      break;
    }
    previous = { index: t.index, startMs: t.startMs };
  }
  const backwards = call.turns.find((t) => t.startMs !== undefined && t.endMs !== undefined && t.endMs < t.startMs);
  if (backwards) notes.push(`turn ${backwards.index} ends before it starts (${backwards.endMs} ms < ${backwards.startMs} ms): its end is taken as its start`);
  return notes;
}

/** "calls.jsonl:3 (record 2)": where a call was read, for messages. */
export const where = (s: CallSource) => `${s.file}${s.line !== undefined ? `:${s.line}` : ''} (record ${s.record})`;

/**
 * Call ids should be unique in a run: results are joined on them, and a call exported twice is
 * counted twice. But the same file name in two folders (or one recording in two formats) gives two
 * calls the same id, so both are scored: the later one carries a note naming the first, and the
 * results are told apart by their `source`.
 */
export function duplicateIds(): { check(call: Pick<Call, 'id' | 'source'>): string | undefined } {
  const seen = new SeenIds();
  return {
    check(call) {
      const first = seen.firstSeen(call.id, call.source);
      if (!first) return undefined;
      return `duplicate call id "${call.id}", first read at ${where(first)}: both are scored, told apart by their source`;
    },
  };
}
