import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { groupIntoTurns, TURN_PAUSE_MS } from '../../src/adapters/turn-grouping.js';
import { expectTruncationReported, fixture, fixtureText, readBatch, readOne, turnsOf } from './format-helpers.js';

describe('Amazon Transcribe (standard) with speaker diarization', () => {
  const FILE = fixture('transcribe', 'diarized.json');

  it('is detected by results.items', () => {
    expect(chooseAdapter(FILE, fixtureText('transcribe', 'diarized.json')).adapter?.name).toBe('transcribe');
  });

  it('groups words into turns at each change of speaker and at a pause, punctuation joined to its word', () => {
    const call = readOne(FILE);
    expect(call.id).toBe('meter-reading-0007');
    expect(turnsOf(call)).toEqual([
      ['agent', 'Thanks for calling Northwind, how can I help?', 500, 2900],
      ['customer', "Hi, I'm calling about my meter reading.", 3400, 5600],
      ['agent', 'Sure, can I take your account number?', 6000, 7800],
      // same speaker, but 2.7 s after the last word: a new turn
      ['agent', 'Take your time.', 10500, 11300],
      ['customer', "It's 4412.", 12000, 13100],
    ]);
  });

  it('infers the agent from what spk_0 says and records the decision', () => {
    expect(readOne(FILE).meta).toMatchObject({ language: 'en-GB', roles: 'inferred', agentSpeaker: 'spk_0', speakerMap: 'spk_0=agent; spk_1=customer' });
    expect(Number(readOne(FILE).meta.roleConfidence)).toBeGreaterThan(0.8);
  });

  it('--agent-speaker overrides the inference', () => {
    const call = readOne(FILE, { agentSpeaker: 'spk_1' });
    expect(call.turns.map((t) => t.speaker)).toEqual(['customer', 'agent', 'customer', 'customer', 'agent']);
    expect(call.meta).toMatchObject({ roles: 'override', agentSpeaker: 'spk_1', roleConfidence: 1 });
  });

  it('reports a word without alternatives at its path and keeps the others', () => {
    const doc = JSON.parse(fixtureText('transcribe', 'diarized.json'));
    delete doc.results.items[2].alternatives;
    const { calls, errors } = readBatch({ 'bad.json': JSON.stringify(doc) });
    expect(errors).toEqual([{ file: 'bad.json', record: 0, message: expect.stringMatching(/^results\.items\[2\]: expected/) }]);
    expect(calls[0]!.turns[0]!.text).toBe('Thanks for Northwind, how can I help?');
  });

  it('reports a truncated file with its line, and the rest of the batch is still read', () => {
    expectTruncationReported('transcribe', 'diarized.json');
  });
});

describe('Amazon Transcribe (standard) with channel identification', () => {
  const FILE = fixture('transcribe', 'channels.json');

  it('takes channel labels from channel_labels when the items lack them, and orders words by time', () => {
    const call = readOne(FILE);
    expect(turnsOf(call)).toEqual([
      ['agent', "Good morning, you're through to Northwind billing.", 200, 2600],
      ['customer', 'Morning. I need to cancel my direct debit.', 3000, 5400],
      ['agent', 'Okay. Can I take your postcode please?', 5200, 7800],
    ]);
    expect(call.meta).toMatchObject({ roles: 'inferred', agentSpeaker: 'ch_1' });
  });

  it('--agent-speaker takes a bare channel number', () => {
    expect(readOne(FILE, { agentSpeaker: '0' }).meta).toMatchObject({ roles: 'override', agentSpeaker: 'ch_0' });
  });
});

describe('turn grouping', () => {
  const piece = (label: string | undefined, startMs: number, endMs: number, text: string) => ({ label, startMs, endMs, text });

  it('joins one speaker until a pause of TURN_PAUSE_MS; unlabelled pieces never join', () => {
    const turns = groupIntoTurns([
      piece('a', 0, 1000, 'one'),
      piece('a', 1000 + TURN_PAUSE_MS - 1, 4000, 'two'),
      piece('a', 4000 + TURN_PAUSE_MS, 7000, 'three'),
      piece(undefined, 7000, 8000, 'x'),
      piece(undefined, 8000, 9000, 'y'),
    ]);
    expect(turns.map((t) => [t.speaker, t.text, t.start, t.end])).toEqual([
      ['a', 'one two', 0, 4000],
      ['a', 'three', 6000, 7000],
      [undefined, 'x', 7000, 8000],
      [undefined, 'y', 8000, 9000],
    ]);
  });
});
