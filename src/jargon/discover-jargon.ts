import type { Call } from '../model/call.js';
import { stemOf } from '../nlp/stem.js';
import { tokenize } from '../nlp/tokenize.js';
import { looksEnglish } from './english-turn.js';
import { extractTerms, type TermOccurrence } from './extract-terms.js';
import { jargonLexicon, type JargonLexicon } from './jargon-lexicon.js';
import { questionCue } from './question-cue.js';
import { TermTable, type TermEntry } from './term-table.js';

/** Distinct terms counted at once by default: about 100–150 MB of counts and examples at most. */
export const DEFAULT_MAX_TERMS = 200_000;

/** Where a call names its agent; without one, terms still count but `agents` stays 0. */
const AGENT_FIELDS = ['agent', 'agent_id', 'agentId', 'agent_name', 'agentName', 'agent_email'];

/**
 * Where a call names the organisation it was made for, in a corpus of several (a BPO's clients, the
 * brands of a public data set): jargon is one organisation's, so a term every organisation uses is not.
 */
const ORG_FIELDS = ['org', 'organisation', 'organization', 'brand', 'company', 'client', 'tenant'];
/** Distinct organisations counted at most (beyond it the spread of a term is a lower bound). */
const MAX_ORGS = 1000;

const firstField = (call: Call, fields: readonly string[]) => {
  for (const field of fields) {
    const value = call.meta[field];
    if (value !== undefined && String(value).trim() !== '') return String(value).trim();
  }
  return undefined;
};

export const agentIdOf = (call: Call): string | undefined => firstField(call, AGENT_FIELDS);
export const orgIdOf = (call: Call): string | undefined => firstField(call, ORG_FIELDS);

/** Counts behind a ranking, per term length (index 1–3): the denominators of the contrast. */
export interface DiscoveryTotals {
  calls: number;
  agentTurns: number;
  customerTurns: number;
  /** Agent turns answered by a customer turn, and how many of those answers asked what something meant. */
  answeredAgentTurns: number;
  questionTurns: number;
  /** Distinct organisations with agent turns (meta org/brand/client…; 0 when no call names one). */
  orgs: number;
  /** Agent and customer turns left out because they are not in English (the word lists and the prior are English). */
  otherLanguageTurns: number;
  agentTerms: number[];
  customerTerms: number[];
}

/** One key contains another as whole words ("pac code" contains "pac"). */
const containsKey = (outer: string, inner: string) => outer === inner || ` ${outer} `.includes(` ${inner} `);

/**
 * One streaming pass over calls: counts of candidate terms in agent and customer turns, the
 * customer's questions about the agent's words, and up to two example turns per term. Nothing else
 * of a call is kept, and the term table is bounded, so memory does not grow with the number of calls.
 */
export class JargonDiscovery {
  readonly table: TermTable;
  readonly totals: DiscoveryTotals = { calls: 0, agentTurns: 0, customerTurns: 0, answeredAgentTurns: 0, questionTurns: 0, orgs: 0, otherLanguageTurns: 0, agentTerms: [0, 0, 0, 0], customerTerms: [0, 0, 0, 0] };

  private readonly lexicon: JargonLexicon;
  private readonly orgs = new Set<string>();

  constructor(options: { maxTerms?: number; lexicon?: JargonLexicon } = {}) {
    this.table = new TermTable(options.maxTerms ?? DEFAULT_MAX_TERMS);
    this.lexicon = options.lexicon ?? jargonLexicon();
  }

  addCall(call: Call): void {
    this.totals.calls++;
    const agentId = agentIdOf(call);
    const orgId = orgIdOf(call);
    let lastAgentTerms: TermOccurrence[] | undefined;
    // the agent's first turn of a call with several is the greeting, where the organisation names itself
    const agentTurns = call.turns.filter((t) => t.speaker === 'agent').length;
    const openingAt = agentTurns >= 2 ? call.turns.findIndex((t) => t.speaker === 'agent') : -1;
    for (const [at, turn] of call.turns.entries()) {
      if (turn.speaker !== 'agent' && turn.speaker !== 'customer') continue;
      const tokens = tokenize(turn.text);
      if (!looksEnglish(tokens, this.lexicon.stopWords)) {
        this.totals.otherLanguageTurns++;
        lastAgentTerms = undefined;
        continue;
      }
      if (turn.speaker === 'agent') {
        const terms = extractTerms(turn.text, tokens, this.lexicon);
        this.totals.agentTurns++;
        if (orgId !== undefined && this.orgs.size < MAX_ORGS && !this.orgs.has(orgId)) {
          this.orgs.add(orgId);
          this.totals.orgs = this.orgs.size;
        }
        for (const occ of terms) {
          this.totals.agentTerms[occ.words]!++;
          this.table.addAgentUse(occ, turn.text, agentId, orgId, at === openingAt);
        }
        lastAgentTerms = terms;
      } else {
        const asked = lastAgentTerms ? this.creditQuestion(turn.text, tokens, lastAgentTerms) : [];
        this.totals.customerTurns++;
        for (const occ of extractTerms(turn.text, tokens, this.lexicon)) {
          // "what's a PAC code?" repeats the agent's term: that is not the customer using it
          if (asked.some((key) => containsKey(key, occ.key))) continue;
          this.totals.customerTerms[occ.words]!++;
          this.table.addCustomerUse(occ);
        }
        lastAgentTerms = undefined;
      }
    }
  }

  /** Credit the agent's last turn with the customer's question; returns the keys asked about by name. */
  private creditQuestion(text: string, tokens: ReturnType<typeof tokenize>, agentTerms: TermOccurrence[]): string[] {
    this.totals.answeredAgentTurns++;
    const cue = questionCue(text, tokens);
    if (!cue) return [];
    this.totals.questionTurns++;
    const askedKeys = cue.terms.map((words) => words.map((w) => stemOf(w)).join(' '));
    const credited = new Set<TermEntry>();
    for (const occ of agentTerms) {
      const entry = this.table.get(occ.key);
      if (!entry) continue;
      if (cue.generic || askedKeys.some((key) => containsKey(key, occ.key) || containsKey(occ.key, key))) credited.add(entry);
    }
    for (const entry of credited) entry.asked++;
    return askedKeys;
  }
}
