import { describe, expect, it } from 'vitest';
import { ADAPTERS, chooseAdapter } from '../../src/adapters/index.js';
import { locateJsonError, parseJsonDocument } from '../../src/adapters/json-document.js';
import { fixtureText, readBatch } from './format-helpers.js';

const FIXTURES: [string, string, string][] = [
  ['transcribe-call-analytics', 'billing-call.json', 'transcribe-call-analytics'],
  ['contact-lens', 'voice-call.json', 'contact-lens'],
  ['contact-lens', 'chat-contact.json', 'contact-lens'],
  ['transcribe', 'diarized.json', 'transcribe'],
  ['transcribe', 'channels.json', 'transcribe'],
  ['ccai-insights', 'conversation-resource.json', 'ccai-insights'],
  ['ccai-insights', 'chat-entries.json', 'ccai-insights'],
  ['pca', 'parsed-call.json', 'pca'],
  ['genesys', 'conversation-transcript.json', 'genesys'],
  ['whisper', 'whisperx.json', 'whisper'],
  ['segments', 'bank-call.json', 'segments'],
  ['webvtt', 'voices.vtt', 'webvtt'],
  ['srt', 'names.srt', 'srt'],
  ['stm', 'calls.stm', 'stm'],
  ['rttm', 'diarization.rttm', 'rttm'],
];

describe('format detection', () => {
  it.each(FIXTURES)('%s/%s is detected by content as %s, even with a misleading extension', (format, name, expected) => {
    expect(chooseAdapter('misleading.csv', fixtureText(format, name)).adapter?.name).toBe(expected);
  });

  it('hands the parsed document over so a JSON file is parsed once', () => {
    const d = chooseAdapter('x.json', fixtureText('genesys', 'conversation-transcript.json'));
    expect(d.json?.value).toMatchObject({ conversationId: '6f2b1c3d-0000-4000-8000-00000000g001' });
  });

  it('a JSON object with "turns" is cxlint JSON before any vendor format', () => {
    expect(chooseAdapter('x.json', JSON.stringify({ id: 'a', turns: [], Transcript: [], segments: [] })).adapter?.name).toBe('cxlint-json');
  });

  it('a truncated document is still given to its format by its first few KB', () => {
    const text = fixtureText('contact-lens', 'voice-call.json');
    expect(chooseAdapter('x.json', text.slice(0, 600)).adapter?.name).toBe('contact-lens');
    expect(chooseAdapter('x.json', fixtureText('transcribe', 'diarized.json').slice(0, 900)).adapter?.name).toBe('transcribe');
  });

  it('JSON of no known shape, and a broken document of no known shape, are positioned input errors', () => {
    expect(chooseAdapter('x.json', '{"hello": 1}')).toEqual({ reason: expect.stringContaining('unrecognised JSON: a JSON object with keys hello') });
    expect(chooseAdapter('x.json', '[]').reason).toContain('empty JSON array');
    const { errors } = readBatch({ 'odd.json': '{\n  "hello": [1, 2,\n' });
    expect(errors).toEqual([{ file: 'odd.json', line: 3, message: expect.stringContaining('invalid JSON at line 3') }]);
  });

  it('every adapter has a name and a description', () => {
    for (const a of ADAPTERS) expect(a.description.length).toBeGreaterThan(10);
    expect(new Set(ADAPTERS.map((a) => a.name)).size).toBe(ADAPTERS.length);
  });
});

describe('JSON error positions', () => {
  it('says where a document breaks and what was expected there', () => {
    expect(parseJsonDocument('{\n  "a": 1,\n  "b": }')).toEqual({ ok: false, line: 3, column: 8, problem: 'expected a value (object, array, string, number, true, false or null)' });
    expect(parseJsonDocument('{"a": "x')).toMatchObject({ ok: false, line: 1, problem: expect.stringContaining('ends early') });
    expect(parseJsonDocument('[1, 2] x')).toMatchObject({ ok: false, problem: 'expected the end of the document' });
    expect(locateJsonError('{"a": [true, null, -1.5e3, "\\u00e9"]}')).toBeUndefined();
    expect(locateJsonError('{"a" 1}')).toEqual({ offset: 5, expected: "':' after the property name" });
  });
});
