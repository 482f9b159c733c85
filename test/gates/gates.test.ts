import { describe, expect, it } from 'vitest';
import { exitCode } from '../../src/cli/score-command.js';
import { hasGates, parseGateSpec } from '../../src/gates/gate-spec.js';
import { addToGates, emptyGateState, evaluateGates, mergeGateStates, type GateState } from '../../src/gates/gates.js';
import type { Finding } from '../../src/model/finding.js';
import type { CallResult } from '../../src/model/result.js';

const finding = (signal: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId: `p/${signal}`,
  signal,
  polarity: 'inward',
  weight: 5,
  severity: 'warning',
  message: 'm',
  turn: 1,
  speaker: 'agent',
  ...extra,
});

const result = (id: string, score: number, findings: Finding[] = [], extra: Partial<CallResult> = {}): CallResult =>
  ({ id, source: { file: 'f', record: 0 }, meta: {}, score, penalty: 0, bonus: 0, turnCount: 2, signals: [], findings, metrics: {}, ...extra }) as CallResult;

function stateOf(results: CallResult[], firstSeq = 0): GateState {
  const s = emptyGateState();
  results.forEach((r, i) => addToGates(s, r, firstSeq + i));
  return s;
}

const calls = [
  result('a', 90, [finding('referral'), finding('referral', { turn: 3 })]),
  result('b', 60, [finding('jargon', { severity: 'error' })]),
  result('c', 100, [finding('empathy', { polarity: 'outward', severity: 'info' })]),
  result('d', 75, [finding('referral', { severity: 'info' })]),
  result('e', 70),
];

describe('evaluateGates', () => {
  const state = stateOf(calls);

  it('no gate, no failure', () => {
    expect(evaluateGates({}, state)).toEqual([]);
    expect(hasGates({})).toBe(false);
    expect(hasGates({ maxPrevalence: {} })).toBe(false);
    expect(hasGates({ failOn: 'error' })).toBe(true);
  });

  it('--fail-under: any call strictly below, named in input order', () => {
    expect(evaluateGates({ failUnder: 60 }, state)).toEqual([]);
    const [f] = evaluateGates({ failUnder: 75 }, state);
    expect(f?.gate).toBe('fail-under');
    expect(f?.message).toBe('2 call(s) scored below --fail-under 75: b (60), e (70)');
  });

  it('--fail-mean-under: the mean as reported (one decimal); no calls, no failure', () => {
    // (90 + 60 + 100 + 75 + 70) / 5 = 79
    expect(evaluateGates({ failMeanUnder: 79 }, state)).toEqual([]);
    expect(evaluateGates({ failMeanUnder: 79.1 }, state).map((f) => f.gate)).toEqual(['fail-mean-under']);
    expect(evaluateGates({ failMeanUnder: 100 }, emptyGateState())).toEqual([]);
  });

  it('--max-prevalence: more than PCT % of calls, counted once per call, outward signals too', () => {
    // referral on a and d: 2 of 5 = 40 %
    expect(evaluateGates({ maxPrevalence: { referral: 40 } }, state)).toEqual([]);
    const [f] = evaluateGates({ maxPrevalence: { referral: 39.9 } }, state);
    expect(f).toMatchObject({ gate: 'max-prevalence' });
    expect(f?.message).toContain('(2 of 5)');
    expect(evaluateGates({ maxPrevalence: { empathy: 10 } }, state).map((x) => x.gate)).toEqual(['max-prevalence']);
    expect(evaluateGates({ maxPrevalence: { 'never-seen': 0 } }, state)).toEqual([]);
    // exactly 20 % is not more than 20 %
    expect(evaluateGates({ maxPrevalence: { jargon: 20 } }, state)).toEqual([]);
  });

  it('--max-findings: inward findings only', () => {
    expect(state.findings).toBe(4);
    expect(evaluateGates({ maxFindings: 4 }, state)).toEqual([]);
    expect(evaluateGates({ maxFindings: 3 }, state).map((f) => f.gate)).toEqual(['max-findings']);
  });

  it('--fail-on: warning counts warnings and errors, error only errors, info never', () => {
    const [w] = evaluateGates({ failOn: 'warning' }, state);
    expect(w?.message).toBe('3 finding(s) of severity warning or above (--fail-on warning): a p/referral turn 1, a p/referral turn 3, b p/jargon turn 1');
    const [e] = evaluateGates({ failOn: 'error' }, state);
    expect(e?.message).toMatch(/^1 finding\(s\) of severity error/);
    expect(evaluateGates({ failOn: 'error' }, stateOf([calls[0]!, calls[2]!, calls[3]!]))).toEqual([]);
  });

  it('every failing gate gives one failure, in a fixed order', () => {
    const all = evaluateGates({ failUnder: 100, failMeanUnder: 100, maxPrevalence: { referral: 0, jargon: 0 }, maxFindings: 0, failOn: 'warning' }, state);
    expect(all.map((f) => f.gate)).toEqual(['fail-under', 'fail-mean-under', 'max-prevalence', 'max-prevalence', 'max-findings', 'fail-on']);
    expect(all.every((f) => !f.message.includes('\n'))).toBe(true);
  });

  it('baselined findings are not counted and score gates judge the score without them', () => {
    const baselined = stateOf([
      result('x', 80, [finding('referral', { baselined: true }), finding('jargon')], { baseline: { findings: 1, score: 95 } }),
    ]);
    expect(baselined.findings).toBe(1);
    expect(baselined.baselined).toBe(1);
    expect(baselined.signalCalls).toEqual({ jargon: 1 });
    expect(evaluateGates({ failUnder: 90, maxPrevalence: { referral: 0 } }, baselined)).toEqual([]);
    const [f] = evaluateGates({ maxFindings: 0 }, baselined);
    expect(f?.message).toContain('1 baselined finding(s) not counted');
  });

  it('merging the states of parts equals the state of the whole', () => {
    const parts = [stateOf(calls.slice(0, 2)), stateOf(calls.slice(2, 3), 2), stateOf(calls.slice(3), 3)];
    expect(mergeGateStates(parts)).toEqual(state);
    // shards hold interleaved calls: the merge puts them back in input order
    const odd = emptyGateState();
    const even = emptyGateState();
    calls.forEach((r, i) => addToGates(i % 2 === 1 ? odd : even, r, i));
    expect(mergeGateStates([odd, even])).toEqual(state);
    expect(mergeGateStates([])).toEqual(emptyGateState());
  });
});

