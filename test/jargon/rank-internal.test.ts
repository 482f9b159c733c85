import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JargonDiscovery, orgIdOf } from '../../src/jargon/discover-jargon.js';
import { kindOf, rankCandidates } from '../../src/jargon/rank-candidates.js';
import { readCalls } from '../../src/io/read-calls.js';
import type { Call } from '../../src/model/call.js';
import { tagPhrase } from '../../src/nlp/part-of-speech.js';
import { makeCall, ROOT } from '../helpers/fixtures.js';

function discover(calls: Iterable<Call>): JargonDiscovery {
  const d = new JargonDiscovery();
  for (const call of calls) d.addCall(call);
  return d;
}

function* fixtureCalls(file: string): Generator<Call> {
  for (const item of readCalls([file])) {
    if (item.kind === 'error') throw new Error(item.error.message);
    yield item.call;
  }
}

/**
 * fixtures/jargon/support-desk: one made-up mobile network whose agents say the generic desk language
 * ("could you confirm your email address and phone number", "I'll pass your feedback on to the team",
 * "let me take a closer look at your account details") in nearly every call, far more often than the
 * seven internal terms planted among it. The contrast alone ranks the generic language first.
 */
describe('jargon ranking on a support desk whose agents repeat generic desk language', () => {
  const d = discover(fixtureCalls(join(ROOT, 'fixtures', 'jargon', 'support-desk', 'calls.jsonl')));
  const ranked = rankCandidates(d.table.values(), d.totals, { minCount: 3, limit: 15, tagger: tagPhrase });
  const terms = ranked.map((c) => c.term);
  const PLANTED = ['porting desk', 'ORN', 'level 2', 'Halo', 'STAC code', 'RF12', 'cease order'];

  it('ranks the seven planted internal terms above everything else', () => {
    expect(terms.slice(0, PLANTED.length).sort()).toEqual([...PLANTED].sort());
  });

  it('ranks every planted term above the generic desk language', () => {
    const lowest = Math.max(...PLANTED.map((t) => terms.indexOf(t)));
    for (const generic of ['email address', 'phone number', 'full name', 'number', 'email', 'account details', 'information', 'feedback', 'team', 'closer look', 'issue', 'account']) {
      const at = terms.findIndex((t) => t.toLowerCase() === generic);
      if (at >= 0) expect(at, generic).toBeGreaterThan(lowest);
    }
  });

  it('lists neither the customer’s own details nor the company’s name from the greeting', () => {
    const all = rankCandidates(d.table.values(), d.totals, { minCount: 3, limit: 100, tagger: tagPhrase }).map((c) => c.term.toLowerCase());
    for (const never of ['email address', 'phone number', 'full name', 'information', 'larkspur', 'larkspur mobile']) expect(all, never).not.toContain(never);
  });

  it('names each planted term’s shape and says why it ranks', () => {
    const get = new Map(ranked.map((c) => [c.term, c]));
    expect(get.get('porting desk')).toMatchObject({ kind: 'team' });
    expect(get.get('STAC code')).toMatchObject({ kind: 'reference' });
    expect(get.get('Halo')).toMatchObject({ kind: 'proper' });
    expect(get.get('level 2')).toMatchObject({ kind: 'tier' });
    expect(get.get('Halo')!.why).toMatch(/^agents 5 vs customers 0 .*rare in general English.*proper shape/);
    expect(get.get('cease order')!.specificity).toBeLessThan(1);
  });
});

describe('jargon ranking details', () => {
  const agentSays = (id: string, text: string, meta: Call['meta'] = {}) => makeCall(id, [['agent', text], ['customer', 'Okay, I will send the photo over tonight when I get home.']], meta);

  it('never lists the customer’s own details, however much agents ask for them', () => {
    const calls = Array.from({ length: 6 }, (_, i) => agentSays(`p${i}`, 'Could you confirm your email address, phone number and full name? Your Clearview ticket number is on the email.'));
    const terms = rankCandidates(discover(calls).table.values(), discover(calls).totals, { minCount: 3 }).map((c) => c.term.toLowerCase());
    for (const detail of ['email address', 'phone number', 'full name']) expect(terms).not.toContain(detail);
    expect(terms).toContain('clearview ticket number');
  });

  it('holds back a term every organisation uses and keeps one organisation’s term', () => {
    const calls = ['north', 'south', 'east', 'west'].flatMap((brand) =>
      Array.from({ length: 3 }, (_, i) => agentSays(`${brand}${i}`, `Please send a screenshot${brand === 'north' ? ' to the Kestrel desk' : ''}.`, { agent: `${brand}-agent`, brand })),
    );
    const d = discover(calls);
    expect(orgIdOf(calls[0]!)).toBe('north');
    expect(d.totals.orgs).toBe(4);
    const ranked = rankCandidates(d.table.values(), d.totals, { minCount: 3 });
    const get = new Map(ranked.map((c) => [c.term, c]));
    expect(get.get('Kestrel desk')).toMatchObject({ organisations: 1, spread: 1 });
    expect(get.get('screenshot')).toMatchObject({ organisations: 4, spread: 0.1 });
    expect(ranked[0]!.term).toBe('Kestrel desk');
    expect(get.get('screenshot')!.why).toMatch(/used by 4 of 4 organisations/);
  });

  it('leaves turns in another language out of the counts', () => {
    const d = discover([makeCall('es', [['agent', 'Lamentamos el inconveniente, envíanos tu número de pedido por mensaje directo.'], ['customer', 'Vale, gracias por la ayuda.']])]);
    expect(d.totals).toMatchObject({ agentTurns: 0, customerTurns: 0, otherLanguageTurns: 2 });
    expect(d.table.size).toBe(0);
  });

  it('lists a term said two ways once ("version of iOS" is "iOS version")', () => {
    const calls = Array.from({ length: 4 }, (_, i) => agentSays(`v${i}`, i % 2 ? 'Which version of iOS is it on?' : 'Which iOS version is it on?'));
    const d = discover(calls);
    const terms = rankCandidates(d.table.values(), d.totals, { minCount: 2 }).map((c) => c.term);
    expect(terms.filter((t) => /version/.test(t) && /iOS/.test(t))).toHaveLength(1);
  });

  it('names reference-number kinds and capitalised names, and reads a capital after an acronym as neither', () => {
    const d = discover([agentSays('k', 'Your booking reference is on the email, the record locator too; it is in Siebel and the Critical Response Line has it. DM letting us know.')]);
    const kinds = Object.fromEntries([...d.table.values()].map((e) => [e.surface, kindOf(e)]));
    expect(kinds).toMatchObject({ 'booking reference': 'reference', 'record locator': 'reference', Siebel: 'proper', 'Critical Response Line': 'proper' });
    expect(kinds['DM letting']).not.toBe('proper');
  });
});
