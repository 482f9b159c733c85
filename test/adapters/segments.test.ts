import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { segmentMapping, unitsOf } from '../../src/adapters/segments.js';
import { expectTruncationReported, fixture, fixtureText, readAll, readBatch, readOne, turnsOf } from './format-helpers.js';

describe('generic JSON segments', () => {
  it('is detected for an array of objects with a text field', () => {
    expect(chooseAdapter('x.json', fixtureText('segments', 'bank-call.json')).adapter?.name).toBe('segments');
  });

  it('reads Harper-Valley-style segments: human_transcript, speaker_role, offset_ms + duration_ms', () => {
    const call = readOne(fixture('segments', 'bank-call.json'));
    expect(call.id).toBe('bank-call');
    expect(turnsOf(call)).toEqual([
      ['agent', 'hello this is northwind bank my name is omar how can i help you today', 2950, 6050],
      ['customer', 'hi i lost my debit card', 7200, 9400],
      ['agent', 'sorry to hear that', 10150, 11950],
      ['customer', '[noise]', 12500, 13100],
    ]);
    expect(call.meta).toEqual({ fieldMap: 'text=human_transcript,speaker=speaker_role,start=offset_ms,duration=duration_ms' });
  });

  it('--segment-fields names other fields; seconds, numeric strings and clock stamps are read', () => {
    const file = fixture('segments', 'in-house-export.json');
    expect(readAll([file]).errors).toEqual([expect.objectContaining({ message: expect.stringContaining('name one with --segment-fields text=FIELD') })]);
    const call = readOne(file, { segmentFields: { text: 'said', speaker: 'who', start: 't0', end: 't1' } });
    expect(call.id).toBe('in-house-export');
    expect(turnsOf(call)).toEqual([
      ['agent', 'Retentions, Lena speaking.', 1500, 3000],
      ['customer', 'I want to cancel my gym membership.', 3400, 6100],
      ['agent', 'I can help with that.', 6500, 8000],
    ]);
    expect(call.meta).toMatchObject({ call_ref: 'IH-3301', agent: 'Lena Fox', team: 'Retentions', exported: '2024-06-12' });
  });

  it('groups segments into calls by an id field, in order of first appearance', () => {
    const { calls, errors } = readAll([fixture('segments', 'two-calls.json')]);
    expect(errors).toEqual([]);
    expect(calls.map((c) => [c.id, c.source.record, turnsOf(c)])).toEqual([
      ['A-1', 0, [['agent', 'Northwind, how can I help?', 0, 2000], ['customer', 'My parcel is late.', 2500, 4000]]],
      ['B-7', 1, [['agent', 'Good morning.', 0, 1500], ['customer', 'Morning.', 2000, 3000]]],
    ]);
  });

  it('reads diarizer letters (A, B, …) as speaker names, not as the A:/C: agent/customer shorthand', () => {
    const { calls } = readBatch({
      'letters.json': JSON.stringify({ utterances: [{ speaker: 'A', text: 'hi, I am calling about my bill' }, { speaker: 'B', text: 'thanks for calling, how can I help?' }] }),
    });
    expect(calls[0]!.turns.map((t) => t.speaker)).toEqual(['customer', 'agent']);
    expect(calls[0]!.meta).toMatchObject({ roles: 'inferred', agentSpeaker: 'speaker B' });
  });

  it('finds fields by name and units by suffix; units= overrides', () => {
    expect(segmentMapping({ text: 'x', speaker_role: 'a', start_ms: 1, offset_ms: 2, duration_ms: 3 })).toEqual({
      fields: { text: 'text', speaker: 'speaker_role', start: 'offset_ms', duration: 'duration_ms' },
    });
    expect(segmentMapping({ body: 'x', begin: 1 }, { segmentFields: { text: 'body', units: 'ms' } })).toEqual({ fields: { text: 'body', start: 'begin' }, units: 'ms' });
    expect([unitsOf('start_ms'), unitsOf('startMs'), unitsOf('start'), unitsOf('start_usec')]).toEqual(['ms', 'ms', 's', 'us']);
  });

  it('reports a segment without text at its path, a missing text field, and a truncated file', () => {
    const { calls, errors } = readBatch({
      'bad.json': JSON.stringify([{ text: 'hi', speaker: 'agent' }, { speaker: 'customer' }, { text: 'bye', speaker: 'agent' }]),
      'none.json': JSON.stringify({ segments: [{ words: 'x' }] }),
    }, { inputFormat: 'segments' });
    expect(errors).toEqual([
      { file: 'bad.json', record: 0, message: expect.stringMatching(/^\[1\]: expected a segment object with "text"/) },
      { file: 'none.json', record: 0, message: expect.stringMatching(/^segments\[0\]: expected a text field/) },
    ]);
    expect(calls[0]!.turns.map((t) => t.text)).toEqual(['hi', 'bye']);
    const badTime = readBatch({ 'time.json': JSON.stringify([{ text: 'hi', start: 'soon' }]) });
    expect(badTime.errors).toEqual([{ file: 'time.json', record: 0, message: 'turn 0: start time not a number: "soon"' }]);
    expectTruncationReported('segments', 'bank-call.json');
  });
});
