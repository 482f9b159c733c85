import { compileGapRule } from '../checks/gap-check.js';
import { compileMetricRule } from '../checks/metric-check.js';
import { compilePhraseRule } from '../checks/phrase-check.js';
import { compileSequenceRule } from '../checks/sequence-check.js';
import { compileSubstitutionRule } from '../checks/substitution-check.js';
import type { CompiledRule, RuleInfo } from '../checks/compiled-rule.js';
import type { PackInfo } from '../model/result.js';
import type { LoadedPack, PackSource, RuleLoadError } from './load-pack.js';
import { tokenize } from '../nlp/tokenize.js';
import { compilePhraseSet, PhraseGroup, type PhraseSet } from './phrase-set.js';
import { tokenMarks } from './phrase-pattern.js';
import type { PackFile, RuleFile } from './rule-schema.js';

export interface CompiledPack {
  info: PackInfo;
  signals: PackFile['signals'];
  scoring: PackFile['scoring'];
  timing: PackFile['timing'];
  holdAnnounce: PhraseSet;
  holdReturn: PhraseSet;
  rules: CompiledRule[];
  /** Rules whose findings are measurements, kept apart from text evidence. */
  metricRuleIds: Set<string>;
  /** Rule examples, kept for `rules test`. */
  examples: Map<string, { match: string[]; noMatch: string[] }>;
}

function compileRule(info: RuleInfo, rule: RuleFile, group: PhraseGroup): CompiledRule {
  switch (rule.type) {
    case 'phrase':
      return compilePhraseRule(info, rule, group);
    case 'substitution':
      return compileSubstitutionRule(info, rule, group);
    case 'sequence':
      return compileSequenceRule(info, rule, group);
    case 'gap':
      return compileGapRule(info, rule);
    case 'metric':
      return compileMetricRule(info, rule, group);
  }
}

/**
 * How often each word occurs in the pack's own examples (spoken lines, matching or not): the
 * stand-in for word frequency in turns that lets the word index avoid keys like "the".
 */
function exampleWordCounts(source: PackSource): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { rule } of source.rules) {
    for (const text of [...rule.examples.match, ...rule.examples.noMatch]) {
      const tokens = tokenize(text);
      tokens.forEach((token, k) => {
        counts.set(token.t, (counts.get(token.t) ?? 0) + 1);
        // token classes (a name, an acronym) are counted like words: they can be index keys too
        const mark = tokenMarks(tokens, k);
        if (mark !== undefined) counts.set(mark, (counts.get(mark) ?? 0) + 1);
      });
    }
  }
  return counts;
}

/** Compile a loaded pack once; a rule that does not compile is reported and left out. */
export function compilePack(source: PackSource): { pack: CompiledPack; errors: RuleLoadError[] } {
  const errors: RuleLoadError[] = [];
  const rules: CompiledRule[] = [];
  const examples = new Map<string, { match: string[]; noMatch: string[] }>();
  // one word index for the whole pack: each turn is looked up once for every rule
  const group = new PhraseGroup(exampleWordCounts(source));
  for (const { id, file, rule } of source.rules) {
    const info: RuleInfo = {
      id,
      file,
      type: rule.type,
      signal: rule.signal,
      polarity: source.pack.signals[rule.signal]!,
      ...(rule.subKind ? { subKind: rule.subKind } : {}),
      weight: rule.weight,
      severity: rule.severity,
      message: rule.message,
      ...(rule.description ? { description: rule.description } : {}),
    };
    try {
      rules.push(compileRule(info, rule, group));
      examples.set(id, rule.examples);
    } catch (e) {
      errors.push({ file, ruleId: id, message: `cannot compile: ${(e as Error).message}` });
    }
  }
  let holdAnnounce = compilePhraseSet([], group);
  let holdReturn = compilePhraseSet([], group);
  try {
    holdAnnounce = compilePhraseSet(source.pack.timing.holdAnnounce, group);
    holdReturn = compilePhraseSet(source.pack.timing.holdReturn, group);
  } catch (e) {
    errors.push({ file: `${source.dir}/pack.yaml`, message: `timing: ${(e as Error).message}` });
  }
  return {
    pack: {
      info: { name: source.pack.name, version: source.pack.version, hash: source.hash },
      signals: source.pack.signals,
      scoring: source.pack.scoring,
      timing: source.pack.timing,
      holdAnnounce,
      holdReturn,
      rules,
      metricRuleIds: new Set(rules.filter((r) => r.type === 'metric').map((r) => r.id)),
      examples,
    },
    errors,
  };
}

/** Several packs run as one: later packs replace earlier packs of the same name. */
export function mergePacks(packs: CompiledPack[]): CompiledPack {
  const byName = new Map(packs.map((p) => [p.info.name, p]));
  const list = [...byName.values()];
  if (list.length === 1) return list[0]!;
  const primary = list[0]!;
  return {
    ...primary,
    info: {
      name: list.map((p) => p.info.name).join('+'),
      version: list.map((p) => p.info.version).join('+'),
      hash: list.map((p) => p.info.hash).join('+'),
    },
    signals: Object.assign({}, ...list.map((p) => p.signals)),
    rules: list.flatMap((p) => p.rules),
    metricRuleIds: new Set(list.flatMap((p) => [...p.metricRuleIds])),
    examples: new Map(list.flatMap((p) => [...p.examples])),
  };
}

export type { LoadedPack };
