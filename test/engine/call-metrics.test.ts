import { describe, expect, it } from 'vitest';
import { runPack } from '../../src/engine/run-pack.js';
import { makeCall, unitPack } from '../helpers/fixtures.js';

const pack = unitPack();

describe('call metrics: gaps', () => {
  const call = makeCall('gap', [
    ['agent', 'Hello, how can I help?', 0, 3],
    ['customer', 'My bill is wrong.', 3.5, 6],
    ['agent', 'Let me check the account.', 6.5, 8],
    ['agent', 'Right, I found it.', 33, 36],
    ['customer', 'Thanks.', 36.5, 38],
  ]);
  const { metrics, findings } = runPack(pack, call);

  it('finds one unannounced gap with its exact position', () => {
    expect(metrics.timed).toBe(true);
    expect(metrics.gaps).toEqual([
      { afterTurn: 2, beforeTurn: 3, fromMs: 8000, toMs: 33000, durationMs: 25000, kind: 'dead-air', position: 'mid-call', returned: false, estimated: false },
    ]);
    expect(metrics.deadAirCount).toBe(1);
    expect(metrics.holdCount).toBe(0);
    expect(metrics.holdTotalMs).toBe(0);
    expect(metrics.longestGapMs).toBe(25000);
    expect(metrics.gapThresholdMs).toBe(10000);
  });

  it('the gap rule reports it on the turn that ends the silence, with the same evidence', () => {
    const gap = findings.filter((f) => f.ruleId === 'unit/silence');
    expect(gap).toHaveLength(1);
    expect(gap[0]).toMatchObject({ signal: 'silence', turn: 3, startMs: 8000, gap: { fromMs: 8000, toMs: 33000, durationMs: 25000, kind: 'dead-air' } });
  });

  it('computes handle time, talk and non-talk time', () => {
    expect(metrics.handleTimeMs).toBe(38000);
    expect(metrics.talkMs).toEqual({ agent: 3000 + 1500 + 3000, customer: 2500 + 1500 });
    expect(metrics.nonTalkMs).toBe(38000 - 11500);
    expect(metrics.agentTalkShare).toBeCloseTo(7500 / 11500, 3);
    expect(metrics.unavailable).toEqual({});
  });

  it('ignores pauses under the threshold', () => {
    const short = makeCall('short', [
      ['agent', 'One.', 0, 1],
      ['customer', 'Two.', 10.9, 12],
    ]);
    expect(runPack(pack, short).metrics.gaps).toEqual([]);
    const exact = makeCall('exact', [
      ['agent', 'One.', 0, 1],
      ['customer', 'Two.', 11, 12],
    ]);
    expect(runPack(pack, exact).metrics.gaps.map((g) => g.durationMs)).toEqual([10000]);
  });

  it('measures a gap from the latest end so far, not the previous turn only', () => {
    const overlapping = makeCall('overlap', [
      ['agent', 'A long turn that runs on.', 0, 20],
      ['customer', 'Short.', 2, 3],
      ['agent', 'Back.', 25, 26],
    ]);
    expect(runPack(pack, overlapping).metrics.gaps).toEqual([]);
  });

  it('marks a gap in the closing part of the call as "end"', () => {
    const late = makeCall('late', [
      ['agent', 'Hello.', 0, 40],
      ['customer', 'Hi.', 41, 85],
      ['agent', 'Bye.', 100, 101],
    ]);
    expect(runPack(pack, late).metrics.gaps.map((g) => [g.afterTurn, g.position])).toEqual([[1, 'end']]);
  });
});

