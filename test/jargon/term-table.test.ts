import { describe, expect, it } from 'vitest';
import { extractTerms, type TermOccurrence } from '../../src/jargon/extract-terms.js';
import { agentCountOf, TermTable } from '../../src/jargon/term-table.js';

const occ = (text: string, surface: string): TermOccurrence => extractTerms(text).find((o) => o.surface === surface)!;

describe('TermTable', () => {
  it('counts agent and customer turns, distinct agents and at most two distinct examples', () => {
    const table = new TermTable(100);
    const lines = ['It is with tier 2.', 'Tier 2 have it.', 'It is with tier 2.', 'Tier 2 will call.'];
    lines.forEach((text, i) => table.addAgentUse(occ(text, 'tier 2'), text, ['ana', 'ben', 'ana', undefined][i]));
    table.addCustomerUse(occ('What is tier 2?', 'tier 2'));
    const e = table.get('tier 2')!;
    expect(e).toMatchObject({ agent: 4, customer: 1, pattern: 'tier', patternUses: 4 });
    expect(agentCountOf(e)).toBe(2);
    expect(e.examples.map((x) => x.text)).toEqual(['It is with tier 2.', 'Tier 2 have it.']);
  });

  it('keeps the usual spelling by majority', () => {
    const table = new TermTable(100);
    for (const text of ['Log it on siebel.', 'It is on Siebel now.', 'I use Siebel for that.', 'Check Siebel again.']) {
      const o = extractTerms(text).find((x) => x.key === 'siebel')!;
      table.addAgentUse(o, text, 'a');
    }
    expect(table.get('siebel')!.surface).toBe('Siebel');
  });

  it('stays within its bound by dropping the least used terms', () => {
    const table = new TermTable(50);
    const busy = occ('The CRT team has it.', 'CRT team');
    for (let i = 0; i < 400; i++) {
      table.addAgentUse(busy, 'The CRT team has it.', 'a');
      table.addCustomerUse(occ(`word${i}x is rare.`, `word${i}x`));
      expect(table.size).toBeLessThanOrEqual(50);
    }
    expect(table.prunes).toBeGreaterThan(0);
    expect(table.get('crt team')!.agent).toBe(400);
  });
});
