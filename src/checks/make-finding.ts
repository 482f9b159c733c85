import type { CallContext } from '../engine/call-context.js';
import type { Finding, GapEvidence } from '../model/finding.js';
import type { PhraseHit } from '../ruleset/phrase-set.js';
import type { RuleInfo } from './compiled-rule.js';

export interface FindingDetail {
  hit?: PhraseHit;
  gap?: GapEvidence;
  suggestion?: string;
  /** Extra {{name}} values for the message template. */
  values?: Record<string, string>;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}

export function makeFinding(rule: RuleInfo, ctx: CallContext, turn: number, detail: FindingDetail = {}): Finding {
  const t = ctx.call.turns[turn]!;
  const tokens = ctx.tokens[turn]!;
  let span: Finding['span'];
  if (detail.hit) {
    const start = tokens[detail.hit.from]!.start;
    const end = tokens[detail.hit.to - 1]!.end;
    span = { start, end, text: t.text.slice(start, end) };
  }
  const values: Record<string, string> = {
    match: span?.text ?? '',
    suggestion: detail.suggestion ?? '',
    ...(detail.gap ? { seconds: (detail.gap.durationMs / 1000).toFixed(0) } : {}),
    ...detail.values,
  };
  const startMs = detail.gap ? detail.gap.fromMs : t.startMs;
  return {
    ruleId: rule.id,
    signal: rule.signal,
    polarity: rule.polarity,
    ...(rule.subKind ? { subKind: rule.subKind } : {}),
    weight: rule.weight,
    severity: rule.severity,
    message: fill(rule.message, values),
    turn,
    speaker: t.speaker,
    ...(startMs !== undefined ? { startMs } : {}),
    ...(span ? { span } : {}),
    ...(detail.gap ? { gap: detail.gap } : {}),
    ...(detail.suggestion ? { suggestion: detail.suggestion } : {}),
  };
}
