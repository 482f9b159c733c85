import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { expectTruncationReported, fixture, fixtureText, readBatch, readOne, turnsOf } from './format-helpers.js';

describe('Amazon Connect Contact Lens: voice', () => {
  const FILE = fixture('contact-lens', 'voice-call.json');

  it('is detected ahead of Call Analytics (ParticipantId, CustomerMetadata)', () => {
    expect(chooseAdapter(FILE, fixtureText('contact-lens', 'voice-call.json')).adapter?.name).toBe('contact-lens');
  });

  it('reads turns by ParticipantId with millisecond offsets, the contact id as call id', () => {
    const call = readOne(FILE);
    expect(call.id).toBe('7d3f0c1e-0000-4000-8000-00000000a001');
    expect(turnsOf(call)).toEqual([
      ['agent', "Hello, you've reached Northwind, my name is [PII].", 0, 3200],
      ['customer', "Yes, my card payment failed and now there's a late fee on my account.", 3900, 8800],
      ['agent', "I'm sorry to hear that. I can see the failed payment here.", 9300, 13000],
      ['customer', 'So can you take it off?', 12100, 13600],
      ['agent', "Yes, I've waived the fee today and I'll email you a confirmation.", 14200, 19000],
      ['customer', 'Great, thanks.', 19600, 21450],
    ]);
  });

  it('keeps characteristics, summary, categories and detected insights as meta', () => {
    expect(readOne(FILE).meta).toMatchObject({
      channel: 'voice',
      language: 'en-US',
      durationMs: 21450,
      agentTalkTimeMs: 10200,
      customerTalkTimeMs: 7400,
      interruptionCount: 1,
      interruptionTimeMs: 900,
      agentSentiment: 2.5,
      customerSentiment: -0.8,
      summary: 'Customer disputed a late fee after a failed card payment; agent waived it.',
      categories: 'late-fee',
      issues: "my card payment failed and now there's a late fee on my account",
      outcomes: "I've waived the fee today",
      actionItems: "I'll email you a confirmation",
      customerNegativeTurns: 1,
    });
  });

  it('reports a turn without Content and reads the others', () => {
    const doc = JSON.parse(fixtureText('contact-lens', 'voice-call.json'));
    doc.Transcript[2].Content = 42;
    const { calls, errors } = readBatch({ 'bad.json': JSON.stringify(doc) });
    expect(errors).toEqual([{ file: 'bad.json', record: 0, message: expect.stringMatching(/^Transcript\[2\]: expected/) }]);
    expect(calls[0]!.turns).toHaveLength(5);
  });

  it('reports a truncated file with its line, and the rest of the batch is still read', () => {
    expectTruncationReported('contact-lens', 'voice-call.json');
  });
});

describe('Amazon Connect Contact Lens: chat', () => {
  const FILE = fixture('contact-lens', 'chat-contact.json');

  it('reads MESSAGE items only, roles from ParticipantRole, times from AbsoluteTime relative to the first item', () => {
    const call = readOne(FILE);
    expect(call.id).toBe('c4a7e000-0000-4000-8000-00000000c001');
    expect(turnsOf(call)).toEqual([
      ['system', 'Thanks for your message, an agent will be with you shortly.', 1500, undefined],
      ['agent', 'Hi Dana, thanks for contacting Northwind. How can I help?', 24250, undefined],
      ['customer', 'I was charged for a parcel that never arrived and I want a refund.', 40000, undefined],
      ['agent', "Sorry about that. I've issued a full refund to your card.", 65500, undefined],
      ['customer', 'Perfect, thank you!', 80000, undefined],
    ]);
  });

  it('takes the agent name, date, response times, item sentiment and summary issues into meta', () => {
    expect(readOne(FILE).meta).toEqual({
      channel: 'chat',
      language: 'en-US',
      agent: 'Ana',
      date: '2024-04-09',
      startTime: '2024-04-09T10:15:00.000Z',
      agentGreetingTimeMs: 4250,
      agentResponseAvgMs: 25500,
      agentResponseMaxMs: 25500,
      customerResponseAvgMs: 15125,
      customerResponseMaxMs: 15750,
      categories: 'refund',
      categoryCount: 1,
      customerNegativeTurns: 1,
      agentPositiveTurns: 1,
      customerPositiveTurns: 1,
      issues: 'charged for a parcel that never arrived',
    });
  });

  it('reports a truncated chat file with its line', () => {
    expectTruncationReported('contact-lens', 'chat-contact.json');
  });
});
