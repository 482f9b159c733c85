import type { RunTargets } from '../engine/call-context.js';
import { csvFormatter } from '../formatters/csv-report.js';
import { ndjsonFormatter } from '../formatters/ndjson-report.js';
import { redactResult } from '../formatters/redact.js';
import type { GateCall } from '../gates/gates.js';
import { chunkLines } from '../io/jsonl-chunks.js';
import type { JsonlLine } from '../io/jsonl-chunks.js';
import { callFromLine, type DeferredChunk, type DeferredLine, type ReadOptions } from '../io/read-calls.js';
import { invalidUtf8Note } from '../io/read-source.js';
import type { Call, CallSource } from '../model/call.js';
import type { InputError } from '../model/raw-call.js';
import type { Formatter, SkippedCall } from '../model/report.js';
import type { CallResult } from '../model/result.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { runAndScore, type ScoredCall } from '../scoring/run-and-score.js';
import { callNotes, skippedCall, skipReason } from '../scoring/triage-call.js';

/**
 * A scored call as the main thread needs it when the thread that scored it also redacted and
 * formatted it: the output text, and what the summary, the gates and the warnings about roles and
 * repeated ids read. Only meta the main thread reads is kept (speaker roles, the --group-by field).
 */
export interface CallDigest extends GateCall {
  source: CallSource;
  meta: CallResult['meta'];
  signals: CallResult['signals'];
  turnCount: number;
  ruleErrors: ScoredCall['ruleErrors'];
  /** formatter.call of the (redacted) result. */
  text: string;
}

/**
 * What became of one input record: an input error, a skipped call, a scored call (whole, or as a
 * digest), or a note about the input that takes its place among them (invalid UTF-8 in a line).
 */
export type CallOutcome =
  | { kind: 'error'; error: InputError }
  | { kind: 'skipped'; record: SkippedCall }
  | { kind: 'scored'; scored: ScoredCall }
  | { kind: 'digest'; digest: CallDigest }
  | { kind: 'note'; note: InputError };

/**
 * Scored calls of JSONL chunks come back as digests, formatted where they were scored: for formats
 * that write each call on its own (`formatter.call` depends on that call only) and when nothing the
 * main thread decides changes a result (no --baseline). A call whose id repeats an earlier one is
 * scored again, whole, in the main thread, which adds the note.
 */
export interface DigestSettings {
  format: 'ndjson' | 'csv';
  redact: boolean;
  groupBy?: string;
}

/** What a record needs besides the pack to become an outcome: the same in every thread. */
export interface LineSettings {
  /** Read options as data (no callbacks); the --meta-file table, loaded once, in `metaTable`. */
  read: ReadOptions;
  targets: RunTargets;
  digest?: DigestSettings;
}

/** The formats whose text per call depends on that call only, so any thread can write it. */
export function callLineFormatter(format: string, pack: CompiledPack): Formatter | undefined {
  if (format === 'ndjson') return ndjsonFormatter();
  if (format === 'csv') return csvFormatter(Object.keys(pack.signals), ['agent', 'team', 'queue']);
  return undefined;
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

/** The formatter of each digest setting, made once per thread. */
const formatters = new WeakMap<DigestSettings, Formatter | undefined>();

function digestOf({ result, ruleErrors }: ScoredCall, settings: DigestSettings, formatter: Formatter): CallDigest {
  const { meta } = result;
  const kept: CallResult['meta'] = {};
  for (const key of ['roles', 'unresolvedSpeakers', ...(settings.groupBy !== undefined ? [settings.groupBy] : [])]) if (meta[key] !== undefined) kept[key] = meta[key];
  return {
    id: result.id,
    source: result.source,
    meta: kept,
    score: result.score,
    signals: result.signals,
    turnCount: result.turnCount,
    findings: result.findings.map(({ ruleId, signal, polarity, severity, turn }) => ({ ruleId, signal, polarity, severity, turn })),
    ruleErrors,
    text: formatter.call(settings.redact ? redactResult(result) : result),
  };
}

/**
 * One line of a chunk read and scored, as a digest when asked; an engine fault on it is an error at
 * its position, and the chunk goes on.
 */
export function scoreChunkLine(pack: CompiledPack, chunk: DeferredChunk, { text, line, record }: JsonlLine, settings: LineSettings, digest?: { settings: DigestSettings; formatter: Formatter }): CallOutcome {
  try {
    const outcome = scoreLine(pack, { text, line, record, file: chunk.file, layers: chunk.layers }, settings);
    return digest && outcome.kind === 'scored' ? { kind: 'digest', digest: digestOf(outcome.scored, digest.settings, digest.formatter) } : outcome;
  } catch (e) {
    return { kind: 'error', error: { file: chunk.file, record, line, message: `could not be scored: ${(e as Error).message}` } };
  }
}

/**
 * Every record of a chunk, in order: what scoreLine gives for each line, scored calls as digests when
 * settings ask for them, and a note before the first line holding U+FFFD (the caller keeps the
 * first per file).
 */
export function scoreChunk(pack: CompiledPack, chunk: DeferredChunk, settings: LineSettings): CallOutcome[] {
  const outcomes: CallOutcome[] = [];
  let formatter = settings.digest && formatters.get(settings.digest);
  if (settings.digest && !formatters.has(settings.digest)) formatters.set(settings.digest, (formatter = callLineFormatter(settings.digest.format, pack)));
  const digest = settings.digest && formatter ? { settings: settings.digest, formatter } : undefined;
  let noted = false;
  for (const line of chunkLines(chunk)) {
    if (!noted && line.text.includes('\ufffd')) {
      noted = true;
      outcomes.push({ kind: 'note', note: { file: chunk.file, line: line.line, message: invalidUtf8Note(line.line) } });
    }
    outcomes.push(scoreChunkLine(pack, chunk, line, settings, digest));
  }
  return outcomes;
}
