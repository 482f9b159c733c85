import { describe, expect, it } from 'vitest';
import { cueSpeakers, parseTiming } from '../../src/adapters/captions.js';
import { chooseAdapter } from '../../src/adapters/index.js';
import { expectTruncationReported, fixture, fixtureText, readBatch, readOne, turnsOf } from './format-helpers.js';

describe('WebVTT', () => {
  it('is detected by its WEBVTT header, whatever the extension', () => {
    expect(chooseAdapter('call.txt', fixtureText('webvtt', 'voices.vtt')).adapter?.name).toBe('webvtt');
  });

  it('reads <v> voice spans, joins a speaker’s consecutive cues, splits a cue with two voices, decodes entities', () => {
    const call = readOne(fixture('webvtt', 'voices.vtt'));
    expect(call.id).toBe('voices');
    expect(call.source.line).toBe(5);
    expect(turnsOf(call)).toEqual([
      ['agent', 'Thank you for calling Northwind, how can I help?', 1000, 5000],
      ['customer', "Hi, I'm calling about my bill & a late fee.", 5500, 8000],
      ['agent', 'Sure.', 8000, 9000],
      ['customer', 'Thanks.', 8000, 9000],
      ['agent', "Sorry for the wait, I've removed the fee.", 20000, 22000],
    ]);
    expect(call.meta).toMatchObject({ roles: 'inferred', agentSpeaker: 'Ana', speakerMap: 'Ana=agent; Ben Ortiz=customer' });
  });

  it('reads WhisperX "[SPEAKER_NN]:" prefixes and mm:ss.ttt or hh:mm:ss.ttt stamps', () => {
    const call = readOne(fixture('webvtt', 'whisperx.vtt'));
    expect(turnsOf(call)).toEqual([
      ['agent', "Good afternoon, you're through to Northwind. How can I help?", 500, 3000],
      ['customer', 'Hi, I need to change my tariff.', 3400, 6000],
      ['customer', 'Thanks.', 3723250, 3724000],
    ]);
  });

  it('the agent named in meta (e.g. from the file name) decides the roles', () => {
    const { calls } = readBatch({ 'agent-Ben Ortiz.vtt': fixtureText('webvtt', 'voices.vtt') }, { metaFromFilename: /agent-(?<agent>[^/.]+)\.vtt$/ });
    expect(calls[0]!.turns.map((t) => t.speaker)).toEqual(['customer', 'agent', 'customer', 'agent', 'customer']);
    expect(calls[0]!.meta).toMatchObject({ agent: 'Ben Ortiz', roles: 'inferred' });
  });

  it('speaker and timing parsing', () => {
    expect(parseTiming('00:01:02.500 --> 00:01:04.000 align:left')).toEqual({ startMs: 62500, endMs: 64000 });
    expect(parseTiming('01:02.5 --> 01:03')).toBeUndefined();
    expect(cueSpeakers(['<v.loud Esme>It’s a blue apple tree!', 'No way!'])).toEqual([{ label: 'Esme', text: 'It’s a blue apple tree! No way!' }]);
    expect(cueSpeakers(['- Tom Reed: yes', '- Customer: no'])).toEqual([
      { label: 'Tom Reed', text: 'yes' },
      { label: 'Customer', text: 'no' },
    ]);
    expect(cueSpeakers(['the time is 10:30 now'])).toEqual([{ label: undefined, text: 'the time is 10:30 now' }]);
  });

  it('reports a bad cue timing and a missing header with their lines; the other cues and files are read', () => {
    const text = fixtureText('webvtt', 'voices.vtt').replace('00:00:05.500 --> 00:00:08.000', '00:00:05.500 --> 00:00:0');
    const { calls, errors } = readBatch({ 'bad.vtt': text, 'noheader.vtt': 'NOTWEBVTT\n\n00:01.000 --> 00:02.000\nhi\n', 'good.vtt': fixtureText('webvtt', 'voices.vtt') });
    expect(errors).toEqual([
      { file: 'bad.vtt', line: 12, message: expect.stringContaining('bad cue timing') },
      { file: 'noheader.vtt', line: 1, message: expect.stringContaining('WEBVTT') },
    ]);
    expect(calls.map((c) => [c.source.file, c.turns.length])).toEqual([
      ['bad.vtt', 4],
      ['good.vtt', 5],
    ]);
    expectTruncationReported('webvtt', 'whisperx.vtt');
  });
});
