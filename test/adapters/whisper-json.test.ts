import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { expectTruncationReported, fixture, fixtureText, readBatch, readOne, turnsOf } from './format-helpers.js';

describe('WhisperX / whisper JSON', () => {
  it('is detected by segments[] with numeric start and end', () => {
    expect(chooseAdapter('x.json', fixtureText('whisper', 'whisperx.json')).adapter?.name).toBe('whisper');
    expect(chooseAdapter('x.json', fixtureText('whisper', 'whisper.json')).adapter?.name).toBe('whisper');
  });

  it('reads one turn per segment with SPEAKER_NN labels resolved to roles; a segment without speaker stays unknown', () => {
    const call = readOne(fixture('whisper', 'whisperx.json'));
    expect(call.id).toBe('whisperx');
    expect(turnsOf(call)).toEqual([
      ['agent', "Good afternoon, you're through to Northwind. How can I help?", 520, 3100],
      ['customer', "Hi, I'd like to change my tariff please.", 3600, 6250],
      ['unknown', 'Mm-hmm.', 6800, 8000],
      ['agent', 'Of course, can I take your account number first?', 8400, 12750],
    ]);
    expect(call.meta).toMatchObject({ language: 'en', roles: 'inferred', agentSpeaker: 'SPEAKER_01', speakerMap: 'SPEAKER_01=agent; SPEAKER_00=customer' });
  });

  it('plain whisper output has no speakers: the roles are reported unresolved', () => {
    const call = readOne(fixture('whisper', 'whisper.json'));
    expect(turnsOf(call)).toEqual([
      ['unknown', 'Hello, is anyone there?', 0, 2400],
      ['unknown', 'Yes, go ahead.', 2900, 4200],
    ]);
    expect(call.meta).toMatchObject({ roles: 'unresolved', unresolvedSpeakers: '(unlabelled)' });
  });

  it('reports a segment without times at its path and a truncated file with its line', () => {
    const doc = JSON.parse(fixtureText('whisper', 'whisperx.json'));
    delete doc.segments[1].end;
    const { calls, errors } = readBatch({ 'bad.json': JSON.stringify(doc) });
    expect(errors).toEqual([{ file: 'bad.json', record: 0, message: expect.stringMatching(/^segments\[1\]: expected/) }]);
    expect(calls[0]!.turns).toHaveLength(3);
    expectTruncationReported('whisper', 'whisperx.json');
  });
});
