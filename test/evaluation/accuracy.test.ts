import { describe, expect, it } from 'vitest';
import { disagreements, measureAccuracy, prf, type CallOutcome } from '../../src/evaluation/accuracy.js';

const outcome = (id: string, expected: [number, string][], findings: [number, string][], turnCount = 5): CallOutcome => ({
  id,
  expected: expected.map(([turn, signal]) => ({ turn, signal })),
  findings: findings.map(([turn, signal]) => ({ turn, signal })),
  turnCount,
});

describe('prf', () => {
  it('computes precision, recall and F1, null when undefined', () => {
    expect(prf({ tp: 3, fp: 1, fn: 2 })).toEqual({ precision: 0.75, recall: 0.6, f1: 0.667 });
    expect(prf({ tp: 0, fp: 0, fn: 2 })).toEqual({ precision: null, recall: 0, f1: 0 });
    expect(prf({ tp: 0, fp: 2, fn: 0 })).toEqual({ precision: 0, recall: null, f1: null });
    expect(prf({ tp: 0, fp: 1, fn: 1 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('measureAccuracy', () => {
  const outcomes = [
    // turn-level hit, plus a second finding of the same signal on a wrong turn
    outcome('a', [[1, 'referral']], [[1, 'referral'], [3, 'referral']]),
    // right signal, wrong turn: a miss and an extra at turn level, a hit at call level
    outcome('b', [[2, 'referral']], [[4, 'referral']]),
    // missed completely
    outcome('c', [[0, 'empathy']], []),
    // clean call with a false alarm
    outcome('d', [], [[0, 'empathy']]),
  ];
  const acc = measureAccuracy(outcomes, ['referral', 'empathy', 'blame-shift']);
  const referral = acc.signals.find((s) => s.signal === 'referral')!;
  const empathy = acc.signals.find((s) => s.signal === 'empathy')!;

  it('counts turn-level matches as (turn, signal) pairs', () => {
    expect(referral.turn).toMatchObject({ tp: 1, fp: 2, fn: 1 });
    expect(empathy.turn).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  it('counts call-level matches as presence of the signal in the call', () => {
    expect(referral.call).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(empathy.call).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  it('macro-averages over signals that have labels only', () => {
    expect(acc.signals.find((s) => s.signal === 'blame-shift')!.support.turns).toBe(0);
    expect(acc.macro.turn.recall).toBe(0.25); // referral 0.5, empathy 0
    expect(acc.calls).toBe(4);
    expect(acc.turns).toBe(20);
  });

  it('lists disagreements per call', () => {
    expect(disagreements(outcomes[1]!)).toEqual([
      { turn: 2, signal: 'referral', kind: 'missed' },
      { turn: 4, signal: 'referral', kind: 'extra' },
    ]);
    expect(disagreements(outcomes[0]!)).toEqual([{ turn: 3, signal: 'referral', kind: 'extra' }]);
  });
});
