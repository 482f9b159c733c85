import { describe, expect, it } from 'vitest';
import { parseClock, plainTextAdapter, readPlainText } from '../../src/adapters/plain-text.js';
import type { Call } from '../../src/model/call.js';
import { isInputError, normaliseCall } from '../../src/model/normalise-call.js';
import type { InputError } from '../../src/model/raw-call.js';

function read(text: string, file = 'dir/call-x.txt'): { calls: Call[]; errors: InputError[] } {
  const calls: Call[] = [];
  const errors: InputError[] = [];
  for (const item of plainTextAdapter.read(text, file, {})) {
    if (item.kind === 'error') errors.push(item.error);
    else {
      const call = normaliseCall(item.call, 'fallback');
      if (isInputError(call)) errors.push(call);
      else calls.push(call);
    }
  }
  return { calls, errors };
}

const one = (text: string, file?: string) => {
  const { calls, errors } = read(text, file);
  expect(errors).toEqual([]);
  expect(calls).toHaveLength(1);
  return calls[0]!;
};

describe('plain text adapter: header', () => {
  it('turns "# key: value" lines into meta and the id', () => {
    const call = one('# id: call-77\n# Agent: Priya Shah\n# team: Billing\n# date: 2026-11-02\n\nAgent: Hello.\n');
    expect(call.id).toBe('call-77');
    expect(call.meta).toEqual({ agent: 'Priya Shah', team: 'Billing', date: '2026-11-02' });
  });

  it('takes the id from the file name when the header has none', () => {
    expect(one('Agent: Hello.', 'some/dir/call-042.txt').id).toBe('call-042');
  });

  it('reads "#" lines after the first turn as text, not header', () => {
    const call = one('Agent: Hello.\n# team: Late');
    expect(call.meta).toEqual({});
    expect(call.turns[0]!.text).toBe('Hello. # team: Late');
  });
});

describe('plain text adapter: times', () => {
  it('reads [hh:mm:ss], [mm:ss] and fractions as milliseconds', () => {
    const call = one('[01:02:03] Agent: one\n[02:05] Customer: two\n[00:00:07.5] Agent: three\n[00:08,25] Customer: four');
    expect(call.turns.map((t) => t.startMs)).toEqual([3723000, 125000, 7500, 8250]);
    expect(call.turns.every((t) => t.endMs === undefined)).toBe(true);
  });

  it('reads [start-end] ranges', () => {
    const call = one('[00:05-00:09] A: one\n[00:10 – 00:12.5] C: two');
    expect(call.turns.map((t) => [t.startMs, t.endMs])).toEqual([
      [5000, 9000],
      [10000, 12500],
    ]);
  });

  it('leaves untimed turns without times', () => {
    const call = one('Agent: Hello, it is 10:30 now.\nCustomer: Hi.');
    expect(call.turns.map((t) => [t.startMs, t.endMs, t.text])).toEqual([
      [undefined, undefined, 'Hello, it is 10:30 now.'],
      [undefined, undefined, 'Hi.'],
    ]);
  });

  it('parseClock converts stamps to seconds', () => {
    expect(parseClock('01:02:03')).toBe(3723);
    expect(parseClock('2:03')).toBe(123);
    expect(parseClock('00:01,5')).toBe(1.5);
  });
});

describe('plain text adapter: turns and speakers', () => {
  it('appends continuation lines to the previous turn', () => {
    const call = one('Agent: Sorry, the system\n   is really slow\nCustomer: ok\nfine then');
    expect(call.turns.map((t) => t.text)).toEqual(['Sorry, the system is really slow', 'ok fine then']);
  });

  it('skips blank lines between turns', () => {
    const call = one('Agent: one\n\n\nCustomer: two\r\n\r\nAgent: three');
    expect(call.turns.map((t) => [t.index, t.text])).toEqual([
      [0, 'one'],
      [1, 'two'],
      [2, 'three'],
    ]);
  });

  it('maps Agent/Customer/A/C and the agent named in the header', () => {
    const call = one('# agent: Priya Shah\nAgent: 1\nCustomer: 2\nA: 3\nC: 4\nPriya Shah: 5\nCaller: 6\nRep: 7\nDaniel: 8');
    expect(call.turns.map((t) => t.speaker)).toEqual(['agent', 'customer', 'agent', 'customer', 'agent', 'customer', 'agent', 'unknown']);
  });

  it('records the line of the first turn as the source position', () => {
    const call = one('# id: x\n\nAgent: one', 'f.txt');
    expect(call.source).toEqual({ file: 'f.txt', record: 0, line: 3 });
  });

  it('reports text before the first turn with its line number', () => {
    const { calls, errors } = read('# id: x\nHello there without a speaker\nAgent: hi', 'bad.txt');
    expect(calls).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ file: 'bad.txt', line: 2 })]);
  });

  it('readPlainText uses the given fallback id', () => {
    const items = [...readPlainText('A: hi', 'x', 'my-id')];
    expect(items).toHaveLength(1);
    expect(items[0]!.kind === 'call' && items[0]!.call.id).toBe('my-id');
  });

  it('sniffs "Speaker: text" lines', () => {
    expect(plainTextAdapter.sniff('# id: 1\n[00:01] Agent: hi')).toBe(true);
    expect(plainTextAdapter.sniff('just some prose without a colon')).toBe(false);
  });
});
