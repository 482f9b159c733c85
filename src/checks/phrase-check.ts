import type { CallContext } from '../engine/call-context.js';
import { compileScope, inScope } from '../engine/scope.js';
import type { Finding } from '../model/finding.js';
import { normaliseText, tokenize } from '../nlp/tokenize.js';
import type { PhraseRuleFile } from '../ruleset/rule-schema.js';
import { PhraseGroup, compilePhraseSet, findPhrase, sentenceRange, type PhraseHit, type PhraseSet } from '../ruleset/phrase-set.js';
import type { CompiledRule, RuleInfo } from './compiled-rule.js';
import { makeFinding } from './make-finding.js';

/** "[silence]", "(hold music)", "[pause 20s]": transcriber annotations, matched by their words. */
const ANNOTATION = /[[(]([^\])[(]{1,60})[\])]/g;

function findCue(cues: string[], text: string): PhraseHit | undefined {
  if (cues.length === 0 || !/[[(]/.test(text)) return undefined;
  for (const m of text.matchAll(ANNOTATION)) {
    const inside = ` ${normaliseText(m[1]!)} `;
    if (cues.some((c) => inside.includes(` ${c} `))) {
      const tokens = tokenize(text);
      const from = tokens.findIndex((t) => t.start >= m.index);
      // no word at or after the annotation (it sits inside a URL, which is not read as words)
      if (from < 0) continue;
      let to = from;
      while (to < tokens.length && tokens[to]!.end <= m.index + m[0].length) to++;
      if (to > from) return { phrase: m[0], from, to };
    }
  }
  return undefined;
}

export interface PhraseMatcher {
  phrases: PhraseSet;
  exceptions: PhraseSet;
  turnExceptions: PhraseSet;
  /** Normalised texts of matches that do not count. */
  ignored?: Set<string>;
}

/** First hit in the turn that no exception cancels. */
export function findUncancelled(m: PhraseMatcher, tokens: CallContext['tokens'][number]): PhraseHit | undefined {
  let turnChecked = false;
  for (let start = 0; start < tokens.length; ) {
    const hit = findPhrase(m.phrases, tokens, start);
    if (!hit) return undefined;
    if (!turnChecked) {
      // the turn-wide exceptions are looked for only once there is something to cancel
      if (m.turnExceptions.patterns.length > 0 && findPhrase(m.turnExceptions, tokens)) return undefined;
      turnChecked = true;
    }
    const ignored = m.ignored !== undefined && m.ignored.has(tokens.slice(hit.from, hit.to).map((t) => t.t).join(' '));
    const range = sentenceRange(tokens, hit);
    if (!ignored && (m.exceptions.patterns.length === 0 || !findPhrase(m.exceptions, tokens, range.from, range.to))) return hit;
    start = hit.from + 1;
  }
  return undefined;
}

export function compilePhraseRule(info: RuleInfo, rule: PhraseRuleFile, group: PhraseGroup = new PhraseGroup()): CompiledRule {
  const scope = compileScope(rule.scope);
  const matcher: PhraseMatcher = {
    phrases: compilePhraseSet(rule.phrases, group),
    exceptions: compilePhraseSet(rule.exceptions, group),
    turnExceptions: compilePhraseSet(rule.turnExceptions, group),
    ignored: new Set(rule.ignoreMatches.map(normaliseText)),
  };
  const nextTurnExceptions = compilePhraseSet(rule.nextTurnExceptions, group);
  const cues = rule.cues.map(normaliseText);
  const hasPhrases = rule.phrases.length > 0;
  return {
    ...info,
    run(ctx: CallContext): Finding[] {
      const findings: Finding[] = [];
      const turns = ctx.call.turns;
      // a turn with no candidate phrase can only match through a transcriber cue
      const visit = cues.length > 0 || !hasPhrases ? turns.map((_, i) => i) : matcher.phrases.group.turnsWithCandidates(matcher.phrases, ctx.tokens);
      for (const i of visit) {
        if (!inScope(scope, ctx, i)) continue;
        const tokens = ctx.tokens[i]!;
        let hit = hasPhrases ? findUncancelled(matcher, tokens) : undefined;
        hit ??= findCue(cues, turns[i]!.text);
        if (!hit) continue;
        if (nextTurnExceptions.patterns.length > 0) {
          let next = i + 1;
          while (next < turns.length && turns[next]!.speaker !== turns[i]!.speaker) next++;
          if (next === turns.length) next = -1;
          if (next >= 0 && findPhrase(nextTurnExceptions, ctx.tokens[next]!)) continue;
        }
        findings.push(makeFinding(info, ctx, i, { hit }));
      }
      return findings;
    },
  };
}
