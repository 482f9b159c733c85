import { describe, expect, it } from 'vitest';
import { MIN_MARGIN, resolveRoles } from '../../src/adapters/role-resolver.js';
import type { RawCall } from '../../src/model/raw-call.js';

const raw = (turns: [string | undefined, string][], meta: Record<string, unknown> = {}): RawCall => ({
  id: 'c',
  source: { file: 'f', record: 0 },
  meta,
  turns: turns.map(([speaker, text]) => ({ speaker, text, timeScale: 1 })),
});
const speakers = (c: RawCall) => c.turns.map((t) => t.speaker);

describe('role resolver', () => {
  it('names the agent from a greeting with the company, "how can I help" and an identity check', () => {
    const out = resolveRoles(
      raw([
        ['spk_1', 'Hi, I am calling about my bill.'],
        ['spk_0', 'Thanks for calling Northwind, sorry for the wait. Can I take your postcode?'],
        ['spk_1', 'AB1 2CD.'],
        ['spk_0', 'Is there anything else I can help with?'],
      ]),
    );
    expect(speakers(out)).toEqual(['customer', 'agent', 'customer', 'agent']);
    expect(out.meta).toMatchObject({ roles: 'inferred', agentSpeaker: 'spk_0', speakerMap: 'spk_0=agent; spk_1=customer' });
    expect(out.meta.roleEvidence).toContain('spk_0: +thanks-for-calling');
    expect(out.meta.roleEvidence).toContain('spk_1: spoke first, -calling-about');
    expect(out.meta.roleConfidence).toBeGreaterThan(0.85);
    expect(out.meta.roleConfidence).toBeLessThan(1);
  });

  it('leaves the speakers unknown, and says so, when the evidence is too thin', () => {
    const out = resolveRoles(raw([['Diane', 'Hello?'], ['Sheila', 'Hello?'], ['Diane', 'This is Diane in New Jersey.']]));
    expect(speakers(out)).toEqual(['Diane', 'Sheila', 'Diane']);
    expect(out.meta).toEqual({ roles: 'unresolved', unresolvedSpeakers: 'Diane, Sheila', roleEvidence: 'Diane: spoke first; Sheila: no cue' });
    expect(MIN_MARGIN).toBeGreaterThan(0.5);
  });

  it('one label for the whole call, or none, cannot be split into roles', () => {
    expect(resolveRoles(raw([['spk_0', 'Thanks for calling, how can I help?']])).meta).toMatchObject({ roles: 'unresolved', roleEvidence: 'one speaker label for the whole call' });
    expect(resolveRoles(raw([[undefined, 'Thanks for calling, how can I help?']])).meta).toMatchObject({ roles: 'unresolved', unresolvedSpeakers: '(unlabelled)' });
  });

  it('passes calls whose export names the agent unchanged, and gives a lone other party the customer role', () => {
    const labelled = raw([['agent', 'hi'], ['customer', 'hello'], ['Zed', 'me too']]);
    expect(resolveRoles(labelled)).toBe(labelled);
    const twoParty = resolveRoles(raw([['Priya', 'hi'], ['Dan', 'hello']], { agent: 'Priya' }));
    expect(speakers(twoParty)).toEqual(['Priya', 'customer']);
    expect(twoParty.meta).toMatchObject({ roles: 'inferred', roleEvidence: 'the other party of a labelled agent' });
    const customerKnown = resolveRoles(raw([['caller', 'hi'], ['spk_3', 'hello']]));
    expect(speakers(customerKnown)).toEqual(['caller', 'agent']);
  });

  it('--agent-speaker: an exact label in any case, or a bare number; others become customers', () => {
    const call = raw([['SPEAKER_00', 'hi'], ['SPEAKER_01', 'hello'], ['SPEAKER_02', 'hey']]);
    expect(speakers(resolveRoles(call, { agentSpeaker: 'speaker_01' }))).toEqual(['customer', 'agent', 'customer']);
    expect(resolveRoles(call, { agentSpeaker: '2' }).meta).toMatchObject({ roles: 'override', agentSpeaker: 'SPEAKER_02', roleConfidence: 1 });
    expect(resolveRoles(call, { agentSpeaker: 'spk_9' }).meta).toMatchObject({ roles: 'unresolved', agentSpeakerNotFound: 'spk_9' });
  });

  it('with three speakers the agent is the one with most evidence; only speakers with customer cues become customers', () => {
    const out = resolveRoles(
      raw([
        ['s1', 'Welcome to Northwind, how can I help you today?'],
        ['s2', "I'm calling about my broadband."],
        ['s3', 'Uh huh.'],
      ]),
    );
    expect(speakers(out)).toEqual(['agent', 'customer', 's3']);
  });

  it('reads only the opening and closing turns of a long call', () => {
    // y's telling phrases sit only in the middle of a 200-turn call, beyond its first 20 and last 8 turns
    const turns: [string, string][] = Array.from({ length: 200 }, (_, i) => [i % 2 ? 'y' : 'x', i % 2 && i >= 60 && i < 180 ? 'thanks for calling, how can I help?' : 'ok']);
    expect(resolveRoles(raw(turns)).meta.roles).toBe('unresolved');
    turns[1] = ['y', 'thanks for calling, how can I help?'];
    expect(resolveRoles(raw(turns)).meta).toMatchObject({ roles: 'inferred', agentSpeaker: 'y' });
  });
});
