import { describe, expect, it } from 'vitest';
import { addToGrouped, emptyGrouped, finishGroups, NO_GROUP } from '../../src/aggregate/grouped-summary.js';
import { addToSummary, emptySummary, finishSummary, mergeSummaries, type SummaryState } from '../../src/aggregate/summary.js';
import type { CallMetrics } from '../../src/engine/call-metrics.js';
import type { Polarity } from '../../src/model/finding.js';
import type { CallResult, SignalScore } from '../../src/model/result.js';

const ORDER: Record<string, Polarity> = { apology: 'inward', jargon: 'inward', kindness: 'outward' };

function result(id: string, score: number, signals: [string, number][] = [], meta: CallResult['meta'] = {}): CallResult {
  return {
    id,
    source: { file: 'f', record: 0 },
    meta,
    score,
    penalty: 100 - score,
    bonus: 0,
    turnCount: 1,
    signals: signals.map(([signal, count]): SignalScore => ({ signal, polarity: ORDER[signal] ?? 'inward', count, points: count })),
    findings: [],
    metrics: {} as CallMetrics,
  };
}

const summarise = (results: CallResult[]) => {
  const state = emptySummary();
  for (const r of results) addToSummary(state, r);
  return state;
};

const TEN = [50, 60, 70, 80, 90, 100, 40, 30, 20, 10].map((s, i) =>
  result(`c${i}`, s, i < 3 ? [['apology', i + 1]] : i === 9 ? [['kindness', 2], ['mystery', 1]] : [], { agent: i % 2 === 0 ? 'Ann' : 'Bob' }),
);

describe('summary statistics', () => {
  const summary = finishSummary(summarise(TEN), ORDER);

  it('computes mean, median, p10, p90, min and max of the scores', () => {
    expect(summary.calls).toBe(10);
    expect(summary.score).toEqual({ mean: 55, median: 55, p10: 10, p90: 90, min: 10, max: 100 });
  });

  it('uses the middle value as the median of an odd count', () => {
    expect(finishSummary(summarise([result('a', 3), result('b', 90), result('c', 7)]), ORDER).score).toMatchObject({ median: 7, mean: 33.3, p10: 3, p90: 90 });
  });

  it('uses nearest-rank percentiles', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => result(`c${i}`, i + 1));
    expect(finishSummary(summarise(twenty), ORDER).score).toMatchObject({ p10: 2, p90: 18, median: 10.5 });
  });

  it('has null statistics and zero prevalence with no calls', () => {
    const empty = finishSummary(emptySummary(), ORDER);
    expect(empty.score).toEqual({ mean: null, median: null, p10: null, p90: null, min: null, max: null });
    expect(empty.signals.every((s) => s.prevalence === 0 && s.ratePer100 === 0)).toBe(true);
  });

  it('computes prevalence (% of calls) and rate (findings per 100 calls) per signal', () => {
    expect(summary.signals).toEqual([
      { signal: 'apology', polarity: 'inward', calls: 3, prevalence: 30, findings: 6, ratePer100: 60 },
      { signal: 'jargon', polarity: 'inward', calls: 0, prevalence: 0, findings: 0, ratePer100: 0 },
      { signal: 'kindness', polarity: 'outward', calls: 1, prevalence: 10, findings: 2, ratePer100: 20 },
      { signal: 'mystery', polarity: 'inward', calls: 1, prevalence: 10, findings: 1, ratePer100: 10 },
    ]);
  });

  it('rounds prevalence to one decimal', () => {
    const three = [result('a', 1, [['apology', 1]]), result('b', 1), result('c', 1)];
    expect(finishSummary(summarise(three), ORDER).signals[0]!.prevalence).toBe(33.3);
  });
});

describe('mergeSummaries', () => {
  it('merging the summaries of two halves gives the summary of the whole', () => {
    const whole = finishSummary(summarise(TEN), ORDER);
    for (const cut of [0, 3, 5, 10]) {
      const merged = mergeSummaries([summarise(TEN.slice(0, cut)), summarise(TEN.slice(cut))]);
      expect(finishSummary(merged, ORDER)).toEqual(whole);
    }
  });

  it('merges more than two shards and leaves the inputs untouched', () => {
    const shards: SummaryState[] = [summarise(TEN.slice(0, 2)), summarise(TEN.slice(2, 7)), summarise(TEN.slice(7))];
    const before = JSON.stringify(shards);
    expect(finishSummary(mergeSummaries(shards), ORDER)).toEqual(finishSummary(summarise(TEN), ORDER));
    expect(JSON.stringify(shards)).toBe(before);
  });

  it('merging nothing is an empty summary', () => {
    expect(mergeSummaries([])).toEqual(emptySummary());
  });
});

describe('grouped summaries', () => {
  it('summarises per value of a meta field, groups in name order', () => {
    const state = emptyGrouped('agent');
    for (const r of TEN) addToGrouped(state, r);
    addToGrouped(state, result('x', 75));
    const groups = finishGroups(state, ORDER);
    expect(groups.map((g) => [g.group, g.calls])).toEqual([
      [NO_GROUP, 1],
      ['Ann', 5],
      ['Bob', 5],
    ]);
    const ann = groups.find((g) => g.group === 'Ann')!;
    // Ann: c0 50, c2 70, c4 90, c6 40, c8 20
    expect(ann.score).toMatchObject({ mean: 54, median: 50, min: 20, max: 90 });
    expect(ann.signals.find((s) => s.signal === 'apology')).toMatchObject({ calls: 2, prevalence: 40, findings: 4 });
    expect(finishSummary(state.all, ORDER).calls).toBe(11);
  });

  it('groups numeric meta values by their string form', () => {
    const state = emptyGrouped('team');
    addToGrouped(state, result('a', 10, [], { team: 7 }));
    addToGrouped(state, result('b', 20, [], { team: '7' }));
    expect(finishGroups(state, ORDER).map((g) => [g.group, g.calls])).toEqual([['7', 2]]);
  });

  it('keeps no groups without a group-by field', () => {
    const state = emptyGrouped();
    for (const r of TEN) addToGrouped(state, r);
    expect(finishGroups(state, ORDER)).toEqual([]);
    expect(state.all.calls).toBe(10);
  });
});
