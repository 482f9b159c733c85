import type { Polarity } from '../model/finding.js';
import type { CallResult } from '../model/result.js';

/** Running totals, mergeable across shards: every statistic is derived from these at the end. */
export interface SummaryState {
  calls: number;
  scores: number[];
  signals: Record<string, { polarity: Polarity; calls: number; findings: number }>;
}

export interface SignalSummary {
  signal: string;
  polarity: Polarity;
  calls: number;
  /** Share of calls with at least one finding of this signal, in percent. */
  prevalence: number;
  findings: number;
  /** Findings per 100 calls. */
  ratePer100: number;
}

export interface ScoreStats {
  mean: number | null;
  median: number | null;
  p10: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
}

export interface Summary {
  calls: number;
  score: ScoreStats;
  signals: SignalSummary[];
}

export const emptySummary = (): SummaryState => ({ calls: 0, scores: [], signals: {} });

export function addToSummary(state: SummaryState, result: CallResult): void {
  state.calls++;
  state.scores.push(result.score);
  for (const s of result.signals) {
    const entry = (state.signals[s.signal] ??= { polarity: s.polarity, calls: 0, findings: 0 });
    entry.calls++;
    entry.findings += s.count;
  }
}

export function mergeSummaries(states: SummaryState[]): SummaryState {
  const merged = emptySummary();
  for (const s of states) {
    merged.calls += s.calls;
    merged.scores.push(...s.scores);
    for (const [signal, e] of Object.entries(s.signals)) {
      const m = (merged.signals[signal] ??= { polarity: e.polarity, calls: 0, findings: 0 });
      m.calls += e.calls;
      m.findings += e.findings;
    }
  }
  return merged;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function median(sorted: number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : round1((sorted[n / 2 - 1]! + sorted[n / 2]!) / 2);
}

/** Signals are listed in the order the pack declares them, so every report reads the same way. */
export function finishSummary(state: SummaryState, signalOrder: Record<string, Polarity>): Summary {
  const sorted = [...state.scores].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const known = Object.keys(signalOrder);
  const extra = Object.keys(state.signals).filter((s) => !known.includes(s)).sort();
  const signals = [...known, ...extra].map((signal): SignalSummary => {
    const e = state.signals[signal] ?? { polarity: signalOrder[signal] ?? 'inward', calls: 0, findings: 0 };
    return {
      signal,
      polarity: e.polarity,
      calls: e.calls,
      prevalence: state.calls > 0 ? round1((e.calls / state.calls) * 100) : 0,
      findings: e.findings,
      ratePer100: state.calls > 0 ? round1((e.findings / state.calls) * 100) : 0,
    };
  });
  return {
    calls: state.calls,
    score: {
      mean: sorted.length > 0 ? round1(sum / sorted.length) : null,
      median: median(sorted),
      p10: percentile(sorted, 10),
      p90: percentile(sorted, 90),
      min: sorted[0] ?? null,
      max: sorted[sorted.length - 1] ?? null,
    },
    signals,
  };
}
