import type { CallContext } from '../engine/call-context.js';
import type { Finding } from '../model/finding.js';
import type { GapRuleFile } from '../ruleset/rule-schema.js';
import type { CompiledRule, RuleInfo } from './compiled-rule.js';
import { makeFinding } from './make-finding.js';

/**
 * Silences between turns, already classified as holds or dead air by the call metrics. The finding
 * points at the turn that ends the silence; its gap evidence gives the exact interval.
 */
export function compileGapRule(info: RuleInfo, rule: GapRuleFile): CompiledRule {
  const minMs = rule.minSeconds * 1000;
  return {
    ...info,
    run(ctx: CallContext): Finding[] {
      return ctx.metrics.gaps
        .filter((g) => g.durationMs >= minMs)
        .filter((g) => rule.kind === 'any' || g.kind === rule.kind)
        .filter((g) => rule.position === 'any' || g.position === rule.position)
        .map((g) =>
          makeFinding(info, ctx, g.beforeTurn, {
            gap: { fromMs: g.fromMs, toMs: g.toMs, durationMs: g.durationMs, kind: g.kind },
          }),
        );
    },
  };
}