describe('call metrics: holds', () => {
  const call = makeCall('hold', [
    ['agent', 'Can I put you on hold for a moment?', 0, 3],
    ['customer', 'Sure.', 3.5, 4.5],
    ['agent', 'Thanks for holding, I have sorted it.', 94.5, 98],
    ['customer', 'Great.', 98.5, 99],
  ]);
  const { metrics, findings } = runPack(pack, call);

  it('reports an announced gap as a hold that the agent returned from', () => {
    expect(metrics.gaps).toEqual([
      { afterTurn: 1, beforeTurn: 2, fromMs: 4500, toMs: 94500, durationMs: 90000, kind: 'hold', position: 'mid-call', returned: true, estimated: false },
    ]);
    expect(metrics.holdCount).toBe(1);
    expect(metrics.holdTotalMs).toBe(90000);
    expect(metrics.longestHoldMs).toBe(90000);
    expect(metrics.deadAirCount).toBe(0);
  });

  it('does not report the hold as dead air', () => {
    expect(findings.filter((f) => f.ruleId === 'unit/silence')).toEqual([]);
  });

  it('an announcement too many turns before the gap does not count', () => {
    const early = makeCall('early', [
      ['agent', 'Can I put you on hold later?', 0, 2],
      ['customer', 'Fine.', 2.5, 3],
      ['agent', 'Okay.', 3.5, 4],
      ['customer', 'Yes.', 4.5, 5],
      ['agent', 'Thanks for holding.', 60, 62],
    ]);
    expect(runPack(pack, early).metrics.gaps.map((g) => g.kind)).toEqual(['dead-air']);
  });

  it('only an agent can announce a hold', () => {
    const customer = makeCall('cust', [
      ['customer', 'Can you put you on hold, ha.', 0, 2],
      ['agent', 'Let me see.', 2.5, 3],
      ['customer', 'Hello?', 40, 41],
    ]);
    // turn 1 (agent) has no announcement, turn 0 is the customer's
    expect(runPack(pack, customer).metrics.gaps.map((g) => g.kind)).toEqual(['dead-air']);
  });

  it('returned is false when the agent comes back without a return phrase', () => {
    const silent = makeCall('noreturn', [
      ['agent', 'I will put you on hold.', 0, 2],
      ['agent', 'Right, done.', 50, 52],
    ]);
    expect(runPack(pack, silent).metrics.gaps.map((g) => [g.kind, g.returned])).toEqual([['hold', false]]);
  });
});

describe('call metrics: untimed and partly timed calls', () => {
  it('an untimed call has null metrics with reasons, never 0', () => {
    const call = makeCall('untimed', [
      ['agent', 'Hello.'],
      ['customer', 'Hi.'],
    ]);
    const { metrics } = runPack(pack, call);
    expect(metrics.timed).toBe(false);
    expect(metrics.gaps).toEqual([]);
    expect(metrics.overtalks).toEqual([]);
    for (const key of ['handleTimeMs', 'nonTalkMs', 'nonTalkShare', 'agentTalkShare', 'longestGapMs', 'holdCount', 'holdTotalMs', 'longestHoldMs', 'deadAirCount', 'overtalkCount', 'overtalkMs', 'agentWordsPerMinute', 'agentWordsPerMinuteEnd', 'longestAgentMonologueMs'] as const) {
      expect(metrics[key], key).toBeNull();
      expect(typeof metrics.unavailable[key], key).toBe('string');
    }
    expect(metrics.talkMs).toEqual({ agent: null, customer: null });
  });

  it('a call with one untimed turn counts as untimed', () => {
    const call = makeCall('partly', [
      ['agent', 'Hello.', 0, 1],
      ['customer', 'Hi.'],
    ]);
    expect(runPack(pack, call).metrics.handleTimeMs).toBeNull();
  });

  it('a call with no turns has null metrics', () => {
    const { metrics, findings } = runPack(pack, makeCall('empty', []));
    expect(metrics.timed).toBe(false);
    expect(metrics.handleTimeMs).toBeNull();
    expect(typeof metrics.unavailable.handleTimeMs).toBe('string');
    expect(findings).toEqual([]);
  });

  it('starts-only transcripts: no overtalk (null with a reason), estimated turn ends', () => {
    const call = makeCall('starts', [
      ['agent', 'one two three four five', 0],
      ['customer', 'six', 3],
      ['agent', 'seven', 30],
    ]);
    const { metrics } = runPack(pack, call);
    expect(metrics.timed).toBe(true);
    expect(metrics.overtalkCount).toBeNull();
    expect(metrics.overtalkMs).toBeNull();
    expect(typeof metrics.unavailable.overtalkCount).toBe('string');
    // turn 1 ends at 3 s + max(0.5 s, 1 word / 2.5 words/s) = 3.5 s; the last turn at 30 s + 0.5 s
    expect(metrics.handleTimeMs).toBe(30500);
    expect(metrics.gaps).toEqual([expect.objectContaining({ afterTurn: 1, fromMs: 3500, toMs: 30000, kind: 'dead-air', estimated: true })]);
  });
});

