import { describe, expect, it } from 'vitest';
import { cxlintJsonAdapter } from '../../src/adapters/cxlint-json.js';
import type { Call } from '../../src/model/call.js';
import { isInputError, normaliseCall } from '../../src/model/normalise-call.js';
import type { InputError } from '../../src/model/raw-call.js';

/** Adapter output normalised the way read-calls does it. */
function read(text: string, file = 'calls.jsonl'): { calls: Call[]; errors: InputError[]; order: string[] } {
  const calls: Call[] = [];
  const errors: InputError[] = [];
  const order: string[] = [];
  for (const item of cxlintJsonAdapter.read(text, file, {})) {
    if (item.kind === 'error') {
      errors.push(item.error);
      order.push('error');
      continue;
    }
    const call = normaliseCall(item.call, `fallback#${item.call.source.record}`);
    if (isInputError(call)) {
      errors.push(call);
      order.push('error');
    } else {
      calls.push(call);
      order.push(call.id);
    }
  }
  return { calls, errors, order };
}

const line = (o: unknown) => JSON.stringify(o);

describe('cxlint JSON adapter: times', () => {
  it('reads start/end in seconds as milliseconds', () => {
    const { calls } = read(line({ id: 'a', turns: [{ speaker: 'agent', text: 'hi', start: 1.5, end: 2.25 }, { speaker: 'customer', text: 'yo', start: '3', end: 4 }] }));
    expect(calls[0]!.turns.map((t) => [t.startMs, t.endMs])).toEqual([
      [1500, 2250],
      [3000, 4000],
    ]);
  });

  it('keeps startMs/endMs as milliseconds', () => {
    const { calls } = read(line({ id: 'a', turns: [{ speaker: 'agent', text: 'hi', startMs: 1500, endMs: 2250 }] }));
    expect(calls[0]!.turns[0]).toMatchObject({ startMs: 1500, endMs: 2250 });
  });

  it('leaves times out when the turn has none', () => {
    const { calls } = read(line({ id: 'a', turns: [{ speaker: 'agent', text: 'hi' }] }));
    expect(calls[0]!.turns[0]).toEqual({ index: 0, speaker: 'agent', text: 'hi' });
  });

  it('reports a non-numeric or negative time as an error at the record', () => {
    const { calls, errors } = read([line({ id: 'a', turns: [{ speaker: 'agent', text: 'hi', start: 'soon' }] }), line({ id: 'b', turns: [{ speaker: 'agent', text: 'x', start: -1 }] })].join('\n'));
    expect(calls).toEqual([]);
    expect(errors.map((e) => [e.file, e.record, e.line])).toEqual([
      ['calls.jsonl', 0, 1],
      ['calls.jsonl', 1, 2],
    ]);
  });
});

describe('cxlint JSON adapter: ids, speakers and meta', () => {
  it('takes meta from "meta" and from top-level scalars, "meta" winning', () => {
    const { calls } = read(
      line({ id: 'a', meta: { agent: 'Priya', team: 'Billing' }, team: 'Ignored', queue: 'billing', priority: 2, vip: true, tags: ['x'], nested: { a: 1 }, expected: ['dead-air'], turns: [] }),
    );
    expect(calls[0]!.meta).toEqual({ agent: 'Priya', team: 'Billing', queue: 'billing', priority: 2, vip: 'true' });
  });

  it('makes a numeric id a string and falls back when the id is missing', () => {
    const { calls } = read([line({ id: 42, turns: [] }), line({ turns: [] })].join('\n'));
    expect(calls.map((c) => c.id)).toEqual(['42', 'fallback#1']);
  });

  it('accepts role/participant for speaker and utterance/transcript for text', () => {
    const { calls } = read(
      line({ id: 'a', turns: [{ role: 'Agent', utterance: 'one' }, { participant: 'caller', transcript: 'two' }, { speaker: 'C', text: 'three' }, { speaker: 'IVR', text: 'four' }, { speaker: 'Zed', text: 'five' }] }),
    );
    expect(calls[0]!.turns.map((t) => [t.speaker, t.text])).toEqual([
      ['agent', 'one'],
      ['customer', 'two'],
      ['customer', 'three'],
      ['system', 'four'],
      ['unknown', 'five'],
    ]);
  });

  it('maps the agent named in meta to the agent role', () => {
    const { calls } = read(line({ id: 'a', meta: { agent: 'Priya Shah' }, turns: [{ speaker: 'priya shah', text: 'hi' }] }));
    expect(calls[0]!.turns[0]!.speaker).toBe('agent');
  });

  it('reports a record without a turns array, or with a turn without text', () => {
    const { calls, errors } = read([line({ id: 'a' }), line({ id: 'b', turns: [{ speaker: 'agent' }] }), line([1, 2])].join('\n'));
    expect(calls).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3]);
  });
});

