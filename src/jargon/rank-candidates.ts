import { askedEvidence, logOddsContrast, spreadWeight } from './contrast-score.js';
import type { DiscoveryTotals } from './discover-jargon.js';
import { exampleSnippet } from './example-snippet.js';
import { generalEnglish, specificity, type FrequencyList } from './general-english.js';
import { jargonLexicon, type JargonLexicon } from './jargon-lexicon.js';
import { agentCountOf, orgCountOf, type TermEntry } from './term-table.js';
import { tokenize } from '../nlp/tokenize.js';

/**
 * tier: "tier 2", "2nd line"; team: "the X team/queue/desk"; acronym: "CRT"; code: "L2"; reference:
 * an identifier's name ("booking reference", "PAC code"); proper: capitalised inside sentences, not a
 * person ("Siebel", "Nectar card"); else a word or phrase.
 */
export type CandidateKind = 'tier' | 'team' | 'acronym' | 'code' | 'reference' | 'proper' | 'word' | 'phrase';

export interface JargonCandidate {
  term: string;
  /** Agent turns / customer turns using the term. */
  agentCount: number;
  customerCount: number;
  /** The ranking: contrast, plus the evidence of customers asking about it and of an internal shape. */
  score: number;
  /** Distinct agents (meta.agent) using it. */
  agents: number;
  /** Distinct organisations (meta.org, brand, client…) whose agents use it; 0 when the calls name none. */
  organisations: number;
  /** Up to two agent turns, cut around the term and redacted. */
  examples: string[];
  kind: CandidateKind;
  /** Agent-vs-customer log-odds z-score (Monroe et al. 2008). */
  contrast: number;
  /** Agent turns with the term that the customer's next turn asked about ("what's that?"). */
  asked: number;
  /** How specialised its words are in general English, 0.1 (everyday) to 1 (rare or unknown): the contrast is multiplied by it. */
  specificity: number;
  /** How few of the organisations use it, 0.1 (all) to 1 (one, or the calls name no organisations): the contrast is multiplied by it. */
  spread: number;
  /** The evidence behind the score, for the analyst ("agents 19 vs customers 0", "rare in everyday English", "reference shape"). */
  why: string;
}

/** Part-of-speech facts about a term, from its own words and the turns it was used in. */
export interface TermTags {
  nounPhrase: boolean;
  name: boolean;
}
export type TermTagger = (term: string, contexts: string[]) => TermTags;

export interface RankOptions {
  /** Fewest agent turns a term needs (default 3). */
  minCount?: number;
  /** How many candidates to return (default 40). */
  limit?: number;
  /** Weight of the pooled prior, as a share of the pooled counts (default 0.1). */
  priorShare?: number;
  /** Keeps noun phrases and drops names; without it every word and phrase is kept. */
  tagger?: TermTagger;
  /** Terms known not to be jargon (a pack's customer-facing acronyms: PIN, DM…). */
  exclude?: (term: string) => boolean;
  /** Word lists (personal details, reference heads); the shipped data/jargon/word-lists.yaml by default. */
  lexicon?: JargonLexicon;
  /** The general-English prior; SUBTLEX-US by default. */
  frequencies?: FrequencyList;
}

export const RANK_DEFAULTS = { minCount: 3, limit: 40, priorShare: 0.1 } as const;

/**
 * Multi-word terms are weighted by log2(1 + words), as in C-value termhood (Frantzi et al. 2000): a
 * phrase used as a unit is more term-like than each of its words.
 */
const termhood = (words: number) => Math.log2(1 + words);
/** An internal shape (acronym, code, tier, team) is worth this much contrast (≈ two standard errors). */
const SHAPE_BONUS = 2;
/** Each doubling of the unexpected questions about a term is worth this much contrast. */
const ASKED_WEIGHT = 2;
/** A term used mostly (this share of its uses) inside a longer one is listed as the longer one. */
const SAME_TERM_SHARE = 0.8;
/** At most this many candidates per requested one are tagged (bounds the part-of-speech cost). */
const TAGGED_PER_RESULT = 25;