describe('call metrics: overtalk and handle time', () => {
  it('counts overlapping turns of different speakers', () => {
    const call = makeCall('over', [
      ['agent', 'So what I need from you is', 0, 5],
      ['customer', 'It is the joint one', 3, 8],
      ['agent', 'Right', 9, 10],
      ['agent', 'and also', 9.5, 11],
      ['customer', 'Yes', 10.5, 12],
    ]);
    const { metrics } = runPack(pack, call);
    expect(metrics.overtalks).toEqual([
      { turn: 1, interrupter: 'customer', interrupted: 'agent', durationMs: 2000 },
      { turn: 4, interrupter: 'customer', interrupted: 'agent', durationMs: 500 },
    ]);
    expect(metrics.overtalkCount).toBe(2);
    expect(metrics.overtalkMs).toBe(2500);
  });

  it('no overtalk when turns only touch', () => {
    const call = makeCall('touch', [
      ['agent', 'One', 0, 2],
      ['customer', 'Two', 2, 4],
    ]);
    expect(runPack(pack, call).metrics.overtalkCount).toBe(0);
  });

  it('handle time runs from the first start to the latest end', () => {
    const call = makeCall('aht', [
      ['agent', 'Hello', 1.2, 3],
      ['customer', 'A long story', 3.5, 70],
      ['agent', 'Ok', 60, 61],
    ]);
    expect(runPack(pack, call).metrics.handleTimeMs).toBe(68800);
  });

  it('non-talk excludes announced holds when the pack says holds are not non-talk', () => {
    const call = makeCall('hold', [
      ['agent', 'Can I put you on hold?', 0, 2],
      ['agent', 'Thanks for holding.', 32, 34],
    ]);
    const counted = runPack(pack, call).metrics;
    expect(counted.nonTalkMs).toBe(30000);
    const notCounted = runPack({ ...pack, timing: { ...pack.timing, holdCountsAsNonTalk: false } }, call).metrics;
    expect(notCounted.nonTalkMs).toBe(0);
  });
});

describe('call metrics: turns out of time order', () => {
  // an export that lists the customer's overlapping turn after the agent's later one
  const call = makeCall('shuffled', [
    ['agent', 'Hello, how can I help?', 0, 3],
    ['agent', 'Right, found it.', 20, 23],
    ['customer', 'Hi, it is about my bill.', 2.5, 6],
  ]);
  const { metrics } = runPack(pack, call);

  it('measures gaps in time order, not in listing order', () => {
    expect(metrics.gaps).toEqual([expect.objectContaining({ afterTurn: 2, beforeTurn: 1, fromMs: 6000, toMs: 20000, durationMs: 14000 })]);
    expect(metrics.longestGapMs).toBe(14000);
  });

  it('finds the overlap between turns that are not adjacent in the listing', () => {
    expect(metrics.overtalks).toEqual([{ turn: 2, interrupter: 'customer', interrupted: 'agent', durationMs: 500 }]);
  });

  it('handle time runs from the earliest start', () => {
    expect(metrics.handleTimeMs).toBe(23000);
    expect(metrics.firstAgentTurnMs).toBe(0);
  });
});

describe('call metrics: very long calls', () => {
  it('a call of 150,000 turns is measured, not a RangeError (no spreading of turn lists into Math.max)', () => {
    const turns = Array.from({ length: 150_000 }, (_, i) => [i % 2 ? 'customer' : 'agent', 'okay', i, i + 0.5] as ['agent' | 'customer', string, number, number]);
    const run = runPack(unitPack(), makeCall('long', turns));
    expect(run.metrics.handleTimeMs).toBe(149_999_500);
    expect(run.metrics.firstAgentTurnMs).toBe(0);
  });
});

describe('call metrics: talk time on generated calls', () => {
  /** Union length of [start, end) spans, by sorting copies: the plain reference. */
  const union = (spans: [number, number][]) => {
    const sorted = spans.map(([s, e]) => [s, e] as [number, number]).sort((x, y) => x[0] - y[0]);
    let total = 0;
    let current: [number, number] | undefined;
    for (const [s, e] of sorted) {
      if (!current || s > current[1]) {
        if (current) total += current[1] - current[0];
        current = [s, e];
      } else current[1] = Math.max(current[1], e);
    }
    return current ? total + current[1] - current[0] : total;
  };

  it('equals the union of the spoken spans per speaker, in or out of time order, overlapping or not', () => {
    let seed = 3;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let c = 0; c < 300; c++) {
      const turns: [string, string, number, number][] = [];
      let clock = 0;
      for (let t = 0; t < 2 + next(12); t++) {
        clock += next(4) === 0 ? -next(6) : next(8);
        const start = Math.max(0, clock);
        turns.push([next(2) === 0 ? 'agent' : 'customer', 'some words here', start, start + next(7)]);
      }
      if (c % 3 === 0) turns.reverse();
      const { metrics } = runPack(pack, makeCall(`gen-${c}`, turns as never));
      const spans = (who?: string) => turns.filter((t) => who === undefined || t[0] === who).map((t) => [t[2] * 1000, t[3] * 1000] as [number, number]);
      expect(metrics.talkMs).toEqual({ agent: union(spans('agent')), customer: union(spans('customer')) });
      const first = Math.min(...turns.map((t) => t[2] * 1000));
      const last = Math.max(...turns.map((t) => t[3] * 1000));
      expect(metrics.nonTalkMs).toBe(last - first - union(spans()));
    }
  });
});
