import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { expectTruncationReported, fixture, fixtureText, readBatch, readOne, turnsOf } from './format-helpers.js';

const FILE = fixture('genesys', 'conversation-transcript.json');

describe('Genesys Cloud conversation transcript', () => {
  it('is detected by transcripts[].phrases[]', () => {
    expect(chooseAdapter(FILE, fixtureText('genesys', 'conversation-transcript.json')).adapter?.name).toBe('genesys');
  });

  it('merges the phrases of every transcript in time order; internal → agent, external → customer, ivr → system', () => {
    const call = readOne(FILE);
    expect(call.id).toBe('6f2b1c3d-0000-4000-8000-00000000g001');
    expect(turnsOf(call)).toEqual([
      ['system', 'your call may be recorded', 100, 1000],
      ['agent', 'thank you for calling northwind this is ana how can i help', 1200, 4800],
      ['customer', "hi i'm calling about a missed delivery", 5500, 7900],
      ['agent', "i've rebooked it for tomorrow morning", 30000, 32600],
    ]);
  });

  it('keeps channel, language, date and duration as meta', () => {
    expect(readOne(FILE).meta).toEqual({
      channel: 'voice',
      language: 'en-GB',
      date: '2024-06-03',
      startTime: '2024-06-03T09:00:00.000Z',
      durationMs: 41000,
      communicationId: 'comm-0001',
    });
  });

  it('keeps offsets that are already relative to the call', () => {
    const doc = { conversationId: 'rel', transcripts: [{ phrases: [{ text: 'hello', participantPurpose: 'internal', startTimeMs: 1500, duration: { milliseconds: 500 } }] }] };
    const { calls } = readBatch({ 'rel.json': JSON.stringify(doc) });
    expect(turnsOf(calls[0]!)).toEqual([['agent', 'hello', 1500, 2000]]);
  });

  it('reports a phrase without text at its path and a truncated file with its line', () => {
    const doc = JSON.parse(fixtureText('genesys', 'conversation-transcript.json'));
    doc.transcripts[0].phrases[1] = { participantPurpose: 'external', startTimeMs: 1 };
    const { calls, errors } = readBatch({ 'bad.json': JSON.stringify(doc) });
    expect(errors).toEqual([{ file: 'bad.json', record: 0, message: expect.stringMatching(/^transcripts\[0\]\.phrases\[1\]: expected/) }]);
    expect(calls[0]!.turns).toHaveLength(3);
    expectTruncationReported('genesys', 'conversation-transcript.json');
  });
});
