import type { RunTargets } from '../engine/call-context.js';
import { callFromLine, type DeferredLine, type ReadOptions } from '../io/read-calls.js';
import type { Call } from '../model/call.js';
import type { InputError } from '../model/raw-call.js';
import type { SkippedCall } from '../model/report.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { runAndScore, type ScoredCall } from '../scoring/run-and-score.js';
import { callNotes, skippedCall, skipReason } from '../scoring/triage-call.js';

/** What became of one input record: an input error, a skipped call, or a scored call. */
export type CallOutcome = { kind: 'error'; error: InputError } | { kind: 'skipped'; record: SkippedCall } | { kind: 'scored'; scored: ScoredCall };

/** What a record needs besides the pack to become an outcome: the same in every thread. */
export interface LineSettings {
  /** Read options as data (no callbacks); the --meta-file table, loaded once, in `metaTable`. */
  read: ReadOptions;
  targets: RunTargets;
}

/**
 * A call skipped (nothing to score) or scored with its notes. A repeated call id is the caller's to
 * note: it needs every earlier call.
 */
export function triageAndScore(pack: CompiledPack, call: Call, targets: RunTargets): CallOutcome {
  const reason = skipReason(call);
  if (reason !== undefined) return { kind: 'skipped', record: skippedCall(call, reason) };
  return { kind: 'scored', scored: runAndScore(pack, call, targets, callNotes(call)) };
}

/** A deferred JSONL line read, then triaged and scored as a call read in the main thread is. */
export function scoreLine(pack: CompiledPack, line: DeferredLine, settings: LineSettings): CallOutcome {
  const item = callFromLine(line, settings.read.metaTable, settings.read);
  return item.kind === 'error' ? item : triageAndScore(pack, item.call, settings.targets);
}
