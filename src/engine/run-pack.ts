import type { Call } from '../model/call.js';
import type { Finding } from '../model/finding.js';
import { tokenize } from '../nlp/tokenize.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { findPhrase } from '../ruleset/phrase-set.js';
import type { CallContext, RunTargets } from './call-context.js';
import { computeMetrics, type CallMetrics } from './call-metrics.js';
import { buildTimeline } from './call-timeline.js';

export interface RuleFailure {
  ruleId: string;
  message: string;
}

export interface PackRun {
  findings: Finding[];
  metrics: CallMetrics;
  /** Rules that threw on this call: reported, never fatal. */
  ruleErrors: RuleFailure[];
}

const byPosition = (a: Finding, b: Finding) =>
  a.turn - b.turn || (a.span?.start ?? -1) - (b.span?.start ?? -1) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/**
 * Two rules of one signal quoting overlapping words of a turn ("raise an RMA" as a glossary term and
 * "RMA" as an acronym) are one piece of evidence: keep the heavier finding, so a phrase costs once.
 */
function oneFindingPerEvidence(sorted: Finding[], separate: Set<string>): Finding[] {
  const kept: Finding[] = [];
  for (const f of sorted) {
    if (!f.span || separate.has(f.ruleId)) {
      kept.push(f);
      continue;
    }
    const clash = kept.findIndex(
      (k) =>
        k.turn === f.turn && k.signal === f.signal && !separate.has(k.ruleId) && k.span !== undefined && k.span.start < f.span!.end && f.span!.start < k.span.end,
    );
    if (clash < 0) kept.push(f);
    else if (f.weight > kept[clash]!.weight) kept[clash] = f;
  }
  return kept;
}

export function runPack(pack: CompiledPack, call: Call, targets: RunTargets = {}): PackRun {
  const tokens = call.turns.map((t) => tokenize(t.text));
  const timeline = buildTimeline(call, pack.timing.wordsPerSecond);
  const metrics = computeMetrics(call, timeline, pack.timing, {
    announcedAt: (i) => findPhrase(pack.holdAnnounce, tokens[i]!) !== undefined,
    returnedAt: (i) => findPhrase(pack.holdReturn, tokens[i]!) !== undefined,
  });
  const ctx: CallContext = { call, tokens, timeline, metrics, targets };
  const findings: Finding[] = [];
  const ruleErrors: RuleFailure[] = [];
  for (const rule of pack.rules) {
    try {
      for (const f of rule.run(ctx)) findings.push(f);
    } catch (e) {
      ruleErrors.push({ ruleId: rule.id, message: (e as Error).message });
    }
  }
  findings.sort(byPosition);
  // a metric rule's words only locate a measured fact (handle time over target): never merged away
  return { findings: oneFindingPerEvidence(findings, pack.metricRuleIds), metrics, ruleErrors };
}
