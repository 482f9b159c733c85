import type { Call } from '../model/call.js';
import { stemOf } from '../nlp/stem.js';
import { tokenize } from '../nlp/tokenize.js';
import { extractTerms, type TermOccurrence } from './extract-terms.js';
import { questionCue } from './question-cue.js';
import { TermTable, type TermEntry } from './term-table.js';

/** Distinct terms counted at once by default: about 100–150 MB of counts and examples at most. */
export const DEFAULT_MAX_TERMS = 200_000;

/** Where a call names its agent; without one, terms still count but `agents` stays 0. */
const AGENT_FIELDS = ['agent', 'agent_id', 'agentId', 'agent_name', 'agentName', 'agent_email'];

export function agentIdOf(call: Call): string | undefined {
  for (const field of AGENT_FIELDS) {
    const value = call.meta[field];
    if (value !== undefined && String(value).trim() !== '') return String(value).trim();
  }
  return undefined;
}

/** Counts behind a ranking, per term length (index 1–3): the denominators of the contrast. */
export interface DiscoveryTotals {
  calls: number;
  agentTurns: number;
  customerTurns: number;
  /** Agent turns answered by a customer turn, and how many of those answers asked what something meant. */
  answeredAgentTurns: number;
  questionTurns: number;
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
  readonly totals: DiscoveryTotals = { calls: 0, agentTurns: 0, customerTurns: 0, answeredAgentTurns: 0, questionTurns: 0, agentTerms: [0, 0, 0, 0], customerTerms: [0, 0, 0, 0] };

  constructor(options: { maxTerms?: number } = {}) {
    this.table = new TermTable(options.maxTerms ?? DEFAULT_MAX_TERMS);
  }

  addCall(call: Call): void {
    this.totals.calls++;
    const agentId = agentIdOf(call);
    let lastAgentTerms: TermOccurrence[] | undefined;
    for (const turn of call.turns) {
      if (turn.speaker === 'agent') {
        const terms = extractTerms(turn.text);
        this.totals.agentTurns++;
        for (const occ of terms) {
          this.totals.agentTerms[occ.words]!++;
          this.table.addAgentUse(occ, turn.text, agentId);
        }
        lastAgentTerms = terms;
      } else if (turn.speaker === 'customer') {
        const tokens = tokenize(turn.text);
        const asked = lastAgentTerms ? this.creditQuestion(turn.text, tokens, lastAgentTerms) : [];
        this.totals.customerTurns++;
        for (const occ of extractTerms(turn.text, tokens)) {
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
