import type { CallSource } from './call.js';
import type { Finding, Polarity } from './finding.js';
import type { CallMetrics } from '../engine/call-metrics.js';

/** Version of the JSON/NDJSON/CSV output shape; bumped on any incompatible change. */
export const SCHEMA_VERSION = '1';

export interface PackInfo {
  name: string;
  version: string;
  hash: string;
}

export interface SignalScore {
  signal: string;
  polarity: Polarity;
  count: number;
  /** Points taken (inward, after the signal's cap) or given (outward, before the overall cap). */
  points: number;
}

export interface CallResult {
  id: string;
  source: CallSource;
  meta: Record<string, string | number>;
  score: number;
  penalty: number;
  bonus: number;
  turnCount: number;
  signals: SignalScore[];
  findings: Finding[];
  metrics: CallMetrics;
  ruleErrors?: { ruleId: string; message: string }[];
  /** What is odd about the call but did not stop it being scored (one speaker, times out of order). */
  notes?: string[];
  /** With --baseline: how many findings are baselined and the score the call has without them (what the gates judge). */
  baseline?: { findings: number; score: number };
}
