import { readFileSync } from 'node:fs';
import { BaselineMatcher, baselineFileSchema, type BaselineEntry } from '../baseline/baseline.js';

/** Read and check a --baseline file; the error says what is wrong and how to make a good one. */
export function loadBaseline(file: string): { matcher: BaselineMatcher } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { error: `--baseline ${file}: cannot read: ${(e as Error).message}` };
  }
  const parsed = baselineFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : 'invalid';
    return { error: `--baseline ${file}: not a cxlint baseline (${where}); write one with \`cxlint baseline create INPUTS -o ${file}\`` };
  }
  return { matcher: new BaselineMatcher(parsed.data.entries) };
}

const MAX_LISTED = 5;

/** One stderr line for the stale entries, or none. */
export function staleLine(stale: BaselineEntry[]): string | undefined {
  if (stale.length === 0) return undefined;
  const shown = stale.slice(0, MAX_LISTED).map((e) => `${e.callId} ${e.ruleId} turn ${e.turn}`);
  return `cxlint: baseline: ${stale.length} stale entr${stale.length === 1 ? 'y' : 'ies'} no longer found (fixed, re-worded or the rule changed; re-create the baseline to drop them): ${shown.join(', ')}${stale.length > MAX_LISTED ? ', …' : ''}`;
}
