import type { Call } from '../model/call.js';
import type { Finding } from '../model/finding.js';
import type { CallResult, SignalScore } from '../model/result.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import type { PackRun } from '../engine/run-pack.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * signals.md scoring: start, minus each inward finding's weight with the penalty of each signal
 * capped, plus outward weights with the total bonus capped, clamped. Every number is the pack's.
 */
export function scoreFindings(findings: Finding[], policy: CompiledPack['scoring']) {
  const bySignal = new Map<string, { polarity: Finding['polarity']; count: number; raw: number }>();
  for (const f of findings) {
    const s = bySignal.get(f.signal) ?? { polarity: f.polarity, count: 0, raw: 0 };
    s.count++;
    s.raw += f.weight;
    bySignal.set(f.signal, s);
  }
  const signals: SignalScore[] = [];
  let penalty = 0;
  let rawBonus = 0;
  for (const [signal, s] of [...bySignal].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const points = s.polarity === 'inward' ? Math.min(s.raw, policy.signalCaps[signal] ?? policy.signalCap) : s.raw;
    if (s.polarity === 'inward') penalty += points;
    else rawBonus += points;
    signals.push({ signal, polarity: s.polarity, count: s.count, points: round2(points) });
  }
  const bonus = Math.min(rawBonus, policy.outwardCap, policy.outwardShareOfPenalty === undefined ? Infinity : penalty * policy.outwardShareOfPenalty);
  const score = Math.min(policy.max, Math.max(policy.min, policy.start - penalty + bonus));
  return { score: round2(score), penalty: round2(penalty), bonus: round2(bonus), signals };
}

export function scoreCall(call: Call, run: PackRun, pack: CompiledPack, notes: string[] = []): CallResult {
  return {
    id: call.id,
    source: call.source,
    meta: call.meta,
    ...scoreFindings(run.findings, pack.scoring),
    turnCount: call.turns.length,
    findings: run.findings,
    metrics: run.metrics,
    ...(run.ruleErrors.length > 0 ? { ruleErrors: run.ruleErrors } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}
