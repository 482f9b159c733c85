/**
 * How many calls had each score, as [score, calls] pairs in ascending score order: every statistic
 * of the summary and the gates, exactly, in memory that grows with the number of distinct scores
 * (a few hundred at most), not with the number of calls. Sorted pairs are also canonical JSON, so
 * one run and the merge of its shards write the same bytes.
 */
export type ScoreCounts = [score: number, calls: number][];

/** Index of the score's pair, or where it would go (binary search). */
function position(counts: readonly [number, ...unknown[]][], score: number): number {
  let lo = 0;
  let hi = counts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (counts[mid]![0] < score) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The entry for `score` in a list sorted by score, inserted with `make` when missing. */
export function entryFor<T extends [number, ...unknown[]]>(list: T[], score: number, make: () => T): T {
  const at = position(list, score);
  if (list[at]?.[0] !== score) list.splice(at, 0, make());
  return list[at]!;
}

export function addScore(counts: ScoreCounts, score: number, calls = 1): void {
  entryFor(counts, score, () => [score, 0])[1] += calls;
}

export function mergeScoreCounts(parts: readonly ScoreCounts[]): ScoreCounts {
  const merged: ScoreCounts = [];
  for (const part of parts) for (const [score, calls] of part) addScore(merged, score, calls);
  return merged;
}

export const callCount = (counts: ScoreCounts) => counts.reduce((n, [, calls]) => n + calls, 0);

/**
 * The sum of every call's score, added one call at a time in ascending order: the same additions,
 * so the same floating-point result, as summing the sorted list of scores.
 */
export function sumOfScores(counts: ScoreCounts): number {
  let sum = 0;
  for (const [score, calls] of counts) for (let i = 0; i < calls; i++) sum += score;
  return sum;
}

/** The score at 1-based rank `rank` in ascending order (undefined outside 1..calls). */
export function scoreAtRank(counts: ScoreCounts, rank: number): number | undefined {
  let seen = 0;
  for (const [score, calls] of counts) {
    seen += calls;
    if (rank <= seen) return rank >= 1 ? score : undefined;
  }
  return undefined;
}
