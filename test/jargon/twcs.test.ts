import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { coversTerm, packKnowledge } from '../../src/cli/jargon-command.js';
import { JargonDiscovery } from '../../src/jargon/discover-jargon.js';
import { isStopWord } from '../../src/jargon/jargon-lexicon.js';
import { rankCandidates } from '../../src/jargon/rank-candidates.js';
import type { Call } from '../../src/model/call.js';
import { tagPhrase } from '../../src/nlp/part-of-speech.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * Customer Support on Twitter (research data outside the repository, never copied in): brand replies
 * (inbound=False) are agent turns, customer tweets (inbound=True) customer turns, one call per tweet.
 * Each brand's account is both the agent and the organisation (meta.brand): the sample holds ~100
 * brands, so a term that most of them use is support-desk English, not any one brand's jargon.
 */
const SAMPLE = join(ROOT, '..', 'shared', 'data', 'twcs', 'twcs-random-sample.csv');
const present = existsSync(SAMPLE);
if (!present) console.warn(`skipping the twcs jargon test: ${SAMPLE} not found (the shared research data is not in a user's clone)`);

/**
 * Internal terms the brands can be expected to use, written from domain knowledge BEFORE the ranking
 * was run on the data (see the file's header and its git history: it was committed before the
 * ranking changes), so this test checks the ranking against an independent list, not its own output.
 */
const KNOWN = new Set(
  readFileSync(join(ROOT, 'fixtures', 'jargon', 'twcs-known-internal-terms.list'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '' && !l.startsWith('#')),
);

/**
 * An internal shape, read from the term as written (not from the ranking's own `kind`): an acronym
 * or code, "tier/level N", a team/desk/queue name, an identifier's name, or a name capitalised
 * inside a sentence ("Critical Response Line", "SkyMiles").
 */
const internalShape = (term: string) =>
  /^[A-Z][A-Z0-9&]{1,5}$/.test(term) ||
  /^(?=.*\p{L})(?=.*\d)[\p{L}\d]{2,10}$/u.test(term) ||
  /^(tier|level|band) \d+$/i.test(term) ||
  /\b(team|desk|queue|department|unit)$/i.test(term) ||
  /\b(number|code|reference|ref|id|locator|pin)$/i.test(term) ||
  /^\p{Lu}/u.test(term) ||
  /\b[A-Z]{2,}\b|\b\p{Ll}+\p{Lu}/u.test(term);

/** The words of the generic support-desk language that topped the agent-vs-customer contrast alone. */
const GENERIC = ['team', 'issue', 'number', 'address', 'name', 'email', 'email address', 'phone number', 'full name', 'information', 'feedback', 'touch', 'contact', 'device', 'closer look', 'dm', 'direct message', 'account', 'details'];

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
      meta: agent ? { agent: t.author_id, brand: t.author_id } : {},
      turns: [{ index: 0, speaker: agent ? 'agent' : 'customer', text: t.text }],
    };
    discovery.addCall(call);
  });
  // as `cxlint jargon` ranks them: the default pack's customer-facing acronyms (DM, PIN…) left out
  const knowledge = packKnowledge(undefined);
  const top = rankCandidates(discovery.table.values(), discovery.totals, { limit: 20, tagger: tagPhrase, exclude: (term) => coversTerm(knowledge.plain, term) });
  const terms = top.map((c) => c.term);
  const lower = terms.map((t) => t.toLowerCase());

  // people the agents address ("Hi Kate,", "Thanks, Ben!") and agents' initials signing off ("… ^JL"), read from the data
  const agentTexts = tweets.filter((t) => t.inbound === 'False').map((t) => t.text);
  const names = new Set(agentTexts.flatMap((text) => [...text.matchAll(/\b(?:Hi|Hello|Hey|Thanks|Thank you|Dear|Sorry)[,!]? +([A-Z][a-z]+)\b[,.!]/g)].map((m) => m[1]!.toLowerCase())));
  const initials = new Set(agentTexts.flatMap((text) => [...text.matchAll(/[\^/*~-] ?([A-Z]{1,3})\s*(?:https?:\/\/\S+\s*)*$/g)].map((m) => m[1]!.toLowerCase())));

  it('reads both sides and ~100 brands, and leaves the replies in other languages out', () => {
    expect(knowledge.errors).toEqual([]);
    expect(discovery.totals.agentTurns).toBeGreaterThan(2000);
    expect(discovery.totals.customerTurns).toBeGreaterThan(2000);
    expect(discovery.totals.orgs).toBeGreaterThan(80);
    expect(discovery.totals.otherLanguageTurns).toBeGreaterThan(20);
    expect(names.size).toBeGreaterThan(20);
    expect(initials.size).toBeGreaterThan(20);
    expect(top).toHaveLength(20);
  });

  it('has no stop words, URLs, handles, numbers, names or initials among the top 20', () => {
    for (const term of lower) {
      const words = term.split(/[\s-]+/);
      expect(isStopWord(words[0]!) || isStopWord(words[words.length - 1]!), term).toBe(false);
      expect(term).not.toMatch(/https?|www|t\.co|\.com|[@/#]|^\d+$|\b\d{3,}\b/);
      expect(names.has(term), `${term} is a name the agents address`).toBe(false);
      expect(initials.has(term), `${term} is an agent's initials`).toBe(false);
      expect(tagPhrase(term, []).name, `${term} is a person's name`).toBe(false);
    }
  });

  it('ranks recognisably internal terms: most of the top 20 have an internal shape or are on the independent list', () => {
    const internal = terms.filter((t) => KNOWN.has(t.toLowerCase()) || internalShape(t));
    expect(internal.length, `internal: ${internal.join(', ')}; all: ${terms.join(', ')}`).toBeGreaterThanOrEqual(14);
  });

  it('finds terms of the independent list, written before the ranking was run, near the top', () => {
    const found = lower.filter((t) => KNOWN.has(t));
    // before the general-English prior, the organisation spread and the reference shape: 2 of 20, 0 of the top 10
    expect(found.length, `found: ${found.join(', ')}; all: ${terms.join(', ')}`).toBeGreaterThanOrEqual(6);
    expect(lower.slice(0, 10).filter((t) => KNOWN.has(t)).length).toBeGreaterThanOrEqual(3);
    expect(lower.slice(0, 10)).toEqual(expect.arrayContaining(['tracking number', 'record locator']));
  });

  it('keeps the generic support-desk language that topped the contrast alone out of the top 20', () => {
    for (const generic of GENERIC) expect(lower, generic).not.toContain(generic);
  });

  it('says why, with counts that favour agents and redacted examples', () => {
    for (const c of top.slice(0, 5)) {
      expect(c.agentCount).toBeGreaterThan(3 * c.customerCount);
      expect(c.organisations).toBeLessThanOrEqual(3);
      expect(c.why).toMatch(/^agents \d+ vs customers \d+/);
      expect(c.examples.join(' ')).not.toMatch(/@\d+/);
    }
  });
});
