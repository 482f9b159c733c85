import { describe, expect, it } from 'vitest';
import { runPack } from '../../src/engine/run-pack.js';
import type { Finding, Polarity } from '../../src/model/finding.js';
import type { CompiledPack } from '../../src/ruleset/compile-pack.js';
import { scoreCall, scoreFindings } from '../../src/scoring/score-call.js';
import { makeCall, unitPack } from '../helpers/fixtures.js';

const policy: CompiledPack['scoring'] = {
  start: 100,
  min: 0,
  max: 100,
  signalCap: 10,
  signalCaps: { jargon: 4 },
  outwardCap: 5,
};

const finding = (signal: string, polarity: Polarity, weight: number, turn = 0): Finding => ({
  ruleId: `test/${signal}`,
  signal,
  polarity,
  weight,
  severity: 'warning',
  message: 'm',
  turn,
  speaker: 'agent',
});

describe('scoreFindings', () => {
  it('starts at the policy start with no findings', () => {
    expect(scoreFindings([], policy)).toEqual({ score: 100, penalty: 0, bonus: 0, signals: [] });
    expect(scoreFindings([], { ...policy, start: 80 }).score).toBe(80);
  });

  it('subtracts each inward weight while under the cap', () => {
    const r = scoreFindings([finding('apology', 'inward', 3), finding('apology', 'inward', 4)], policy);
    expect(r).toEqual({ score: 93, penalty: 7, bonus: 0, signals: [{ signal: 'apology', polarity: 'inward', count: 2, points: 7 }] });
  });

  it('caps the penalty of each signal at signalCap, or at its own cap', () => {
    const r = scoreFindings(
      [
        finding('apology', 'inward', 6),
        finding('apology', 'inward', 6),
        finding('apology', 'inward', 6),
        finding('jargon', 'inward', 3),
        finding('jargon', 'inward', 3),
      ],
      policy,
    );
    expect(r.signals).toEqual([
      { signal: 'apology', polarity: 'inward', count: 3, points: 10 },
      { signal: 'jargon', polarity: 'inward', count: 2, points: 4 },
    ]);
    expect(r.penalty).toBe(14);
    expect(r.score).toBe(86);
  });

  it('caps the total outward bonus at outwardCap, but reports each outward signal in full', () => {
    const r = scoreFindings(
      [finding('apology', 'inward', 20), finding('kindness', 'outward', 4), finding('kindness', 'outward', 4), finding('care', 'outward', 2)],
      policy,
    );
    expect(r.penalty).toBe(10);
    expect(r.bonus).toBe(5);
    expect(r.score).toBe(95);
    expect(r.signals.filter((s) => s.polarity === 'outward')).toEqual([
      { signal: 'care', polarity: 'outward', count: 1, points: 2 },
      { signal: 'kindness', polarity: 'outward', count: 2, points: 8 },
    ]);
  });

  it('clamps the score to max', () => {
    expect(scoreFindings([finding('kindness', 'outward', 4)], policy).score).toBe(100);
    expect(scoreFindings([finding('kindness', 'outward', 4)], { ...policy, max: 102 }).score).toBe(102);
  });

  it('clamps the score to min', () => {
    const heavy = { ...policy, start: 20, signalCap: 50 };
    const r = scoreFindings([finding('apology', 'inward', 30), finding('jargon', 'inward', 9)], heavy);
    expect(r.penalty).toBe(30 + 4);
    expect(r.score).toBe(0);
    expect(scoreFindings([finding('apology', 'inward', 30)], { ...heavy, min: 5 }).score).toBe(5);
  });

  it('lists signals in name order, whatever the finding order', () => {
    const r = scoreFindings([finding('zeta', 'inward', 1), finding('alpha', 'inward', 1), finding('mid', 'outward', 1)], policy);
    expect(r.signals.map((s) => s.signal)).toEqual(['alpha', 'mid', 'zeta']);
  });

  it('rounds fractional weights to two decimals', () => {
    const r = scoreFindings([finding('apology', 'inward', 0.1), finding('apology', 'inward', 0.2)], policy);
    expect(r.penalty).toBe(0.3);
    expect(r.score).toBe(99.7);
  });
});

describe('scoreCall with a pack built for the test', () => {
  const pack = unitPack();

  it('scores a call from the findings of its rules and the pack policy', () => {
    const call = makeCall(
      'c1',
      [
        ['agent', 'Sorry, the system is slow.'],
        ['customer', 'Sorry, my phone is slow.'],
        ['agent', 'Sorry, it is down again. It has gone to tier 2 and the back office.'],
        ['agent', 'Sorry, so slow. Happy to help.'],
        ['agent', 'I am happy to help with tier 2.'],
      ],
      { agent: 'Tom' },
    );
    const run = runPack(pack, call);
    const result = scoreCall(call, run, pack);
    // apology: 3 agent turns × 6 = 18 → capped at 10; jargon: 3 terms × 3 = 9 → capped at 4;
    // kindness: 2 × 4 = 8 → total bonus capped at 5
    expect(result.signals).toEqual([
      { signal: 'apology', polarity: 'inward', count: 3, points: 10 },
      { signal: 'jargon', polarity: 'inward', count: 3, points: 4 },
      { signal: 'kindness', polarity: 'outward', count: 2, points: 8 },
    ]);
    expect(result).toMatchObject({ id: 'c1', meta: { agent: 'Tom' }, score: 91, penalty: 14, bonus: 5, turnCount: 5 });
    expect(result.findings).toBe(run.findings);
    expect(result.metrics).toBe(run.metrics);
    expect(result.ruleErrors).toBeUndefined();
  });

  it('carries rule failures into the result', () => {
    const broken = { ...pack, rules: [{ ...pack.rules[0]!, run: () => { throw new Error('boom'); } }] };
    const call = makeCall('c2', [['agent', 'Hello']]);
    const result = scoreCall(call, runPack(broken, call), broken);
    expect(result.ruleErrors).toEqual([{ ruleId: pack.rules[0]!.id, message: 'boom' }]);
    expect(result.score).toBe(100);
  });
});

describe('outward share of the penalty', () => {
  it('gives back at most the pack\'s share of what the call lost, so inward findings always show', () => {
    const half = { ...policy, outwardCap: 15, outwardShareOfPenalty: 0.5 };
    expect(scoreFindings([finding('referral', 'inward', 6), finding('empathy', 'outward', 10)], half)).toMatchObject({ penalty: 6, bonus: 3, score: 97 });
    expect(scoreFindings([finding('empathy', 'outward', 10)], half)).toMatchObject({ penalty: 0, bonus: 0, score: 100 });
  });
});
