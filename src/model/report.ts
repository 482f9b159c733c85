import type { GroupSummary } from '../aggregate/grouped-summary.js';
import type { Summary } from '../aggregate/summary.js';
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
  };
}

export interface Counts {
  /** Records read: every one is either scored or an error. */
  inputs: number;
  scored: number;
  errors: number;
}

export interface ReportEnd {
  counts: Counts;
  summary: Summary;
  groups: GroupSummary[];
  errors: InputError[];
}

export interface Formatter {
  start(header: RunHeader): string;
  call(result: CallResult): string;
  error(error: InputError): string;
  end(end: ReportEnd): string;
}
