import { ahtTargetMs, type CallContext } from '../engine/call-context.js';
import { compileScope, inScope } from '../engine/scope.js';
import { PhraseGroup, compilePhraseSet, type PhraseHit } from '../ruleset/phrase-set.js';
import { findUncancelled } from './phrase-check.js';
import type { Finding } from '../model/finding.js';
import type { MetricRuleFile } from '../ruleset/rule-schema.js';
import type { CompiledRule, RuleInfo } from './compiled-rule.js';
import { makeFinding } from './make-finding.js';

const formatValue = (metric: string, value: number) =>
  metric.endsWith('Ms')
    ? `${Math.round(value / 1000)} s`
    : metric.endsWith('Share')
      ? `${Math.round(value * 100)} %`
      : metric.endsWith('Ratio')
        ? `×${value.toFixed(2)}`
        : String(Math.round(value));

/**
 * A call metric above or below a threshold (fixed, or the run's target for the call's queue), optionally
 * only when a turn also matches `when` phrases. The finding points at that turn, else at the last turn.
 */
export function compileMetricRule(info: RuleInfo, rule: MetricRuleFile, group: PhraseGroup = new PhraseGroup()): CompiledRule {
  const when = rule.when
    ? { scope: compileScope(rule.when.scope), matcher: { phrases: compilePhraseSet(rule.when.phrases, group), exceptions: compilePhraseSet([], group), turnExceptions: compilePhraseSet([], group) } }
    : undefined;
  return {
    ...info,
    run(ctx: CallContext): Finding[] {
      const value = ctx.metrics[rule.metric];
      if (value === null || ctx.call.turns.length === 0) return [];
      const above = (rule.aboveTarget === 'aht' ? ahtTargetMs(ctx.targets, ctx.call.meta.queue) : undefined) ?? rule.above;
      const over = above !== undefined && value > above;
      const under = rule.below !== undefined && value < rule.below;
      if (!over && !under) return [];
      const limit = over ? above! : rule.below!;
      let turn = ctx.call.turns.length - 1;
      let hit: PhraseHit | undefined;
      if (when) {
        const i = ctx.call.turns.findIndex((_, k) => inScope(when.scope, ctx, k) && (hit = findUncancelled(when.matcher, ctx.tokens[k]!)) !== undefined);
        if (i < 0) return [];
        turn = i;
      }
      return [
        makeFinding(info, ctx, turn, {
          ...(hit ? { hit } : {}),
          values: { value: formatValue(rule.metric, value), limit: formatValue(rule.metric, limit) },
        }),
      ];
    },
  };
}
