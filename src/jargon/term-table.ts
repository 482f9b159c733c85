import type { TermOccurrence, TermPattern } from './extract-terms.js';

/** Where an example comes from: the turn's text and the term's offsets in it. */
export interface TermExample {
  text: string;
  start: number;
  end: number;
}

/** Counts for one term (turns that use it, not occurrences). */
export interface TermEntry {
  key: string;
  words: number;
  agent: number;
  customer: number;
  /** Agent turns with the term that the customer's next turn asked about. */
  asked: number;
  /** Agent uses written as an acronym / capitalised inside a sentence / set off as a form of address. */
  acronym: number;
  capital: number;
  addressed: number;
  code: boolean;
  /** Agent uses in the agent's opening turn of a call with several ("Thanks for calling Larkspur Mobile"). */
  openingUses: number;
  /** Agent uses in a "tier N" / "the X team" shape. */
  patternUses: number;
  pattern?: TermPattern;
  /** The agents' usual spelling (majority vote). */
  surface: string;
  surfaceVotes: number;
  /** Distinct agent ids, up to MAX_AGENTS: one id as a string until a second appears. */
  agents?: string | Set<string>;
  /** Distinct organisations (brand, client…) whose agents use it, the same way. */
  orgs?: string | Set<string>;
  examples: TermExample[];
}

const MAX_AGENTS = 1000;
const MAX_EXAMPLES = 2;
/** After pruning, the table holds at most this share of its cap, so pruning is rare. */
const PRUNE_TO = 0.5;

/**
 * The counting table, bounded: when it holds more than `maxTerms` terms the least used are dropped
 * (lossy counting), so memory stays flat however many calls stream through. A dropped term that
 * comes back starts again from zero; counts of frequent terms, the only ones ranked, are exact.
 */
export class TermTable {
  private readonly entries = new Map<string, TermEntry>();
  /** How many times the table was pruned: counts of rare terms are lower bounds after the first. */
  prunes = 0;

  constructor(readonly maxTerms: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): TermEntry | undefined {
    return this.entries.get(key);
  }

  values(): IterableIterator<TermEntry> {
    return this.entries.values();
  }

  private entry(occ: TermOccurrence): TermEntry {
    let e = this.entries.get(occ.key);
    if (!e) {
      if (this.entries.size >= this.maxTerms) this.prune();
      e = { key: occ.key, words: occ.words, agent: 0, customer: 0, asked: 0, acronym: 0, capital: 0, addressed: 0, code: occ.code, openingUses: 0, patternUses: 0, surface: occ.surface, surfaceVotes: 0, examples: [] };
      this.entries.set(occ.key, e);
    }
    return e;
  }

  addAgentUse(occ: TermOccurrence, text: string, agentId: string | undefined, orgId?: string, opening = false): void {
    const e = this.entry(occ);
    e.agent++;
    if (opening) e.openingUses++;
    if (occ.acronym) e.acronym++;
    if (occ.capital) e.capital++;
    if (occ.addressed) e.addressed++;
    if (occ.pattern) {
      e.patternUses++;
      e.pattern = occ.pattern;
    }
    if (e.surface === occ.surface) e.surfaceVotes++;
    else if (e.surfaceVotes === 0) {
      e.surface = occ.surface;
      e.surfaceVotes = 1;
    } else e.surfaceVotes--;
    if (agentId !== undefined) e.agents = withId(e.agents, agentId);
    if (orgId !== undefined) e.orgs = withId(e.orgs, orgId);
    // most terms are used once and dropped: only a term seen again (or shaped like jargon) keeps its turn as an example
    const worthKeeping = e.agent >= 2 || occ.acronym || occ.code || occ.pattern !== undefined;
    if (worthKeeping && e.examples.length < MAX_EXAMPLES && !e.examples.some((x) => x.text === text)) e.examples.push({ text, start: occ.start, end: occ.end });
  }

  addCustomerUse(occ: TermOccurrence): void {
    this.entry(occ).customer++;
  }

  private prune(): void {
    this.prunes++;
    const weight = (e: TermEntry) => e.agent + e.customer + 4 * e.asked + (e.pattern || e.acronym > 0 ? 2 : 0);
    const weights = [...this.entries.values()].map(weight).sort((a, b) => a - b);
    const threshold = weights[weights.length - Math.floor(this.maxTerms * PRUNE_TO) - 1];
    if (threshold === undefined) return;
    for (const [key, e] of this.entries) if (weight(e) <= threshold) this.entries.delete(key);
  }
}

/** A set of ids kept as one string until a second id appears (most terms have one), capped at MAX_AGENTS. */
function withId(ids: string | Set<string> | undefined, id: string): string | Set<string> {
  if (ids === undefined) return id;
  if (typeof ids === 'string') return ids === id ? ids : new Set([ids, id]);
  if (ids.size < MAX_AGENTS) ids.add(id);
  return ids;
}

const sizeOf = (ids: string | Set<string> | undefined) => (ids === undefined ? 0 : typeof ids === 'string' ? 1 : ids.size);
export const agentCountOf = (e: TermEntry) => sizeOf(e.agents);
export const orgCountOf = (e: TermEntry) => sizeOf(e.orgs);
