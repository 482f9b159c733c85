import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { fixture, fixtureText, readBatch, readOne, turnsOf } from './format-helpers.js';

describe('SRT', () => {
  it('is detected by a cue number followed by a timing line', () => {
    expect(chooseAdapter('x.txt', fixtureText('srt', 'names.srt')).adapter?.name).toBe('srt');
  });

  it('reads "NAME:" prefixes; an unnamed cue continues the last speaker; "- A: … / - B: …" lines split a cue', () => {
    const call = readOne(fixture('srt', 'names.srt'));
    expect(turnsOf(call)).toEqual([
      ['agent', 'Northwind billing, Ana speaking, how can I help?', 800, 3600],
      ['customer', "I'm calling because my bill looks far too high this month.", 4100, 7000],
      ['agent', 'Let me check that.', 7400, 8900],
      ['customer', 'Okay.', 7400, 8900],
    ]);
    expect(call.meta).toMatchObject({ roles: 'inferred', agentSpeaker: 'ANA' });
  });

  it('reads WhisperX "[SPEAKER_NN]:" prefixes', () => {
    expect(turnsOf(readOne(fixture('srt', 'whisperx.srt')))).toEqual([
      ['agent', "Good afternoon, you're through to Northwind. How can I help?", 520, 3100],
      ['customer', "Hi, I'd like to change my tariff please.", 3600, 6250],
      ['agent', 'Of course, can I take your account number first?', 8400, 12750],
    ]);
  });

  it('reports a cue whose timing is cut short with its line, and reads the rest', () => {
    const text = `${fixtureText('srt', 'whisperx.srt')}\n4\n00:00:13,000 --> 00:0`;
    const { calls, errors } = readBatch({ 'cut.srt': text, 'empty.srt': '1\n' });
    expect(errors).toEqual([
      { file: 'cut.srt', line: 14, message: expect.stringContaining('expected a timing line') },
      { file: 'empty.srt', line: 1, message: expect.stringContaining('expected a timing line') },
      { file: 'empty.srt', line: 1, message: expect.stringContaining('no cues') },
    ]);
    expect(calls.map((c) => c.turns.length)).toEqual([3]);
  });
});
