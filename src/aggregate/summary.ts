import type { Polarity } from '../model/finding.js';
import type { CallResult } from '../model/result.js';
import { addScore, callCount, mergeScoreCounts, scoreAtRank, sumOfScores, type ScoreCounts } from './score-counts.js';

/** Running totals, mergeable across shards: every statistic is derived from these at the end. */
export interface SummaryState {
  calls: number;
  scores: ScoreCounts;
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

export function addToSummary(state: SummaryState, result: Pick<CallResult, 'score' | 'signals'>): void {
  state.calls++;
  addScore(state.scores, result.score);
  for (const s of result.signals) {
    const entry = (state.signals[s.signal] ??= { polarity: s.polarity, calls: 0, findings: 0 });
    entry.calls++;
    entry.findings += s.count;
  }
}

export function mergeSummaries(states: SummaryState[]): SummaryState {
  const merged = emptySummary();
  merged.scores = mergeScoreCounts(states.map((s) => s.scores));
  for (const s of states) {
    merged.calls += s.calls;
    for (const [signal, e] of Object.entries(s.signals)) {
      const m = (merged.signals[signal] ??= { polarity: e.polarity, calls: 0, findings: 0 });
      m.calls += e.calls;
      m.findings += e.findings;
    }
  }
  return merged;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank percentile. */
function percentile(counts: ScoreCounts, n: number, p: number): number | null {
  if (n === 0) return null;
  return scoreAtRank(counts, Math.max(1, Math.ceil((p / 100) * n)))!;
}

function median(counts: ScoreCounts, n: number): number | null {
  if (n === 0) return null;
  return n % 2 === 1 ? scoreAtRank(counts, (n + 1) / 2)! : round1((scoreAtRank(counts, n / 2)! + scoreAtRank(counts, n / 2 + 1)!) / 2);
}

/** Signals are listed in the order the pack declares them, so every report reads the same way. */
export function finishSummary(state: SummaryState, signalOrder: Record<string, Polarity>): Summary {
  const n = callCount(state.scores);
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
      mean: n > 0 ? round1(sumOfScores(state.scores) / n) : null,
      median: median(state.scores, n),
      p10: percentile(state.scores, n, 10),
      p90: percentile(state.scores, n, 90),
      min: state.scores[0]?.[0] ?? null,
      max: state.scores[state.scores.length - 1]?.[0] ?? null,
    },
    signals,
  };
}
