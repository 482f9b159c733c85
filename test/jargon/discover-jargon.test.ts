import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JargonDiscovery, agentIdOf } from '../../src/jargon/discover-jargon.js';
import { exampleSnippet } from '../../src/jargon/example-snippet.js';
import { kindOf, rankCandidates, type JargonCandidate } from '../../src/jargon/rank-candidates.js';
import { readCalls } from '../../src/io/read-calls.js';
import { tagPhrase } from '../../src/nlp/part-of-speech.js';
import { makeCall, ROOT } from '../helpers/fixtures.js';

const FIXTURE = join(ROOT, 'fixtures', 'jargon', 'calls.jsonl');

function discover(file = FIXTURE): JargonDiscovery {
  const d = new JargonDiscovery();
  for (const item of readCalls([file])) {
    if (item.kind === 'error') throw new Error(item.error.message);
    d.addCall(item.call);
  }
  return d;
}

const byTerm = (list: JargonCandidate[]) => new Map(list.map((c) => [c.term, c]));

describe('jargon discovery on fixtures/jargon', () => {
  const d = discover();
  const ranked = rankCandidates(d.table.values(), d.totals, { minCount: 2, limit: 15, tagger: tagPhrase });
  const terms = ranked.map((c) => c.term);
  const get = byTerm(ranked);

  it('counts calls, turns and the customer questions', () => {
    expect(d.totals).toMatchObject({ calls: 12, agentTurns: 46, customerTurns: 37, questionTurns: 8 });
  });

  it('ranks the internal terms the fixture plants at the top, best first', () => {
    expect(terms.slice(0, 12)).toEqual(expect.arrayContaining(['tier 2', 'CRT team', 'provisioning team', 'BAU', 'NOC', 'RMA', 'PAC code', 'work order', 'Siebel']));
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.score).toBeLessThanOrEqual(ranked[i - 1]!.score);
  });

  it('lists no stop words, shared words, courtesy, names, days, verbs, numbers, URLs or sign-offs', () => {
    const lower = terms.map((t) => t.toLowerCase());
    for (const bad of ['broadband', 'router', 'bill', 'engineer', 'inconvenience', 'sorry', 'daniel', 'holly', 'ana', 'tuesday', 'logged', 'raise', 'speaking', 'cs', 'https', 'example', 'help', 'the', 'it']) {
      expect(lower).not.toContain(bad);
    }
    expect(lower.some((t) => /\d{3,}|[@/]|https?/.test(t))).toBe(false);
  });

  it('reports counts, distinct agents, the questions asked and the shape', () => {
    expect(get.get('tier 2')).toMatchObject({ kind: 'tier', agentCount: 4, customerCount: 0, agents: 3 });
    expect(get.get('tier 2')!.asked).toBeGreaterThanOrEqual(2);
    expect(get.get('CRT team')).toMatchObject({ kind: 'team', agentCount: 3, asked: 2, agents: 2 });
    expect(get.get('BAU')).toMatchObject({ kind: 'acronym', agentCount: 3, agents: 3 });
    expect(get.get('tier 2')!.score).toBeGreaterThan(get.get('tier 2')!.contrast);
  });

  it('does not count the customer repeating a term to ask about it', () => {
    expect(get.get('PAC code')).toMatchObject({ customerCount: 0, asked: 1 });
    expect(d.table.get('pac code')!.customer).toBe(0);
  });

  it('gives up to two agent examples with the term in them', () => {
    for (const c of ranked) {
      expect(c.examples.length).toBeGreaterThan(0);
      expect(c.examples.length).toBeLessThanOrEqual(2);
      for (const x of c.examples) expect(x.toLowerCase()).toContain(c.term.toLowerCase().split(' ')[0]);
    }
  });

  it('prefers the longer term when the shorter one is mostly used inside it, whatever the limit', () => {
    expect(terms).toContain('PAC code');
    expect(terms).not.toContain('PAC');
    const top5 = rankCandidates(d.table.values(), d.totals, { minCount: 2, limit: 5, tagger: tagPhrase }).map((c) => c.term);
    expect(top5).not.toContain('PAC');
    expect(top5).toEqual(terms.filter((t) => top5.includes(t)));
  });

  it('keeps every word and phrase without a tagger, and honours exclude and minCount', () => {
    const untagged = rankCandidates(d.table.values(), d.totals, { minCount: 2, limit: 40 }).map((c) => c.term);
    expect(untagged).toEqual(expect.arrayContaining(['logged', 'Tuesday']));
    // the agent's own name, said in the greeting of every call ("you're through to Ana"), is never a candidate
    expect(d.table.get('ana')).toMatchObject({ agent: 3, openingUses: 3 });
    expect(untagged).not.toContain('Ana');
    const excluded = rankCandidates(d.table.values(), d.totals, { minCount: 2, limit: 40, exclude: (t) => t === 'BAU' }).map((c) => c.term);
    expect(excluded).not.toContain('BAU');
    const strict = rankCandidates(d.table.values(), d.totals, { minCount: 4, limit: 40 });
    expect(strict.every((c) => c.agentCount >= 4)).toBe(true);
  });
});

