import type { RunTargets } from '../engine/call-context.js';
import { callFromLine, type DeferredLine, type MetaTable, type ReadOptions } from '../io/read-calls.js';
import type { InputError } from '../model/raw-call.js';
import type { SkippedCall } from '../model/report.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { runAndScore, type ScoredCall } from '../scoring/run-and-score.js';
import { callNotes, skippedCall, skipReason } from '../scoring/triage-call.js';

/** What became of one deferred JSONL line: an input error, a skipped call, or a scored call. */
export type LineOutcome = { kind: 'error'; error: InputError } | { kind: 'skipped'; record: SkippedCall } | { kind: 'scored'; scored: ScoredCall };

/** What a line needs besides the pack to become an outcome: the same in every thread. */
export interface LineSettings {
  read: ReadOptions;
  table?: MetaTable;
  targets: RunTargets;
}

/**
 * A deferred line read, triaged and scored, as `score` would do it for a call read in the main
 * thread. A repeated call id is the caller's to note (it needs every earlier call).
 */
export function scoreLine(pack: CompiledPack, line: DeferredLine, settings: LineSettings): LineOutcome {
  const item = callFromLine(line, settings.table, settings.read);
  if (item.kind === 'error') return item;
  const reason = skipReason(item.call);
  if (reason !== undefined) return { kind: 'skipped', record: skippedCall(item.call, reason) };
  return { kind: 'scored', scored: runAndScore(pack, item.call, settings.targets, callNotes(item.call)) };
}
