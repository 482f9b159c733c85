import { describe, expect, it } from 'vitest';
import { askedEvidence, logOddsContrast, SPREAD_FLOOR, spreadWeight } from '../../src/jargon/contrast-score.js';

const z = (a: number, b: number, totals = 10_000, prior = 0.1 * 2 * 10_000) => logOddsContrast(a, totals, b, totals, prior).z;

describe('logOddsContrast (Monroe et al. 2008)', () => {
  it('is zero when both sides use a term at the same rate, and antisymmetric', () => {
    expect(z(20, 20)).toBeCloseTo(0, 10);
    expect(z(30, 5)).toBeCloseTo(-z(5, 30), 10);
    expect(logOddsContrast(0, 0, 0, 0, 10)).toEqual({ logOdds: 0, z: 0 });
  });

  it('is positive for terms agents use more, and compares rates, not counts', () => {
    expect(z(30, 5)).toBeGreaterThan(0);
    expect(logOddsContrast(30, 20_000, 15, 10_000, 3000).z).toBeCloseTo(0, 1);
  });

  it('rewards evidence: the same ratio on more uses scores higher', () => {
    expect(z(300, 30)).toBeGreaterThan(z(30, 3));
    expect(z(30, 0)).toBeGreaterThan(z(3, 0));
  });

  it('does not rank a rare exclusive term above a frequent, strongly agent-side one', () => {
    expect(z(300, 20)).toBeGreaterThan(z(3, 0));
  });

  it('shrinks towards zero as the prior grows', () => {
    const weak = logOddsContrast(30, 10_000, 2, 10_000, 100).logOdds;
    const strong = logOddsContrast(30, 10_000, 2, 10_000, 20_000).logOdds;
    expect(weak).toBeGreaterThan(strong);
    expect(strong).toBeGreaterThan(0);
  });
});

describe('askedEvidence', () => {
  it('counts only questions beyond the run\u2019s usual rate, on a log scale', () => {
    expect(askedEvidence(0, 10, 0.05)).toBe(0);
    expect(askedEvidence(5, 100, 0.05)).toBe(0);
    expect(askedEvidence(3, 4, 0.05)).toBeCloseTo(Math.log2(1 + 3 - 0.2), 10);
    expect(askedEvidence(40, 40, 0)).toBeLessThan(6);
  });
});

describe('spreadWeight (inverse document frequency over organisations)', () => {
  it('is 1 for one organisation’s term, or when the calls name fewer than three organisations', () => {
    expect(spreadWeight(1, 100)).toBe(1);
    expect(spreadWeight(0, 100)).toBe(1);
    expect(spreadWeight(2, 2)).toBe(1);
    expect(spreadWeight(5, 0)).toBe(1);
  });

  it('falls as more organisations use the term, to the floor when all of them do', () => {
    expect(spreadWeight(2, 100)).toBeCloseTo(Math.log(50) / Math.log(100), 10);
    expect(spreadWeight(2, 100)).toBeGreaterThan(spreadWeight(10, 100));
    expect(spreadWeight(10, 100)).toBeGreaterThan(spreadWeight(50, 100));
    expect(spreadWeight(100, 100)).toBe(SPREAD_FLOOR);
    expect(spreadWeight(150, 100)).toBe(SPREAD_FLOOR);
  });
});