describe('jargon discovery details', () => {
  it('takes the agent id from the call meta', () => {
    expect(agentIdOf(makeCall('a', [], { agent: ' Ana ' }))).toBe('Ana');
    expect(agentIdOf(makeCall('a', [], { agent_id: 42 }))).toBe('42');
    expect(agentIdOf(makeCall('a', [], {}))).toBeUndefined();
  });

  it('credits a generic question to every term of the agent turn before it, and only that turn', () => {
    const d = new JargonDiscovery();
    d.addCall(makeCall('q', [['agent', 'It is with the DSO team.'], ['customer', 'Who are they?'], ['agent', 'The depot team, they have your parcel.'], ['customer', 'Okay.']]));
    expect(d.table.get('dso team')!.asked).toBe(1);
    expect(d.table.get('depot team')!.asked).toBe(0);
    expect(d.totals).toMatchObject({ answeredAgentTurns: 2, questionTurns: 1 });
  });

  it('credits a named question only to the terms it names', () => {
    const d = new JargonDiscovery();
    d.addCall(makeCall('q', [['agent', 'I raised an RMA and told the NOC.'], ['customer', "What's an RMA?"]]));
    expect(d.table.get('rma')!.asked).toBe(1);
    expect(d.table.get('noc')!.asked).toBe(0);
    expect(d.table.get('rma')!.customer).toBe(0);
  });

  it('ignores system and unknown speakers', () => {
    const d = new JargonDiscovery();
    d.addCall(makeCall('s', [['system', 'Press 1 for the BAU queue.'], ['unknown', 'BAU BAU BAU']]));
    expect(d.table.size).toBe(0);
  });

  it('names the shape of a term', () => {
    const d = new JargonDiscovery();
    d.addCall(makeCall('k', [['agent', 'It is on the XR7 list with CRT, tier 3 and the swap desk.']]));
    const kinds = Object.fromEntries([...d.table.values()].map((e) => [e.surface, kindOf(e)]));
    expect(kinds).toMatchObject({ XR7: 'acronym', CRT: 'acronym', 'tier 3': 'tier', 'swap desk': 'team', list: 'word', 'XR7 list': 'phrase' });
  });
});

describe('exampleSnippet', () => {
  it('cuts around the term on word boundaries and redacts card numbers, e-mails and handles', () => {
    const text = `${'Lorem ipsum dolor sit amet, '.repeat(8)}@cust123 your card 4111 1111 1111 1111 went to the BAU queue, mail me at jo@example.com ${'and so on '.repeat(10)}`;
    const start = text.indexOf('BAU queue');
    const s = exampleSnippet({ text, start, end: start + 9 }, 100);
    expect(s).toContain('BAU queue');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(104);
    expect(s).not.toMatch(/4111|jo@example|cust123/);
    expect(s).toContain('[CARD]');
  });

  it('keeps a short turn whole', () => {
    expect(exampleSnippet({ text: 'It is\nwith tier 2.', start: 11, end: 17 })).toBe('It is with tier 2.');
  });
});
