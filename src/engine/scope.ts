import type { RuleScope } from '../ruleset/rule-schema.js';
import type { CallContext } from './call-context.js';

type Window = { amount: number; unit: 's' | 'turns' | '%' };

function parseWindow(spec: string): Window {
  const m = /^(\d+(?:\.\d+)?)\s*(s|turns?|%)$/.exec(spec.trim());
  if (!m) throw new Error(`bad window "${spec}"`);
  return { amount: Number(m[1]), unit: m[2] === '%' ? '%' : m[2] === 's' ? 's' : 'turns' };
}

/** Does turn i fall inside a first/last window? Seconds and percent use the (possibly estimated) timeline. */
function inWindow(ctx: CallContext, i: number, window: Window, fromEnd: boolean): boolean {
  const turns = ctx.timeline.turns;
  const n = turns.length;
  if (window.unit === 'turns') return fromEnd ? i >= n - window.amount : i < window.amount;
  const callStart = turns[0]!.startMs;
  const callEnd = ctx.timeline.endMs;
  const span = window.unit === 's' ? window.amount * 1000 : ((callEnd - callStart) * window.amount) / 100;
  const t = turns[i]!;
  return fromEnd ? t.endMs > callEnd - span : t.startMs < callStart + span;
}

export interface CompiledScope {
  speaker: 'agent' | 'customer' | 'any';
  first?: Window;
  last?: Window;
}

export function compileScope(scope: RuleScope): CompiledScope {
  return {
    speaker: scope.speaker,
    ...(scope.first ? { first: parseWindow(scope.first) } : {}),
    ...(scope.last ? { last: parseWindow(scope.last) } : {}),
  };
}

export function speakerMatches(wanted: 'agent' | 'customer' | 'any', actual: string): boolean {
  return wanted === 'any' || wanted === actual;
}

export function inScope(scope: CompiledScope, ctx: CallContext, i: number): boolean {
  if (!speakerMatches(scope.speaker, ctx.call.turns[i]!.speaker)) return false;
  if (scope.first && !inWindow(ctx, i, scope.first, false)) return false;
  if (scope.last && !inWindow(ctx, i, scope.last, true)) return false;
  return true;
}
