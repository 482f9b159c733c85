import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { fixture, fixtureText, readAll, readBatch, turnsOf } from './format-helpers.js';

describe('NIST RTTM', () => {
  it('is detected by SPEAKER lines (before STM, which has the same shape)', () => {
    expect(chooseAdapter('x.txt', fixtureText('rttm', 'diarization.rttm')).adapter?.name).toBe('rttm');
  });

  it('makes untexted turns from SPEAKER lines, one call per recording, in time order', () => {
    const { calls, errors } = readAll([fixture('rttm', 'diarization.rttm')]);
    expect(errors).toEqual([]);
    expect(calls.map((c) => c.id)).toEqual(['call-x', 'call-y']);
    expect(turnsOf(calls[0]!)).toEqual([
      ['unknown', '', 500, 2750],
      ['unknown', '', 2600, 2900],
      ['unknown', '', 3000, 4500],
    ]);
    expect(calls[0]!.meta).toMatchObject({ textless: 'true', roles: 'unresolved', unresolvedSpeakers: 'spk_a, spk_b' });
  });

  it('--agent-speaker gives the roles that the words cannot', () => {
    const { calls } = readAll([fixture('rttm', 'diarization.rttm')], { agentSpeaker: 'spk_b' });
    expect(calls[0]!.turns.map((t) => t.speaker)).toEqual(['customer', 'agent', 'agent']);
  });

  it('reports a malformed SPEAKER line with its number', () => {
    const { calls, errors } = readBatch({ 'bad.rttm': 'SPEAKER f 1 0.5 x <NA> <NA> a <NA> <NA>\nSPEAKER f 1 1.0 1.0 <NA> <NA> b <NA> <NA>\n' });
    expect(errors).toEqual([{ file: 'bad.rttm', line: 1, message: expect.stringContaining('RTTM: expected') }]);
    expect(calls[0]!.turns).toHaveLength(1);
  });
});
