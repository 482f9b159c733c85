import type { RunTargets } from '../engine/call-context.js';
import { runPack, type RuleFailure } from '../engine/run-pack.js';
import type { Call } from '../model/call.js';
import type { CallResult } from '../model/result.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { scoreCall } from './score-call.js';

/** One call through the pack and the scoring: the part of a run that needs nothing from other calls. */
export interface ScoredCall {
  result: CallResult;
  /** Rules that threw on this call: reported, never fatal. */
  ruleErrors: RuleFailure[];
}

export function runAndScore(pack: CompiledPack, call: Call, targets: RunTargets, notes: string[]): ScoredCall {
  const run = runPack(pack, call, targets);
  return { result: scoreCall(call, run, pack, notes), ruleErrors: run.ruleErrors };
}
