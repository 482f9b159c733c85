import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { expectTruncationReported, fixture, fixtureText, readBatch, readOne, turnsOf } from './format-helpers.js';

const FILE = fixture('transcribe-call-analytics', 'billing-call.json');

describe('Amazon Transcribe Call Analytics', () => {
  it('is detected by its Transcript[] of ParticipantRole turns', () => {
    expect(chooseAdapter(FILE, fixtureText('transcribe-call-analytics', 'billing-call.json')).adapter?.name).toBe('transcribe-call-analytics');
  });

  it('reads one turn per Transcript item: role, text and millisecond offsets', () => {
    const call = readOne(FILE);
    expect(call.id).toBe('tca-billing-0042');
    expect(turnsOf(call)).toEqual([
      ['agent', 'Thank you for calling Northwind Energy, this is Sam. How can I help?', 400, 4100],
      ['customer', "Hi, I've been charged twice for my October bill and I want it sorted today.", 4600, 11800],
      ['agent', 'Sorry about that. Let me check your account, can I take your postcode?', 12300, 16900],
      ['customer', "It's [PII].", 17500, 19200],
      ['agent', "I've refunded the duplicate payment, you'll see it in three to five days.", 33400, 40100],
      ['customer', 'Brilliant, thank you.', 40600, 42300],
    ]);
  });

  it('keeps ConversationCharacteristics as call metrics and Categories, sentiment and insights as meta', () => {
    expect(readOne(FILE).meta).toEqual({
      channel: 'voice',
      language: 'en-GB',
      durationMs: 42300,
      talkTimeMs: 24700,
      agentTalkTimeMs: 15000,
      customerTalkTimeMs: 9700,
      nonTalkTimeMs: 14200,
      nonTalkCount: 1,
      interruptionCount: 0,
      interruptionTimeMs: 0,
      agentWordsPerMinute: 162,
      customerWordsPerMinute: 148,
      agentSentiment: 1.2,
      customerSentiment: 0.4,
      agentSentimentByQuarter: '[0,0,0,5]',
      customerSentimentByQuarter: '[-5,0,0,5]',
      categories: 'billing-dispute, refund-issued',
      categoryCount: 2,
      customerNegativeTurns: 1,
      agentPositiveTurns: 1,
      customerPositiveTurns: 1,
      issues: "I've been charged twice for my October bill",
      outcomes: 'refunded the duplicate payment',
    });
  });

  it('reports a turn without Content at its JSON path and reads the others', () => {
    const doc = JSON.parse(fixtureText('transcribe-call-analytics', 'billing-call.json'));
    delete doc.Transcript[1].Content;
    const { calls, errors } = readBatch({ 'bad.json': JSON.stringify(doc, null, 2) });
    expect(errors).toEqual([{ file: 'bad.json', record: 0, message: expect.stringMatching(/^Transcript\[1\]: expected .*Content/) }]);
    expect(calls[0]!.turns).toHaveLength(5);
  });

  it('reports a truncated file with its line, and the rest of the batch is still read', () => {
    expect(expectTruncationReported('transcribe-call-analytics', 'billing-call.json').message).toMatch(/invalid JSON at line \d+, column \d+: the file ends early/);
  });
});