const SHAPED: ReadonlySet<CandidateKind> = new Set(['tier', 'team', 'acronym', 'code', 'reference', 'proper']);
/** The connector inside "proof of purchase": not counted in a term's general-English frequency. */
const CONNECTOR_WORDS = new Set(['of']);

export function kindOf(e: TermEntry, lexicon: JargonLexicon = jargonLexicon()): CandidateKind {
  if (e.pattern && e.patternUses >= 0.3 * e.agent) return e.pattern;
  if (e.words === 1 && e.acronym >= 0.5 * e.agent) return 'acronym';
  if (e.words === 1 && e.code) return 'code';
  if (e.words > 1 && lexicon.referenceHeads.has(e.key.slice(e.key.lastIndexOf(' ') + 1))) return 'reference';
  if (e.capital >= 0.5 * e.agent) return 'proper';
  return e.words === 1 ? 'word' : 'phrase';
}

/** The normalised words of a term, for the general-English prior. */
const wordsOf = (surface: string) =>
  tokenize(surface)
    .map((t) => t.t)
    .filter((w) => !CONNECTOR_WORDS.has(w));

/** Most of its uses are in the agent's greeting: the organisation's or the agent's own name ("Thanks for calling Larkspur"), not jargon. */
const GREETING_SHARE = 0.6;
const greetingWord = (e: TermEntry) => e.openingUses >= GREETING_SHARE * e.agent;

/** Someone's name: mostly used to address a person ("Thanks, Daniel."). */
const addressedName = (e: TermEntry | undefined) => e !== undefined && e.words === 1 && e.addressed >= Math.max(1, 0.25 * e.agent);

interface Scored {
  entry: TermEntry;
  kind: CandidateKind;
  score: number;
  contrast: number;
  specificity: number;
  spread: number;
  why: string;
}

