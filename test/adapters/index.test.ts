import { describe, expect, it } from 'vitest';
import { adapterByName, ADAPTERS, detectAdapter } from '../../src/adapters/index.js';

describe('adapter detection', () => {
  it('knows the adapters by name', () => {
    expect(ADAPTERS.map((a) => a.name)).toEqual([
      'cxlint-json', 'contact-lens', 'transcribe-call-analytics', 'pca', 'transcribe', 'ccai-insights', 'genesys', 'whisper', 'segments',
      'webvtt', 'srt', 'rttm', 'stm', 'csv', 'text',
    ]);
    expect(adapterByName('csv')?.name).toBe('csv');
    expect(adapterByName('nope')).toBeUndefined();
  });

  it('chooses by content before extension', () => {
    expect(detectAdapter('calls.txt', '{"id":"a","turns":[]}')?.name).toBe('cxlint-json');
    expect(detectAdapter('calls.json', 'call_id,speaker,text\n')?.name).toBe('csv');
    expect(detectAdapter('x.csv', 'Agent: hello')?.name).toBe('text');
  });

  it('falls back to the extension when the content says nothing', () => {
    expect(detectAdapter('CALLS.JSONL', 'garbage')?.name).toBe('cxlint-json');
    expect(detectAdapter('a.tsv', 'garbage')?.name).toBe('csv');
    expect(detectAdapter('a.transcript', 'garbage')?.name).toBe('text');
    expect(detectAdapter('a.bin', 'garbage')).toBeUndefined();
  });
});

describe('input format names known to the command line', () => {
  it('are the adapters, in detection order', async () => {
    const { INPUT_FORMAT_NAMES } = await import('../../src/cli/choices.js');
    const { ADAPTERS } = await import('../../src/adapters/index.js');
    expect([...INPUT_FORMAT_NAMES]).toEqual(ADAPTERS.map((a) => a.name));
  });
});
