import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { JargonDiscovery } from '../../src/jargon/discover-jargon.js';
import { rankCandidates } from '../../src/jargon/rank-candidates.js';
import { isStopWord } from '../../src/jargon/stop-words.js';
import type { Call } from '../../src/model/call.js';
import { tagPhrase } from '../../src/nlp/part-of-speech.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * Customer Support on Twitter (research data outside the repository, never copied in): brand replies
 * (inbound=False) are agent turns, customer tweets (inbound=True) customer turns, one call per tweet,
 * the brand's account as the agent.
 */
const SAMPLE = join(ROOT, '..', 'shared', 'data', 'twcs', 'twcs-random-sample.csv');
const present = existsSync(SAMPLE);
if (!present) console.warn(`skipping the twcs jargon test: ${SAMPLE} not found (the shared research data is not in a user's clone)`);

interface Tweet {
  tweet_id: string;
  author_id: string;
  inbound: string;
  text: string;
}

describe.skipIf(!present)('cxlint jargon on twcs brand replies vs customer tweets', () => {
  const tweets = present ? (parse(readFileSync(SAMPLE, 'utf8'), { columns: true, bom: true, relax_column_count: true, skip_empty_lines: true }) as Tweet[]) : [];
  const discovery = new JargonDiscovery();
  tweets.forEach((t, record) => {
    const agent = t.inbound === 'False';
    const call: Call = {
      id: `twcs:${t.tweet_id}`,
      source: { file: SAMPLE, record },
      meta: agent ? { agent: t.author_id } : {},
      turns: [{ index: 0, speaker: agent ? 'agent' : 'customer', text: t.text }],
    };
    discovery.addCall(call);
  });
  const top = rankCandidates(discovery.table.values(), discovery.totals, { limit: 20, tagger: tagPhrase });
  const terms = top.map((c) => c.term.toLowerCase());

  // people the agents address ("Hi Kate,", "Thanks, Ben!") and agents' initials signing off ("… ^JL"), read from the data
  const agentTexts = tweets.filter((t) => t.inbound === 'False').map((t) => t.text);
  const names = new Set(agentTexts.flatMap((text) => [...text.matchAll(/\b(?:Hi|Hello|Hey|Thanks|Thank you|Dear|Sorry)[,!]? +([A-Z][a-z]+)\b[,.!]/g)].map((m) => m[1]!.toLowerCase())));
  const initials = new Set(agentTexts.flatMap((text) => [...text.matchAll(/[\^/*~-] ?([A-Z]{1,3})\s*(?:https?:\/\/\S+\s*)*$/g)].map((m) => m[1]!.toLowerCase())));

  it('reads both sides', () => {
    expect(discovery.totals.agentTurns).toBeGreaterThan(2000);
    expect(discovery.totals.customerTurns).toBeGreaterThan(2000);
    expect(names.size).toBeGreaterThan(20);
    expect(initials.size).toBeGreaterThan(20);
    expect(top).toHaveLength(20);
  });

  it('has no stop words, URLs, handles, numbers, names or initials among the top candidates', () => {
    for (const term of terms) {
      const words = term.split(/[\s-]+/);
      expect(isStopWord(words[0]!) || isStopWord(words[words.length - 1]!), term).toBe(false);
      expect(term).not.toMatch(/https?|www|t\.co|\.com|[@/#]|^\d+$|\b\d{3,}\b/);
      expect(names.has(term), `${term} is a name`).toBe(false);
      expect(initials.has(term), `${term} is an agent's initials`).toBe(false);
    }
  });

  it('ranks recognisable support-desk terms at the top', () => {
    const internal = ['dm', 'direct message', 'email address', 'phone number', 'full name', 'tracking number', 'order number', 'account details', 'zip code', 'troubleshooting steps', 'booking reference', 'ios version', 'team', 'feedback', 'device'];
    expect(terms.slice(0, 10).filter((t) => internal.includes(t)).length).toBeGreaterThanOrEqual(6);
    expect(terms.slice(0, 3)).toContain('dm');
    expect(terms.slice(0, 5)).toContain('email address');
  });

  it('finds terms many brands share, with counts that favour agents and redacted examples', () => {
    for (const c of top.slice(0, 3)) {
      expect(c.agents).toBeGreaterThanOrEqual(5);
      expect(c.agentCount).toBeGreaterThan(3 * c.customerCount);
      expect(c.examples.join(' ')).not.toMatch(/@\d+/);
    }
  });
});