describe('cxlint JSON adapter: file shapes', () => {
  it('reads JSONL with an invalid line: an error with its line number, the other lines still calls', () => {
    const text = [line({ id: 'a', turns: [] }), '', '{"id": "b", "turns": [', line({ id: 'c', turns: [] })].join('\n');
    const { calls, errors, order } = read(text);
    expect(calls.map((c) => c.id)).toEqual(['a', 'c']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'calls.jsonl', line: 3, record: 1 });
    expect(order).toEqual(['a', 'error', 'c']);
    expect(calls[1]!.source).toEqual({ file: 'calls.jsonl', record: 2, line: 4 });
  });

  it('reads JSONL whose first line is invalid', () => {
    const { calls, errors } = read(['{broken', line({ id: 'z', turns: [] })].join('\n'));
    expect(calls.map((c) => c.id)).toEqual(['z']);
    expect(errors.map((e) => e.line)).toEqual([1]);
  });

  it('counts lines across CRLF line endings', () => {
    const { calls } = read([line({ id: 'a', turns: [] }), line({ id: 'b', turns: [] })].join('\r\n'));
    expect(calls.map((c) => [c.id, c.source.line])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('reads a JSON array file, one call per element', () => {
    const text = JSON.stringify([{ id: 'x', turns: [{ speaker: 'agent', text: 'hi', start: 1 }] }, { id: 'y', turns: [] }, 'nonsense'], null, 2);
    const { calls, errors } = read(text, 'calls.json');
    expect(calls.map((c) => [c.id, c.source.record])).toEqual([
      ['x', 0],
      ['y', 1],
    ]);
    expect(calls[0]!.turns[0]!.startMs).toBe(1000);
    expect(errors.map((e) => e.record)).toEqual([2]);
  });

  it('reports a broken JSON array as one error, after the calls before the break', () => {
    const { calls, errors } = read('[{"id": "x", "turns": []},', 'calls.json');
    expect(calls.map((c) => c.id)).toEqual(['x']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('calls.json');
  });

  it('reads a single pretty-printed call object', () => {
    const text = JSON.stringify({ id: 'solo', meta: { agent: 'Tom' }, turns: [{ speaker: 'agent', text: 'hello', start: 0, end: 1.2 }] }, null, 2);
    const { calls, errors } = read(text, 'solo.json');
    expect(errors).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ id: 'solo', meta: { agent: 'Tom' }, turns: [{ speaker: 'agent', text: 'hello', startMs: 0, endMs: 1200 }] });
  });

  it('sniffs JSON with turns and not other JSON', () => {
    expect(cxlintJsonAdapter.sniff('{"id":"a","turns":[]}')).toBe(true);
    expect(cxlintJsonAdapter.sniff('  [\n {"turns": []}]')).toBe(true);
    expect(cxlintJsonAdapter.sniff('{"id":"a"}')).toBe(false);
    expect(cxlintJsonAdapter.sniff('Agent: {"turns": 1}')).toBe(false);
  });
});
