import { describe, expect, it } from 'vitest';
import type { AdapterOptions } from '../../src/adapters/adapter.js';
import { csvAdapter, detectColumns } from '../../src/adapters/csv-utterances.js';
import type { Call } from '../../src/model/call.js';
import { isInputError, normaliseCall } from '../../src/model/normalise-call.js';
import type { InputError } from '../../src/model/raw-call.js';

function read(text: string, options: AdapterOptions = {}): { calls: Call[]; errors: InputError[] } {
  const calls: Call[] = [];
  const errors: InputError[] = [];
  for (const item of csvAdapter.read(text, 'calls.csv', options)) {
    if (item.kind === 'error') errors.push(item.error);
    else {
      const call = normaliseCall(item.call, `calls.csv#${item.call.source.record}`);
      if (isInputError(call)) errors.push(call);
      else calls.push(call);
    }
  }
  return { calls, errors };
}

describe('CSV adapter: columns', () => {
  it('detects columns from common names, ignoring case, spaces and dashes', () => {
    expect(detectColumns(['Call ID', 'Speaker', 'Start', 'End', 'Text'])).toEqual({ id: 0, speaker: 1, start: 2, end: 3, text: 4 });
    expect(detectColumns(['conversation-id', 'role', 'start_ms', 'end_ms', 'utterance'])).toEqual({ id: 0, speaker: 1, start: 2, end: 3, text: 4 });
    expect(detectColumns(['transcript', 'participant', 'begin', 'stop', 'contact_id'])).toEqual({ id: 4, speaker: 1, start: 2, end: 3, text: 0 });
  });

  it('prefers the earlier name in the list when several match', () => {
    expect(detectColumns(['id', 'call_id', 'text']).id).toBe(1);
  });

  it('leaves undetected roles out', () => {
    expect(detectColumns(['foo', 'text'])).toEqual({ text: 1 });
  });

  it('takes --csv-columns overrides over the built-in names', () => {
    const header = ['conv', 'who', 'body', 'call_id', 'text'];
    expect(detectColumns(header, { id: 'conv', speaker: 'who', text: 'body' })).toEqual({ id: 0, speaker: 1, text: 2 });
    expect(detectColumns(header, { text: 'Missing' })).toEqual({ id: 3 });
  });

  it('uses overrides when reading', () => {
    const { calls, errors } = read('conv,who,body\nc1,agent,Hello\nc1,customer,Hi', { csvColumns: { id: 'conv', speaker: 'who', text: 'body' } });
    expect(errors).toEqual([]);
    expect(calls.map((c) => [c.id, c.turns.map((t) => [t.speaker, t.text])])).toEqual([
      ['c1', [
        ['agent', 'Hello'],
        ['customer', 'Hi'],
      ]],
    ]);
  });

  it('reports a file without a text column at line 1', () => {
    const { calls, errors } = read('call_id,speaker,words\nc1,agent,hi');
    expect(calls).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ file: 'calls.csv', line: 1 })]);
  });
});

describe('CSV adapter: rows', () => {
  it('handles quoted commas, doubled quotes and line breaks inside quotes', () => {
    const csv = 'call_id,speaker,text\nc1,customer,"It said ""delivered"", but, no"\nc1,agent,"two\nlines"\n';
    const { calls } = read(csv);
    expect(calls[0]!.turns.map((t) => t.text)).toEqual(['It said "delivered", but, no', 'two\nlines']);
  });

  it('groups rows by call id in order of first appearance', () => {
    const csv = ['call_id,speaker,text', 'b,agent,b1', 'a,agent,a1', 'b,customer,b2', 'c,agent,c1', 'a,customer,a2'].join('\n');
    const { calls } = read(csv);
    expect(calls.map((c) => [c.id, c.source.record, c.source.line, c.turns.map((t) => t.text)])).toEqual([
      ['b', 0, 2, ['b1', 'b2']],
      ['a', 1, 3, ['a1', 'a2']],
      ['c', 2, 5, ['c1']],
    ]);
  });

  it('makes one call of a file without an id column', () => {
    const { calls } = read('speaker,text\nagent,one\ncustomer,two');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.turns).toHaveLength(2);
  });

  it('puts the other columns into meta, first non-empty value per call', () => {
    const csv = ['call_id,agent,team,speaker,text', 'c1,Tom Reed,,agent,hi', 'c1,Tom Reed,Tech,customer,yo', 'c1,Other,Else,agent,bye'].join('\n');
    const { calls } = read(csv);
    expect(calls[0]!.meta).toEqual({ agent: 'Tom Reed', team: 'Tech' });
  });

  it('reads seconds columns as seconds and ms columns as milliseconds', () => {
    const secs = read('call_id,speaker,start,end,text\nc,agent,1.5,2.25,hi').calls[0]!;
    expect([secs.turns[0]!.startMs, secs.turns[0]!.endMs]).toEqual([1500, 2250]);
    const ms = read('call_id,speaker,start_ms,end_ms,text\nc,agent,1500,2250,hi').calls[0]!;
    expect([ms.turns[0]!.startMs, ms.turns[0]!.endMs]).toEqual([1500, 2250]);
  });

  it('reports a short row with its line and keeps the other rows', () => {
    const csv = ['call_id,speaker,start,end,text', 'c1,agent,0,1,hi', 'c1,customer,2', 'c1,customer,3,4,ok'].join('\n');
    const { calls, errors } = read(csv);
    expect(errors).toEqual([expect.objectContaining({ file: 'calls.csv', line: 3 })]);
    expect(calls[0]!.turns.map((t) => t.text)).toEqual(['hi', 'ok']);
  });

  it('maps speaker labels to roles', () => {
    const { calls } = read('call_id,speaker,text\nc,Agent,1\nc,CUSTOMER,2\nc,rep,3\nc,caller,4\nc,spk_9,5');
    expect(calls[0]!.turns.map((t) => t.speaker)).toEqual(['agent', 'customer', 'agent', 'customer', 'unknown']);
  });

  it('sniffs a CSV header with a text column only', () => {
    expect(csvAdapter.sniff('call_id,speaker,text\nc,agent,hi')).toBe(true);
    expect(csvAdapter.sniff('"Call ID","Utterance"\n')).toBe(true);
    expect(csvAdapter.sniff('a,b,c\n1,2,3')).toBe(false);
  });
});
