/**
 * How strongly a term belongs to agents rather than customers: the log-odds ratio with an
 * informative Dirichlet prior of Monroe, Colaresi & Quinn (2008, "Fightin' Words"). The prior is the
 * pooled use of the term by both sides, scaled to `priorStrength` pseudo-counts, so a term used
 * 3 times by agents and never by customers is not ranked above one used 300 times against 10; the
 * z-score divides by the estimate's standard error, so it rewards evidence, not just rarity.
 */
export interface Contrast {
  /** δ: log-odds of the term among agent terms minus among customer terms (> 0: agents use it more). */
  logOdds: number;
  /** δ divided by its standard error. */
  z: number;
}

export function logOddsContrast(agentCount: number, agentTotal: number, customerCount: number, customerTotal: number, priorStrength: number): Contrast {
  const pooled = agentTotal + customerTotal;
  if (pooled === 0) return { logOdds: 0, z: 0 };
  const alpha = (priorStrength * (agentCount + customerCount)) / pooled;
  const odds = (count: number, total: number) => Math.log((count + alpha) / Math.max(total + priorStrength - count - alpha, 1e-9));
  const logOdds = odds(agentCount, agentTotal) - odds(customerCount, customerTotal);
  const variance = 1 / (agentCount + alpha) + 1 / (customerCount + alpha);
  return { logOdds, z: logOdds / Math.sqrt(variance) };
}

/**
 * Evidence from customers asking what a term means: how many more of the agent turns using it were
 * followed by a question ("what's that?") than the run's overall rate predicts, on a log scale so a
 * handful of questions counts and a hundred does not swamp the contrast.
 */
export function askedEvidence(asked: number, uses: number, questionRate: number): number {
  const excess = asked - uses * questionRate;
  return excess > 0 ? Math.log2(1 + excess) : 0;
}

/** Fewest organisations in a corpus for the spread of a term across them to say anything. */
export const MIN_ORGS_FOR_SPREAD = 3;
/** The lowest spread weight: a term every organisation uses is held back, not thrown out. */
export const SPREAD_FLOOR = 0.1;

/**
 * How much a term belongs to some organisations rather than to all: the inverse document frequency
 * of the term over organisations, ln(N / n) / ln(N), from 1 (one organisation's agents use it) down
 * to the floor (every organisation's do). Jargon is one organisation's, or one industry's; a term the
 * agents of most organisations use ("team", "DM us", "feedback") is support-desk English. Without
 * organisations in the calls (a single organisation's export) it is 1.
 */
export function spreadWeight(orgsUsing: number, orgsTotal: number): number {
  if (orgsTotal < MIN_ORGS_FOR_SPREAD || orgsUsing <= 1) return 1;
  return Math.max(SPREAD_FLOOR, Math.log(orgsTotal / Math.min(orgsUsing, orgsTotal)) / Math.log(orgsTotal));
}
