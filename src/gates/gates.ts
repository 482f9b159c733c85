import type { Finding } from '../model/finding.js';
import type { CallResult } from '../model/result.js';
import { callCount, entryFor, sumOfScores, type ScoreCounts } from '../aggregate/score-counts.js';

/**
 * CI gates: pure. A run feeds every call result into a GateState (mergeable, so sharded runs gate
 * exactly like one run), then evaluateGates says which gates failed and why, one line each.
 * Baselined findings are not counted; score gates judge the score the call has without them.
 */

export type FailOnLevel = 'warning' | 'error';
export type Severity = Finding['severity'];

export interface GateSpec {
  /** Fail when any call scores below this. */
  failUnder?: number;
  /** Fail when the mean score (one decimal, as reported) is below this. */
  failMeanUnder?: number;
  /** Fail when more than PCT % of calls carry the signal. */
  maxPrevalence?: Record<string, number>;
  /** Fail when the run has more than this many inward findings. */
  maxFindings?: number;
  /** Fail on any inward finding of this severity or above. */
  failOn?: FailOnLevel;
}

export interface GateFailure {
  gate: 'fail-under' | 'fail-mean-under' | 'max-prevalence' | 'max-findings' | 'fail-on';
  /** One line, without the "cxlint: " prefix. */
  message: string;
}

const EXAMPLES = 5;

/**
 * Calls per gate score, ascending, each with its first few calls ([position in the input, call id])
 * by position: enough to list the first calls under any --fail-under exactly, in memory that does
 * not grow with the number of calls.
 */
export type GateScores = [score: number, calls: number, first: [number, string][]][];

export interface GateState {
  scores: GateScores;
  /** Calls with at least one counted finding, per signal. */
  signalCalls: Record<string, number>;
  /** Counted (not baselined) inward findings. */
  findings: number;
  /** Counted inward findings per severity, with the first few ([position, text]) for the message. */
  severity: Record<Severity, { count: number; first: [number, string][] }>;
  /** Findings left out because they are in the baseline. */
  baselined: number;
}

export const emptyGateState = (): GateState => ({
  scores: [],
  signalCalls: {},
  findings: 0,
  severity: { info: { count: 0, first: [] }, warning: { count: 0, first: [] }, error: { count: 0, first: [] } },
  baselined: 0,
});

/** What the gates read of a call result. */
export interface GateCall {
  id: string;
  score: number;
  baseline?: CallResult['baseline'];
  findings: Pick<Finding, 'ruleId' | 'signal' | 'polarity' | 'severity' | 'turn' | 'baselined'>[];
}

/** The score the gates judge: without baselined findings when a baseline is in use. */
export const gateScore = (r: Pick<GateCall, 'score' | 'baseline'>) => r.baseline?.score ?? r.score;

/**
 * `seq` is the call's position among all the calls read (shards count the calls of other shards
 * too), so that merged shards list the same calls in the same order as one run.
 */
export function addToGates(state: GateState, r: GateCall, seq: number): void {
  const score = gateScore(r);
  const entry = entryFor(state.scores, score, () => [score, 0, []]);
  entry[1]++;
  keepFirst(entry[2], [seq, r.id]);
  const signals = new Set<string>();
  for (const f of r.findings) {
    if (f.baselined) {
      state.baselined++;
      continue;
    }
    signals.add(f.signal);
    if (f.polarity !== 'inward') continue;
    state.findings++;
    const s = state.severity[f.severity];
    s.count++;
    if (s.first.length < EXAMPLES) s.first.push([seq, `${r.id} ${f.ruleId} turn ${f.turn}`]);
  }
  for (const signal of signals) state.signalCalls[signal] = (state.signalCalls[signal] ?? 0) + 1;
}

const bySeq = <T extends [unknown, ...unknown[]]>(pos: (x: T) => number) => (a: T, b: T) => pos(a) - pos(b);

/** Keep the EXAMPLES earliest (by position) in a list sorted by position. */
function keepFirst(first: [number, string][], item: [number, string]): void {
  if (first.length === EXAMPLES && item[0] > first[EXAMPLES - 1]![0]) return;
  first.push(item);
  first.sort(bySeq((x) => x[0]));
  if (first.length > EXAMPLES) first.pop();
}

