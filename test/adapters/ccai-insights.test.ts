import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { expectTruncationReported, fixture, fixtureText, readBatch, readOne, turnsOf } from './format-helpers.js';

describe('Google CCAI Insights: Conversation resource (transcript.transcriptSegments)', () => {
  const FILE = fixture('ccai-insights', 'conversation-resource.json');

  it('is detected by transcriptSegments', () => {
    expect(chooseAdapter(FILE, fixtureText('ccai-insights', 'conversation-resource.json')).adapter?.name).toBe('ccai-insights');
  });

  it('reads roles from segmentParticipant or the agent/customer channel, times from word offsets or messageTime', () => {
    const call = readOne(FILE);
    expect(call.id).toBe('conv-7781');
    expect(turnsOf(call)).toEqual([
      ['agent', 'Northwind billing, Priya speaking, how can I help?', 400, 3600],
      ['customer', "Hi, I'm calling because my direct debit was taken twice.", 4200, 8700],
      ['agent', "I'm sorry about that, let me check your account.", 9000, 12150],
      ['system', 'Please hold while we connect you.', 31250, undefined],
    ]);
  });

  it('takes agent, team, channel, date, duration and labels into meta', () => {
    expect(readOne(FILE).meta).toEqual({
      agent: 'Priya Shah',
      team: 'Billing',
      channel: 'voice',
      language: 'en-US',
      date: '2024-03-05',
      startTime: '2024-03-05T14:00:00.000Z',
      durationMs: 42500,
      queue: 'billing',
      region: 'north',
    });
  });

  it('reads a list of conversations as one call each', () => {
    const one = JSON.parse(fixtureText('ccai-insights', 'conversation-resource.json'));
    const two = { ...one, name: 'projects/example/conversations/conv-2' };
    const { calls, errors } = readBatch({ 'list.json': JSON.stringify({ conversations: [one, two] }) });
    expect(errors).toEqual([]);
    expect(calls.map((c) => [c.id, c.source.record])).toEqual([
      ['conv-7781', 0],
      ['conv-2', 1],
    ]);
  });

  it('reports a segment without text and reads the others', () => {
    const doc = JSON.parse(fixtureText('ccai-insights', 'conversation-resource.json'));
    delete doc.transcript.transcriptSegments[0].text;
    const { calls, errors } = readBatch({ 'bad.json': JSON.stringify(doc) });
    expect(errors).toEqual([{ file: 'bad.json', record: 0, message: expect.stringMatching(/^transcript\.transcriptSegments\[0\]: expected/) }]);
    expect(calls[0]!.turns).toHaveLength(3);
  });

  it('reports a truncated file with its line', () => {
    expectTruncationReported('ccai-insights', 'conversation-resource.json');
  });
});

describe('Google CCAI Insights: upload form (entries[])', () => {
  const FILE = fixture('ccai-insights', 'chat-entries.json');

  it('reads entries with times from start_timestamp_usec, and resolves user_id speakers by what they say', () => {
    const call = readOne(FILE);
    expect(call.id).toBe('chat-entries');
    expect(turnsOf(call)).toEqual([
      ['customer', "Hi, I'm having an issue with my router, the lights keep flashing.", 0, undefined],
      ['agent', 'Thanks for contacting Northwind support. What can I help you with first, can I take your account number?', 12500, undefined],
      ['customer', "It's NW-20931.", 30000, undefined],
      ['agent', "Thank you. I've reset the line from here, give it two minutes.", 51000, undefined],
    ]);
    expect(call.meta).toMatchObject({ date: '2024-05-01', categories: 'Broadband, Router', roles: 'inferred', agentSpeaker: 'user 2' });
  });

  it('reports an entry without text and a truncated file', () => {
    const doc = JSON.parse(fixtureText('ccai-insights', 'chat-entries.json'));
    doc.entries[3] = { start_timestamp_usec: 1, user_id: 2 };
    const { errors } = readBatch({ 'bad.json': JSON.stringify(doc) });
    expect(errors).toEqual([{ file: 'bad.json', record: 0, message: expect.stringMatching(/^entries\[3\]: expected/) }]);
    expectTruncationReported('ccai-insights', 'chat-entries.json');
  });
});
