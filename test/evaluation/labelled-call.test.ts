import { describe, expect, it } from 'vitest';
import { parseLabelledLine } from '../../src/evaluation/labelled-call.js';

const signals = new Set(['referral', 'empathy']);
const texts: Record<string, string> = { 'twcs:1': 'Please call our billing team.' };
const resolve = (ref: string) => texts[ref];

describe('parseLabelledLine', () => {
  it('reads a call with labels', () => {
    const line = JSON.stringify({
      id: 'c1',
      meta: { agent: 'Ana' },
      turns: [{ speaker: 'agent', text: 'Hello', start: 0, end: 1 }, { speaker: 'customer', text: 'Hi' }],
      expected: [{ turn: 1, signal: 'empathy' }],
    });
    const item = parseLabelledLine(line, 'f.jsonl', 3, resolve, signals);
    expect(item.kind).toBe('call');
    if (item.kind !== 'call') return;
    expect(item.labelled.call.id).toBe('c1');
    expect(item.labelled.call.meta).toEqual({ agent: 'Ana' });
    expect(item.labelled.call.turns[0]).toMatchObject({ speaker: 'agent', startMs: 0, endMs: 1000 });
    expect(item.labelled.expected).toEqual([{ turn: 1, signal: 'empathy' }]);
  });

  it('resolves ref turns and skips calls whose text is unavailable', () => {
    const ok = parseLabelledLine('{"id":"t1","turns":[{"speaker":"agent","ref":"twcs:1"}],"expected":[]}', 'f', 1, resolve, signals);
    expect(ok.kind === 'call' && ok.labelled.call.turns[0]!.text).toBe('Please call our billing team.');
    const skipped = parseLabelledLine('{"id":"t2","turns":[{"speaker":"agent","ref":"twcs:2"}],"expected":[]}', 'f', 2, resolve, signals);
    expect(skipped).toEqual({ kind: 'skipped', id: 't2', ref: 'twcs:2' });
  });

  it('rejects labels outside the call, unknown signals and a missing expected array, with the line', () => {
    const base = { id: 'x', turns: [{ speaker: 'agent', text: 'Hi' }] };
    const outside = parseLabelledLine(JSON.stringify({ ...base, expected: [{ turn: 4, signal: 'referral' }] }), 'f', 7, resolve, signals);
    expect(outside).toMatchObject({ kind: 'error', file: 'f', line: 7 });
    const unknown = parseLabelledLine(JSON.stringify({ ...base, expected: [{ turn: 0, signal: 'nope' }] }), 'f', 8, resolve, signals);
    expect(unknown).toMatchObject({ kind: 'error', line: 8 });
    expect(parseLabelledLine(JSON.stringify(base), 'f', 9, resolve, signals)).toMatchObject({ kind: 'error', line: 9 });
    expect(parseLabelledLine('{oops', 'f', 10, resolve, signals)).toMatchObject({ kind: 'error', line: 10 });
  });
});
