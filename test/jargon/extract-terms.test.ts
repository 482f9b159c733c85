import { describe, expect, it } from 'vitest';
import { extractTerms } from '../../src/jargon/extract-terms.js';

const surfaces = (text: string) => extractTerms(text).map((o) => o.surface);
const find = (text: string, surface: string) => extractTerms(text).find((o) => o.surface === surface);

describe('extractTerms', () => {
  it('gives words and 2–3-word phrases that neither start nor end with a stop word', () => {
    const s = surfaces('I have logged it on the work order system.');
    expect(s).toEqual(expect.arrayContaining(['logged', 'work', 'order', 'system', 'work order', 'order system', 'work order system']));
    expect(s).not.toContain('it');
    expect(s.some((t) => /^(i|on|the)\b|\b(on|the|it)$/.test(t))).toBe(false);
  });

  it('counts a term once per turn, with stems as the key', () => {
    const terms = extractTerms('The escalations team has it. The escalation team will call.');
    expect(terms.filter((o) => o.key === 'escal team')).toHaveLength(1);
  });

  it('never joins words across a comma, a sentence end or a slash', () => {
    const s = surfaces('Please DM your name, address and phone number. Router restarts/reboots help.');
    expect(s).toContain('phone number');
    expect(s).not.toContain('name address');
    expect(s).not.toContain('number router');
    expect(s).not.toContain('restarts reboots');
  });

  it('allows "of" inside a three-word phrase only', () => {
    const s = surfaces('Send proof of purchase and date of birth, name and address.');
    expect(s).toEqual(expect.arrayContaining(['proof of purchase', 'date of birth']));
    expect(s).not.toContain('name and address');
  });

  it('finds tier and line shapes, numbers included and normalised', () => {
    expect(find("It's gone to tier 2 now.", 'tier 2')).toMatchObject({ key: 'tier 2', pattern: 'tier' });
    expect(find('We passed it to level two.', 'level two')).toMatchObject({ key: 'level 2', pattern: 'tier' });
    expect(find('The second line team has it.', 'second line')).toMatchObject({ key: '2nd line', pattern: 'tier' });
    expect(surfaces('Can I take the first line of your address?')).not.toContain('first line');
  });

  it('finds "the X team/queue/desk" and keeps the words without "the"', () => {
    expect(find('I have passed it to the escalations team.', 'escalations team')).toMatchObject({ pattern: 'team', words: 2 });
    expect(find('It is sat in the L2 queue.', 'L2 queue')).toMatchObject({ pattern: 'team' });
    expect(find('Our refunds team will call.', 'refunds team')?.pattern).toBeUndefined();
  });

  it('flags acronyms, codes, capitalised and addressed words', () => {
    expect(find('It is with the CRT now.', 'CRT')).toMatchObject({ acronym: true, code: false });
    expect(find('It is sat with L2 at the moment.', 'L2')).toMatchObject({ acronym: true, code: true });
    expect(find('I will log it on Siebel today.', 'Siebel')).toMatchObject({ capital: true, addressed: false });
    expect(find('Thanks, Daniel. Have a good day.', 'Daniel')).toMatchObject({ addressed: true });
    expect(find('Hi Holly, sorry to hear that.', 'Holly')).toMatchObject({ addressed: true });
  });

  it('drops numbers, quantities, URLs, domains, handles, e-mail addresses and sign-offs', () => {
    const s = surfaces('@AppleSupport your case 4411 is at https://t.co/xyz or apple.com/support, mail help@example.com by 5pm on the 2nd ^JD');
    expect(s).toEqual(expect.arrayContaining(['case']));
    for (const bad of ['4411', 'applesupport', 'AppleSupport', 't', 'co', 'xyz', 'apple', 'com', 'support', 'help', 'example', '5pm', '2nd', 'JD', 'jd']) expect(s).not.toContain(bad);
    expect(surfaces('Thanks for your patience - Sam')).not.toContain('Sam');
  });

  it('keeps the offsets of the first use and the spelling as written', () => {
    const text = 'Right, the PAC code is on its way, the PAC code works for 30 days.';
    const occ = find(text, 'PAC code')!;
    expect(text.slice(occ.start, occ.end)).toBe('PAC code');
    expect(find('Try the iOS update first.', 'iOS update')).toBeDefined();
    expect(find('Your Wi-Fi password is on the router.', 'Wi-Fi password')).toBeDefined();
  });
});
