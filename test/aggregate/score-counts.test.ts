import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finishSummary, emptySummary, addToSummary, mergeSummaries } from '../../src/aggregate/summary.js';
import { addScore, callCount, mergeScoreCounts, scoreAtRank, sumOfScores, type ScoreCounts } from '../../src/aggregate/score-counts.js';
import { addToGates, emptyGateState, evaluateGates, mergeGateStates } from '../../src/gates/gates.js';
import type { CallResult } from '../../src/model/result.js';

/** Scores as the scorer makes them: 0–100 in halves and tenths, with many repeats. */
const scoreList = fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }).map((n) => n / 10)), { maxLength: 300 });

const countsOf = (scores: number[]): ScoreCounts => {
  const counts: ScoreCounts = [];
  for (const s of scores) addScore(counts, s);
  return counts;
};

const result = (id: string, score: number): CallResult =>
  ({ id, source: { file: 'f', record: 0 }, meta: {}, score, penalty: 100 - score, bonus: 0, signals: [], findings: [], turnCount: 1 }) as unknown as CallResult;

describe('score counts', () => {
  it('keep the scores sorted, one pair per distinct score, whatever order they come in', () => {
    fc.assert(
      fc.property(scoreList, (scores) => {
        const counts = countsOf(scores);
        expect(counts.map(([s]) => s)).toEqual([...new Set(scores)].sort((a, b) => a - b));
        expect(callCount(counts)).toBe(scores.length);
      }),
    );
  });

  it('give the same sum, ranks and statistics as the sorted list of every score', () => {
    fc.assert(
      fc.property(scoreList, (scores) => {
        const sorted = [...scores].sort((a, b) => a - b);
        const counts = countsOf(scores);
        expect(sumOfScores(counts)).toBe(sorted.reduce((a, b) => a + b, 0));
        sorted.forEach((s, i) => expect(scoreAtRank(counts, i + 1)).toBe(s));
        expect(scoreAtRank(counts, 0)).toBeUndefined();
        expect(scoreAtRank(counts, sorted.length + 1)).toBeUndefined();
        const summary = emptySummary();
        scores.forEach((s, i) => addToSummary(summary, result(`c${i}`, s)));
        const stats = finishSummary(summary, {}).score;
        const n = sorted.length;
        const round1 = (x: number) => Math.round(x * 10) / 10;
        const at = (p: number) => sorted[Math.max(1, Math.ceil((p / 100) * n)) - 1];
        expect(stats).toEqual({
          mean: n ? round1(sorted.reduce((a, b) => a + b, 0) / n) : null,
          median: n ? (n % 2 ? sorted[(n - 1) / 2] : round1((sorted[n / 2 - 1]! + sorted[n / 2]!) / 2)) : null,
          p10: n ? at(10) : null,
          p90: n ? at(90) : null,
          min: sorted[0] ?? null,
          max: sorted[n - 1] ?? null,
        });
      }),
    );
  });

  it('merge in any split to what one run counts', () => {
    fc.assert(
      fc.property(scoreList, fc.integer({ min: 1, max: 5 }), (scores, parts) => {
        const split = Array.from({ length: parts }, (_, p) => scores.filter((_, i) => i % parts === p));
        expect(mergeScoreCounts(split.map(countsOf))).toEqual(countsOf(scores));
        const summaries = split.map((part) => {
          const s = emptySummary();
          part.forEach((x, i) => addToSummary(s, result(`c${i}`, x)));
          return s;
        });
        const whole = emptySummary();
        scores.forEach((x, i) => addToSummary(whole, result(`c${i}`, x)));
        expect(mergeSummaries(summaries)).toEqual(whole);
      }),
    );
  });

  it('hold a fixed amount per distinct score however many calls there are', () => {
    const counts: ScoreCounts = [];
    for (let i = 0; i < 100_000; i++) addScore(counts, i % 101);
    expect(counts).toHaveLength(101);
    expect(callCount(counts)).toBe(100_000);
  });
});

describe('gate scores', () => {
  it('list the first five calls under any --fail-under by input position, in one run and merged', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 101 }), (scores, threshold) => {
        const one = emptyGateState();
        scores.forEach((s, seq) => addToGates(one, result(`c${seq}`, s), seq));
        const below = scores.map((s, seq) => [s, seq] as const).filter(([s]) => s < threshold);
        const failures = evaluateGates({ failUnder: threshold }, one);
        if (below.length === 0) expect(failures).toEqual([]);
        else {
          const shown = below.slice(0, 5).map(([s, seq]) => `c${seq} (${s})`).join(', ');
          expect(failures[0]!.message).toBe(`${below.length} call(s) scored below --fail-under ${threshold}: ${shown}${below.length > 5 ? ', …' : ''}`);
        }
        // shards in a different order: the same state
        const a = emptyGateState();
        const b = emptyGateState();
        scores.forEach((s, seq) => addToGates(seq % 2 ? a : b, result(`c${seq}`, s), seq));
        expect(mergeGateStates([a, b])).toEqual(mergeGateStates([one]));
      }),
    );
  });
});
