import { evidenceOf, worstFinding } from '../formatters/worst-finding.js';
import type { CallResult } from '../model/result.js';

/** The lowest-scoring calls, kept as they stream past: what a pull-request comment shows. */
export interface WorstCall {
  id: string;
  file: string;
  score: number;
  agent?: string;
  worst?: { ruleId: string; turn: number; evidence: string };
}

export const WORST_CALLS = 10;

export function worstCallOf(r: CallResult): WorstCall {
  const w = worstFinding(r.findings);
  const agent = r.meta.agent;
  return {
    id: r.id,
    file: r.source.file,
    score: r.score,
    ...(agent !== undefined ? { agent: String(agent) } : {}),
    ...(w ? { worst: { ruleId: w.ruleId, turn: w.turn, evidence: evidenceOf(w) } } : {}),
  };
}

/** Lowest score first, then call id and file: the same list whatever order (or shards) the calls came in. */
export function keepWorst(list: WorstCall[], limit = WORST_CALLS): WorstCall[] {
  const key = (c: WorstCall) => [c.score, c.id, c.file] as const;
  return [...list]
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
    })
    .slice(0, limit);
}