describe('parseGateSpec', () => {
  it('parses command-line strings and config values', () => {
    expect(parseGateSpec({ failUnder: '70', failMeanUnder: 80, maxFindings: '0', failOn: 'error', maxPrevalence: ['referral=20', 'jargon=5%,empathy=0'] })).toEqual({
      spec: { failUnder: 70, failMeanUnder: 80, maxFindings: 0, failOn: 'error', maxPrevalence: { referral: 20, jargon: 5, empathy: 0 } },
    });
    expect(parseGateSpec({ maxPrevalence: { referral: 20, jargon: '5' } })).toEqual({ spec: { maxPrevalence: { referral: 20, jargon: 5 } } });
  });

  it.each([
    [{ failUnder: 'abc' }, '--fail-under'],
    [{ failMeanUnder: '' }, '--fail-mean-under'],
    [{ maxFindings: '-1' }, '--max-findings'],
    [{ maxFindings: '1.5' }, '--max-findings'],
    [{ failOn: 'info' }, '--fail-on'],
    [{ maxPrevalence: ['referral'] }, '--max-prevalence'],
    [{ maxPrevalence: ['referral=120'] }, '--max-prevalence'],
    [{ maxPrevalence: ['=20'] }, '--max-prevalence'],
  ])('%j is a usage error naming %s', (input, flag) => {
    const r = parseGateSpec(input);
    expect('error' in r && r.error).toContain(flag);
  });

  it('an unknown signal is an error listing the known ones', () => {
    const r = parseGateSpec({ maxPrevalence: ['referal=20'] }, ['referral', 'jargon']);
    expect('error' in r && r.error).toContain('referral, jargon');
  });
});

describe('exitCode', () => {
  it.each([
    [{ configError: false, runErrors: 0, gateFailures: 0, reportOnly: false }, 0],
    [{ configError: false, runErrors: 0, gateFailures: 2, reportOnly: false }, 1],
    [{ configError: false, runErrors: 1, gateFailures: 2, reportOnly: false }, 2],
    [{ configError: false, runErrors: 1, gateFailures: 2, reportOnly: true }, 0],
    [{ configError: true, runErrors: 0, gateFailures: 0, reportOnly: true }, 2],
  ])('%j → %i', (input, code) => expect(exitCode(input)).toBe(code));
});
