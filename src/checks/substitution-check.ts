import type { CallContext } from '../engine/call-context.js';
import { compileScope, inScope } from '../engine/scope.js';
import type { Finding } from '../model/finding.js';
import type { SubstitutionRuleFile } from '../ruleset/rule-schema.js';
import { PhraseGroup, compilePhraseSet, findPhrase, sentenceRange } from '../ruleset/phrase-set.js';
import type { CompiledRule, RuleInfo } from './compiled-rule.js';
import { makeFinding } from './make-finding.js';

/** One finding per glossary term used in a scoped turn, carrying the plain-language alternative. */
export function compileSubstitutionRule(info: RuleInfo, rule: SubstitutionRuleFile, group: PhraseGroup = new PhraseGroup()): CompiledRule {
  const scope = compileScope(rule.scope);
  const terms = rule.terms.map((t) => ({ set: compilePhraseSet([t.term], group), say: t.say }));
  const exceptions = compilePhraseSet(rule.exceptions, group);
  return {
    ...info,
    run(ctx: CallContext): Finding[] {
      const findings: Finding[] = [];
      // only turns where some term has its words can hold a term
      const visit = new Set<number>();
      for (const term of terms) for (const i of term.set.group.turnsWithCandidates(term.set, ctx.tokens)) visit.add(i);
      for (const i of [...visit].sort((a, b) => a - b)) {
        if (!inScope(scope, ctx, i)) continue;
        const tokens = ctx.tokens[i]!;
        const seen = new Set<number>();
        for (const term of terms) {
          const hit = findPhrase(term.set, tokens);
          if (!hit || seen.has(hit.from)) continue;
          const range = sentenceRange(tokens, hit);
          if (exceptions.patterns.length > 0 && findPhrase(exceptions, tokens, range.from, range.to)) continue;
          seen.add(hit.from);
          findings.push(makeFinding(info, ctx, i, { hit, ...(term.say ? { suggestion: term.say } : {}) }));
        }
      }
      return findings;
    },
  };
}
