import type { CallContext } from '../engine/call-context.js';
import { compileScope, inScope, speakerMatches } from '../engine/scope.js';
import type { Finding } from '../model/finding.js';
import type { SequenceRuleFile } from '../ruleset/rule-schema.js';
import { PhraseGroup, compilePhraseSet, findPhrase, type PhraseHit } from '../ruleset/phrase-set.js';
import { findUncancelled } from './phrase-check.js';
import type { CompiledRule, RuleInfo } from './compiled-rule.js';
import { makeFinding } from './make-finding.js';

/** A then B: B is a phrase in a later turn, or a silence of gapSeconds, within N turns or seconds of A. */
export function compileSequenceRule(info: RuleInfo, rule: SequenceRuleFile, group: PhraseGroup = new PhraseGroup()): CompiledRule {
  const scope = compileScope(rule.scope);
  // the first step's own speaker is checked by the step; the scope only bounds where in the call
  const scopeAnySpeaker = { ...scope, speaker: 'any' as const };
  const step = (s: SequenceRuleFile['first']) => ({
    speaker: s.speaker,
    matcher: { phrases: compilePhraseSet(s.phrases, group), exceptions: compilePhraseSet(s.exceptions, group), turnExceptions: compilePhraseSet([], group) },
    any: s.phrases.length === 0,
  });
  const first = step(rule.first);
  const then = rule.then ? step(rule.then) : undefined;
  /** A hit, an empty hit (step without phrases: any turn), or undefined. */
  const matchStep = (s: ReturnType<typeof step>, tokens: CallContext['tokens'][number]): PhraseHit | null | undefined =>
    s.any ? (tokens.length > 0 && !findPhrase(s.matcher.exceptions, tokens) ? null : undefined) : findUncancelled(s.matcher, tokens);
  const gapMs = rule.gapSeconds !== undefined ? rule.gapSeconds * 1000 : undefined;
  const maxTurns = rule.within.turns ?? Infinity;
  const maxMs = rule.within.seconds !== undefined ? rule.within.seconds * 1000 : Infinity;

  return {
    ...info,
    run(ctx: CallContext): Finding[] {
      const findings: Finding[] = [];
      const turns = ctx.call.turns;
      const tl = ctx.timeline.turns;
      // the first step matches only where its phrases have candidates (any turn when it has none)
      const firstTurns = first.any ? turns.map((_, i) => i) : first.matcher.phrases.group.turnsWithCandidates(first.matcher.phrases, ctx.tokens);
      // Without a silence to look for, a first step can only lead somewhere when a turn where the
      // second step has candidates follows within the turn limit: nextThen[i] is the first such turn after i.
      const nextThen = gapMs === undefined && then && !then.any ? nextCandidateTurns(then.matcher.phrases.group.turnsWithCandidates(then.matcher.phrases, ctx.tokens), turns.length) : undefined;
      for (const i of firstTurns) {
        if (nextThen && nextThen[i]! - i > maxTurns) continue;
        if (!speakerMatches(first.speaker, turns[i]!.speaker) || !inScope(scopeAnySpeaker, ctx, i)) continue;
        const a = matchStep(first, ctx.tokens[i]!);
        if (a === undefined) continue;
        let b: { turn: number; hit?: PhraseHit } | undefined;
        for (let j = i + 1; j < turns.length && j - i <= maxTurns && tl[j]!.startMs - tl[i]!.endMs <= maxMs; j++) {
          if (then && speakerMatches(then.speaker, turns[j]!.speaker)) {
            const hit = matchStep(then, ctx.tokens[j]!);
            if (hit !== undefined) b = { turn: j, ...(hit ? { hit } : {}) };
          }
          if (gapMs !== undefined && ctx.timeline.timed && tl[j]!.startMs - tl[j - 1]!.endMs >= gapMs) b = { turn: j - 1 };
          if (b) break;
        }
        if (!b) continue;
        findings.push(
          rule.report === 'first' ? makeFinding(info, ctx, i, a ? { hit: a } : {}) : makeFinding(info, ctx, b.turn, b.hit ? { hit: b.hit } : {}),
        );
      }
      return findings;
    },
  };
}

/** Per turn i, the first of the ascending turns `candidates` after i (Infinity when none). */
function nextCandidateTurns(candidates: readonly number[], turnCount: number): number[] {
  const next = new Array<number>(turnCount);
  let k = candidates.length - 1;
  let following = Infinity;
  for (let i = turnCount - 1; i >= 0; i--) {
    while (k >= 0 && candidates[k]! > i) following = candidates[k--]!;
    next[i] = following;
  }
  return next;
}
