import type { Finding } from '../model/finding.js';
import type { ExpectedLabel } from './labelled-call.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface SignalAccuracy {
  signal: string;
  /** Labelled positives (turns or calls). */
  support: { turns: number; calls: number };
  turn: Counts & Prf;
  call: Counts & Prf;
}

export interface Accuracy {
  signals: SignalAccuracy[];
  macro: { turn: Prf; call: Prf };
  calls: number;
  turns: number;
}

/** One call's predictions against its labels: sets of "turn:signal" keys. */
export interface CallOutcome {
  id: string;
  expected: ExpectedLabel[];
  findings: Pick<Finding, 'turn' | 'signal'>[];
  turnCount: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : null;
  // labelled positives and no prediction at all: nothing found, F1 0 (not "undefined")
  const f1 = recall === null ? null : precision === null ? 0 : precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    precision: precision === null ? null : round3(precision),
    recall: recall === null ? null : round3(recall),
    f1: f1 === null ? null : round3(f1),
  };
}

const mean = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length > 0 ? round3(v.reduce((a, b) => a + b, 0) / v.length) : null;
};

/** Turn level: a finding on the labelled turn with the labelled signal. Call level: the call has the signal or not. */
export function measureAccuracy(outcomes: CallOutcome[], signals: string[]): Accuracy {
  const result: SignalAccuracy[] = signals.map((signal) => {
    const turn: Counts = { tp: 0, fp: 0, fn: 0 };
    const call: Counts = { tp: 0, fp: 0, fn: 0 };
    let supportCalls = 0;
    for (const o of outcomes) {
      const want = new Set(o.expected.filter((e) => e.signal === signal).map((e) => e.turn));
      const got = new Set(o.findings.filter((f) => f.signal === signal).map((f) => f.turn));
      for (const t of got) {
        if (want.has(t)) turn.tp++;
        else turn.fp++;
      }
      for (const t of want) if (!got.has(t)) turn.fn++;
      if (want.size > 0) supportCalls++;
      if (want.size > 0 && got.size > 0) call.tp++;
      else if (got.size > 0) call.fp++;
      else if (want.size > 0) call.fn++;
    }
    return {
      signal,
      support: { turns: turn.tp + turn.fn, calls: supportCalls },
      turn: { ...turn, ...prf(turn) },
      call: { ...call, ...prf(call) },
    };
  });
  const measured = result.filter((s) => s.support.turns > 0);
  return {
    signals: result,
    macro: {
      turn: { precision: mean(measured.map((s) => s.turn.precision)), recall: mean(measured.map((s) => s.turn.recall)), f1: mean(measured.map((s) => s.turn.f1)) },
      call: { precision: mean(measured.map((s) => s.call.precision)), recall: mean(measured.map((s) => s.call.recall)), f1: mean(measured.map((s) => s.call.f1)) },
    },
    calls: outcomes.length,
    turns: outcomes.reduce((a, o) => a + o.turnCount, 0),
  };
}

/** Turn-level disagreements, for reading what a rule gets wrong. */
export function disagreements(o: CallOutcome): { turn: number; signal: string; kind: 'missed' | 'extra' }[] {
  const key = (t: number, s: string) => `${t}\u0000${s}`;
  const want = new Set(o.expected.map((e) => key(e.turn, e.signal)));
  const got = new Set(o.findings.map((f) => key(f.turn, f.signal)));
  const out: { turn: number; signal: string; kind: 'missed' | 'extra' }[] = [];
  for (const k of want) if (!got.has(k)) out.push({ turn: Number(k.split('\u0000')[0]), signal: k.split('\u0000')[1]!, kind: 'missed' });
  for (const k of got) if (!want.has(k)) out.push({ turn: Number(k.split('\u0000')[0]), signal: k.split('\u0000')[1]!, kind: 'extra' });
  return out.sort((a, b) => a.turn - b.turn || (a.signal < b.signal ? -1 : 1));
}