/** Rank the counted terms, best first: contrast and evidence, then the filters that need examples. */
export function rankCandidates(entries: Iterable<TermEntry>, totals: DiscoveryTotals, options: RankOptions = {}): JargonCandidate[] {
  const minCount = options.minCount ?? RANK_DEFAULTS.minCount;
  const limit = options.limit ?? RANK_DEFAULTS.limit;
  const priorShare = options.priorShare ?? RANK_DEFAULTS.priorShare;
  const lexicon = options.lexicon ?? jargonLexicon();
  const frequencies = options.frequencies ?? generalEnglish();
  const questionRate = totals.answeredAgentTurns > 0 ? totals.questionTurns / totals.answeredAgentTurns : 0;
  const byKey = new Map<string, TermEntry>();
  const scored: Scored[] = [];
  for (const entry of entries) {
    if (entry.words === 1) byKey.set(entry.key, entry);
    if (entry.agent < minCount || lexicon.personalDetails.has(entry.key) || greetingWord(entry)) continue;
    const agentTotal = totals.agentTerms[entry.words] ?? 0;
    const customerTotal = totals.customerTerms[entry.words] ?? 0;
    const c = logOddsContrast(entry.agent, agentTotal, entry.customer, customerTotal, priorShare * (agentTotal + customerTotal));
    if (c.logOdds <= 0) continue;
    const kind = kindOf(entry, lexicon);
    const prior = specificity(wordsOf(entry.surface), frequencies);
    const asked = ASKED_WEIGHT * askedEvidence(entry.asked, entry.agent, questionRate);
    const shaped = SHAPED.has(kind);
    const orgs = orgCountOf(entry);
    const spread = spreadWeight(orgs, totals.orgs);
    // the spread scales the shape too: a name every organisation uses ("Twitter", "Direct Message") is a platform's, not one organisation's
    const score = (c.z * termhood(entry.words) * prior.specificity + (shaped ? SHAPE_BONUS : 0)) * spread + asked;
    const why = [
      `agents ${entry.agent} vs customers ${entry.customer} (z ${c.z.toFixed(1)})`,
      `${prior.specificity >= 0.8 ? 'rare' : prior.specificity <= 0.4 ? 'everyday' : 'common'} in general English (Zipf ${prior.zipf.toFixed(1)}, ×${prior.specificity.toFixed(2)})`,
      ...(spread < 1 ? [`used by ${orgs} of ${totals.orgs} organisations (×${spread.toFixed(2)})`] : []),
      ...(shaped ? [`${kind} shape`] : []),
      ...(asked > 0 ? [`asked about ${entry.asked}×`] : []),
    ].join('; ');
    scored.push({ entry, kind, score, contrast: c.z, specificity: prior.specificity, spread, why });
  }
  scored.sort((a, b) => b.score - a.score || (a.entry.key < b.entry.key ? -1 : 1));

  // a term used mostly inside a longer one is that longer term ("PAC" in "PAC code"): index containers
  const containers = new Map<string, Scored[]>();
  for (const s of scored) {
    const words = s.entry.key.split(' ');
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= words.length; j++) {
        if (j - i === words.length) continue;
        const sub = words.slice(i, j).join(' ');
        const list = containers.get(sub);
        if (list) list.push(s);
        else containers.set(sub, [s]);
      }
    }
  }
  const containerOf = (s: Scored) =>
    (containers.get(s.entry.key) ?? [])
      .filter((c) => c.entry.agent >= SAME_TERM_SHARE * s.entry.agent)
      .sort((a, b) => b.entry.words - a.entry.words || b.entry.agent - a.entry.agent || b.score - a.score)[0];

  const accepted = new Set<Scored>();
  const rejected = new Set<Scored>();
  let tagged = 0;
  const acceptable = (s: Scored): boolean => {
    if (rejected.has(s)) return false;
    const { entry } = s;
    let ok = !entry.key.split(' ').some((word) => addressedName(byKey.get(word))) && !options.exclude?.(entry.surface);
    if (ok && options.tagger) {
      tagged++;
      const tags = options.tagger(entry.surface, entry.examples.map((x) => x.text.slice(Math.max(0, x.start - 200), x.end + 200)));
      // a capitalised term must still read as a noun ("DM letting" does not); other shapes stand on their own
      ok = !tags.name && ((SHAPED.has(s.kind) && s.kind !== 'proper') || tags.nounPhrase);
    }
    if (!ok) rejected.add(s);
    return ok;
  };
  // "version of iOS" is "iOS version" said another way: the same content words list once, the better first
  const variantOf = (s: Scored) =>
    s.entry.key
      .split(' ')
      .filter((w) => !CONNECTOR_WORDS.has(w))
      .sort()
      .join(' ');
  const listedVariants = new Set<string>();
  for (const s of scored) {
    if (accepted.size >= limit || tagged >= limit * TAGGED_PER_RESULT) break;
    const container = containerOf(s);
    const choice = [container, s].find((c): c is Scored => c !== undefined && (accepted.has(c) || acceptable(c)));
    if (!choice || accepted.has(choice) || listedVariants.has(variantOf(choice))) continue;
    listedVariants.add(variantOf(choice));
    accepted.add(choice);
  }
  const list = [...accepted];
  list.sort((a, b) => b.score - a.score || (a.entry.key < b.entry.key ? -1 : 1));
  return list.map(({ entry, kind, score, contrast, specificity: spec, spread, why }) => ({
    term: entry.surface,
    agentCount: entry.agent,
    customerCount: entry.customer,
    score: round(score),
    agents: agentCountOf(entry),
    examples: entry.examples.map((x) => exampleSnippet(x)),
    organisations: orgCountOf(entry),
    kind,
    contrast: round(contrast),
    asked: entry.asked,
    specificity: round(spec),
    spread: round(spread),
    why,
  }));
}

const round = (n: number) => Math.round(n * 100) / 100;
