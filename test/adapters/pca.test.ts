import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { expectTruncationReported, fixture, fixtureText, readBatch, readOne, turnsOf } from './format-helpers.js';

const FILE = fixture('pca', 'parsed-call.json');

describe('Amazon Transcribe Post Call Analytics (PCA) output', () => {
  it('is detected by SpeechSegments', () => {
    expect(chooseAdapter(FILE, fixtureText('pca', 'parsed-call.json')).adapter?.name).toBe('pca');
  });

  it('reads segments: speakers named by SpeakerLabels, IVR segments as system, DisplayText before OriginalText, seconds → ms', () => {
    const call = readOne(FILE);
    expect(call.id).toBe('pca-6b1f0d2e');
    expect(turnsOf(call)).toEqual([
      ['system', 'Calls may be recorded for training.', 0, 3100],
      ['agent', 'Good morning, Northwind, Tom speaking, how can I help?', 4000, 7250],
      ['customer', 'Hi, I want to pay my overdue bill before the weekend.', 7900, 14600],
      ['agent', 'No problem, I can take that payment now.', 15200, 21000],
    ]);
  });

  it('keeps agent, date, location, duration, categories, sentiment and direction as meta', () => {
    expect(readOne(FILE).meta).toEqual({
      agent: 'Tom Reed',
      language: 'en-GB',
      date: '2024-02-01',
      conversationTime: '2024-02-01 09:15:00.000000',
      location: 'Europe/London',
      durationMs: 38200,
      categories: 'prompt-payment',
      categoryCount: 1,
      agentSentiment: 1.5,
      customerSentiment: -0.5,
      direction: 'inbound',
    });
  });

  it('leaves spk_N to the role resolver when SpeakerLabels name no role', () => {
    const doc = JSON.parse(fixtureText('pca', 'parsed-call.json'));
    doc.ConversationAnalytics.SpeakerLabels = [{ Speaker: 'spk_0', DisplayText: 'Unknown_0' }, { Speaker: 'spk_1', DisplayText: 'Unknown_1' }];
    const { calls } = readBatch({ 'standard.json': JSON.stringify(doc) });
    expect(calls[0]!.turns.map((t) => t.speaker)).toEqual(['system', 'agent', 'customer', 'agent']);
    expect(calls[0]!.meta).toMatchObject({ roles: 'inferred', agentSpeaker: 'spk_0' });
  });

  it('reports a segment without text at its path and a truncated file with its line', () => {
    const doc = JSON.parse(fixtureText('pca', 'parsed-call.json'));
    doc.SpeechSegments[2] = { SegmentSpeaker: 'spk_1', SegmentStartTime: 7.9 };
    const { calls, errors } = readBatch({ 'bad.json': JSON.stringify(doc) });
    expect(errors).toEqual([{ file: 'bad.json', record: 0, message: expect.stringMatching(/^SpeechSegments\[2\]: expected/) }]);
    expect(calls[0]!.turns).toHaveLength(3);
    expectTruncationReported('pca', 'parsed-call.json');
  });
});