/** The state of one run over all the calls of the parts, in input order (sort is stable). */
export function mergeGateStates(states: GateState[]): GateState {
  const merged = emptyGateState();
  for (const s of states) {
    for (const [score, calls, first] of s.scores) {
      const entry = entryFor(merged.scores, score, () => [score, 0, []]);
      entry[1] += calls;
      for (const item of first) keepFirst(entry[2], item);
    }
    for (const [signal, n] of Object.entries(s.signalCalls)) merged.signalCalls[signal] = (merged.signalCalls[signal] ?? 0) + n;
    merged.findings += s.findings;
    merged.baselined += s.baselined;
    for (const level of ['info', 'warning', 'error'] as const) {
      merged.severity[level].count += s.severity[level].count;
      merged.severity[level].first.push(...s.severity[level].first);
    }
  }
  for (const level of ['info', 'warning', 'error'] as const) {
    const m = merged.severity[level];
    m.first = m.first.sort(bySeq((x) => x[0])).slice(0, EXAMPLES);
  }
  return merged;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The mean exactly as the summary reports it: sum of the sorted scores, one decimal. */
export function meanScore(scores: ScoreCounts): number | null {
  const n = callCount(scores);
  return n === 0 ? null : round1(sumOfScores(scores) / n);
}

const list = (items: string[], total: number) => `${items.join(', ')}${total > items.length ? ', …' : ''}`;

/** Which gates failed, in a fixed order, each with the one line that explains it. */
export function evaluateGates(spec: GateSpec, state: GateState): GateFailure[] {
  const failures: GateFailure[] = [];
  const calls = state.scores.reduce((n, [, c]) => n + c, 0);
  const note = state.baselined > 0 ? ` (${state.baselined} baselined finding(s) not counted)` : '';
  if (spec.failUnder !== undefined) {
    const below = state.scores.filter(([score]) => score < spec.failUnder!);
    const count = below.reduce((n, [, c]) => n + c, 0);
    if (count > 0) {
      const shown = below
        .flatMap(([score, , first]) => first.map(([seq, id]) => [seq, `${id} (${score})`] as [number, string]))
        .sort(bySeq((x) => x[0]))
        .slice(0, EXAMPLES)
        .map(([, text]) => text);
      failures.push({ gate: 'fail-under', message: `${count} call(s) scored below --fail-under ${spec.failUnder}: ${list(shown, count)}${note}` });
    }
  }
  if (spec.failMeanUnder !== undefined) {
    const mean = meanScore(state.scores.map(([score, c]) => [score, c]));
    if (mean !== null && mean < spec.failMeanUnder) {
      failures.push({ gate: 'fail-mean-under', message: `mean score ${mean} over ${calls} call(s) is below --fail-mean-under ${spec.failMeanUnder}${note}` });
    }
  }
  for (const [signal, pct] of Object.entries(spec.maxPrevalence ?? {})) {
    const n = state.signalCalls[signal] ?? 0;
    // integers on the left, so 1 call in 5 against 20 % is exactly "not more"
    if (calls > 0 && n * 100 > pct * calls) {
      failures.push({
        gate: 'max-prevalence',
        message: `${signal} on ${round1((n / calls) * 100)}% of calls (${n} of ${calls}) is more than --max-prevalence ${signal}=${pct}${note}`,
      });
    }
  }
  if (spec.maxFindings !== undefined && state.findings > spec.maxFindings) {
    failures.push({ gate: 'max-findings', message: `${state.findings} inward finding(s) is more than --max-findings ${spec.maxFindings}${note}` });
  }
  if (spec.failOn !== undefined) {
    const levels: Severity[] = spec.failOn === 'error' ? ['error'] : ['error', 'warning'];
    const count = levels.reduce((n, l) => n + state.severity[l].count, 0);
    if (count > 0) {
      const shown = levels
        .flatMap((l) => state.severity[l].first)
        .sort(bySeq((x) => x[0]))
        .slice(0, EXAMPLES)
        .map(([, text]) => text);
      failures.push({ gate: 'fail-on', message: `${count} finding(s) of severity ${spec.failOn} or above (--fail-on ${spec.failOn}): ${list(shown, count)}${note}` });
    }
  }
  return failures;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Per call, what CI reports treat as a failure: counted inward findings of the --fail-on severity
 * or above (warning when no --fail-on is given) and a score below --fail-under.
 */
export function callProblems(r: CallResult, spec: GateSpec): { belowFailUnder: boolean; findings: Finding[] } {
  const min = RANK[spec.failOn ?? 'warning'];
  return {
    belowFailUnder: spec.failUnder !== undefined && gateScore(r) < spec.failUnder,
    findings: r.findings.filter((f) => !f.baselined && f.polarity === 'inward' && RANK[f.severity] >= min),
  };
}
