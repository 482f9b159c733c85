import type { GroupSummary } from '../aggregate/grouped-summary.js';
import type { Summary, SummaryState } from '../aggregate/summary.js';
import type { GateFailure, GateState } from '../gates/gates.js';
import type { Polarity } from './finding.js';
import type { InputError } from './raw-call.js';
import type { CallResult, PackInfo } from './result.js';

/** What every machine-readable output starts with: enough to know how the results were produced. */
export interface RunHeader {
  schemaVersion: string;
  tool: { name: 'cxlint'; version: string };
  pack: PackInfo;
  settings: {
    gapSeconds: number;
    endWindowPercent: number;
    holdCountsAsNonTalk: boolean;
    groupBy: string | null;
    /** Handle-time targets in seconds (all queues, per queue), as given for the run. */
    ahtTargetSeconds: number | null;
    ahtTargetSecondsByQueue: Record<string, number>;
    /** Whether evidence was redacted (the default) or shown with --show-pii. */
    redacted: boolean;
    /** Only with --sample or --shard: which calls were scored. */
    selection?: { sample?: string; seed?: string; stratify?: string; shard?: string };
  };
}

export interface Counts {
  /** Records read: every one is scored, skipped (with a reason) or an error. */
  inputs: number;
  scored: number;
  /** Read without error but not scored (no turns…); `score` always sets it. */
  skipped?: number;
  errors: number;
  /** Only with --sample: calls read but left out of the sample (not in `inputs`). */
  notSelected?: number;
}

/** A record read without error but not scored, and why. */
export interface SkippedCall {
  id: string;
  file: string;
  record: number;
  line?: number;
  reason: string;
}

export interface ReportEnd {
  counts: Counts;
  summary: Summary;
  groups: GroupSummary[];
  errors: InputError[];
  /** Every skipped record (`score` always sets it). */
  skipped?: SkippedCall[];
  /** The gates that failed, in order, when any gate was asked for (undefined: no gate). */
  gates?: GateFailure[];
  /** The run's mergeable state, for `summary-json` (score gives it; merge and tests need not). */
  state?: RunState;
}

/** Everything a summary and the gates are computed from; partials of sharded runs merge exactly. */
export interface RunState {
  /** The pack's signals in its order: summaries list them so. */
  signals: Record<string, Polarity>;
  all: SummaryState;
  /** Per --group-by value, in name order. */
  groups: [string, SummaryState][];
  gates: GateState;
  /** Skipped records with their position among the calls read, so merged shards keep input order. */
  skipped: [number, SkippedCall][];
  /** Rules that threw on a call, and whether every rule file loaded: they decide the exit code too. */
  ruleErrors: number;
  packErrors: boolean;
}

export interface Formatter {
  start(header: RunHeader): string;
  call(result: CallResult): string;
  error(error: InputError): string;
  /** A record not scored, with the reason; formats without a place for it leave it to stderr. */
  skipped?(skipped: SkippedCall): string;
  end(end: ReportEnd): string;
}
