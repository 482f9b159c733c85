import { describe, expect, it } from 'vitest';
import { BaselineMatcher, collectBaseline } from '../../src/baseline/baseline.js';
import { findingFingerprint, normaliseEvidence } from '../../src/baseline/fingerprint.js';
import type { Finding } from '../../src/model/finding.js';
import type { CallResult } from '../../src/model/result.js';

const finding = (ruleId: string, turn: number, text: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  signal: ruleId.split('/')[1]!,
  polarity: 'inward',
  weight: 10,
  severity: 'warning',
  message: 'm',
  turn,
  speaker: 'agent',
  span: { start: 0, end: text.length, text },
  ...extra,
});

const result = (id: string, findings: Finding[]): CallResult =>
  ({ id, source: { file: 'f', record: 0 }, meta: {}, score: 100 - findings.filter((f) => f.polarity === 'inward').length * 10, penalty: 0, bonus: 0, turnCount: 5, signals: [], findings, metrics: {} }) as unknown as CallResult;

const scoring = { start: 100, min: 0, max: 100, signalCap: 100, signalCaps: {}, outwardCap: 15 };

describe('fingerprints', () => {
  it('call id + rule id + turn + the evidence, whatever its case, punctuation or spacing', () => {
    const a = findingFingerprint('c1', finding('p/referral', 3, "You'll need to call  Billing."));
    expect(findingFingerprint('c1', finding('p/referral', 3, "you'll NEED to call billing"))).toBe(a);
    expect(findingFingerprint('c2', finding('p/referral', 3, "You'll need to call Billing."))).not.toBe(a);
    expect(findingFingerprint('c1', finding('p/other', 3, "You'll need to call Billing."))).not.toBe(a);
    expect(findingFingerprint('c1', finding('p/referral', 4, "You'll need to call Billing."))).not.toBe(a);
    expect(findingFingerprint('c1', finding('p/referral', 3, 'Call the shop.'))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it('the same with and without --show-pii: evidence is redacted before it is hashed', () => {
    expect(normaliseEvidence('card 4111 1111 1111 1111 please')).toBe(normaliseEvidence('card [CARD] please'));
    expect(findingFingerprint('c', finding('p/x', 1, 'mail me at a.b@example.com'))).toBe(findingFingerprint('c', finding('p/x', 1, 'mail me at [EMAIL]')));
  });

  it('a gap is identified by its kind, not its exact length', () => {
    const gap = (ms: number) => ({ ...finding('p/dead-air', 2, ''), span: undefined, gap: { fromMs: 0, toMs: ms, durationMs: ms, kind: 'dead-air' as const } });
    expect(findingFingerprint('c', gap(25000))).toBe(findingFingerprint('c', gap(26000)));
  });
});

describe('baseline', () => {
  const today = [
    result('b', [finding('p/referral', 1, 'call billing'), finding('p/referral', 1, 'call billing'), finding('p/empathy', 2, 'sorry to hear', { polarity: 'outward' })]),
    result('a', [finding('p/jargon', 4, 'RMA')]),
  ];

  it('records inward findings only, sorted by call, rule and turn, counting repeats', () => {
    const c = collectBaseline();
    for (const r of today) c.add(r);
    expect(c.entries().map((e) => [e.callId, e.ruleId, e.turn, e.count])).toEqual([
      ['a', 'p/jargon', 4, 1],
      ['b', 'p/referral', 1, 2],
    ]);
  });

  it('marks baselined findings, keeps them, scores the call without them, and finds stale entries', () => {
    const c = collectBaseline();
    for (const r of today) c.add(r);
    const entries = [...c.entries(), { fingerprint: 'gone', callId: 'a', ruleId: 'p/old', turn: 0, count: 1 }, { fingerprint: 'elsewhere', callId: 'z', ruleId: 'p/x', turn: 0, count: 1 }];
    const m = new BaselineMatcher(entries);
    const later = m.apply(result('b', [finding('p/referral', 1, 'Call Billing!'), finding('p/referral', 1, 'call billing'), finding('p/referral', 1, 'call billing'), finding('p/empathy', 2, 'sorry', { polarity: 'outward' })]), scoring);
    expect(later.findings.map((f) => f.baselined ?? false)).toEqual([true, true, false, false]);
    // 100 − 10 for the one new referral + 10 for empathy; counting the baselined two it would be 80
    expect(later.baseline).toEqual({ findings: 2, score: 100 });
    const a = m.apply(result('a', []), scoring);
    expect(a.baseline).toEqual({ findings: 0, score: 100 });
    expect(m.stale().map((e) => e.ruleId)).toEqual(['p/jargon', 'p/old']);
    expect(m.unchecked()).toBe(1);
  });
});
