import type { CallContext } from '../engine/call-context.js';
import type { Finding } from '../model/finding.js';
import type { MetricRuleFile } from '../ruleset/rule-schema.js';
import type { CompiledRule, RuleInfo } from './compiled-rule.js';
import { makeFinding } from './make-finding.js';

const formatValue = (metric: string, value: number) =>
  metric.endsWith('Ms') ? `${Math.round(value / 1000)} s` : metric.endsWith('Share') ? `${Math.round(value * 100)} %` : String(Math.round(value));

/** A call metric above or below a threshold. The finding points at the last turn: the call as a whole. */
export function compileMetricRule(info: RuleInfo, rule: MetricRuleFile): CompiledRule {
  return {
    ...info,
    run(ctx: CallContext): Finding[] {
      const value = ctx.metrics[rule.metric];
      if (value === null || ctx.call.turns.length === 0) return [];
      const over = rule.above !== undefined && value > rule.above;
      const under = rule.below !== undefined && value < rule.below;
      if (!over && !under) return [];
      const limit = over ? rule.above! : rule.below!;
      return [
        makeFinding(info, ctx, ctx.call.turns.length - 1, {
          values: { value: formatValue(rule.metric, value), limit: formatValue(rule.metric, limit) },
        }),
      ];
    },
  };
}
