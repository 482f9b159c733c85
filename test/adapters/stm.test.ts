import { describe, expect, it } from 'vitest';
import { chooseAdapter } from '../../src/adapters/index.js';
import { fixture, fixtureText, readAll, readBatch, turnsOf } from './format-helpers.js';

describe('NIST STM', () => {
  it('is detected by its line shape', () => {
    expect(chooseAdapter('x.txt', fixtureText('stm', 'calls.stm')).adapter?.name).toBe('stm');
  });

  it('makes one call per file name, skips gaps, excluded segments and comments, orders turns by time', () => {
    const { calls, errors } = readAll([fixture('stm', 'calls.stm')]);
    expect(errors).toEqual([]);
    expect(calls.map((c) => [c.id, c.source.record, c.source.line])).toEqual([
      ['call-a', 0, 3],
      ['call-b', 1, 6],
    ]);
    expect(turnsOf(calls[0]!)).toEqual([
      ['agent', 'thank you for calling northwind how can i help', 500, 3200],
      ['customer', "hi i'm calling about my bill", 3900, 6100],
      ['agent', 'let me check that for you', 6400, 8000],
    ]);
    expect(calls[0]!.meta).toMatchObject({ roles: 'inferred', agentSpeaker: 'agent_ana' });
    expect(calls[1]!.meta).toMatchObject({ roles: 'unresolved', unresolvedSpeakers: 'spk1' });
  });

  it('reports a malformed line with its number and keeps the rest', () => {
    const text = `${fixtureText('stm', 'calls.stm')}call-a 1 agent_ana 9.0 oops words\ncall-a 1 agent_ana 10.0 9.0 backwards\n`;
    const { calls, errors } = readBatch({ 'bad.stm': text });
    expect(errors).toEqual([
      { file: 'bad.stm', line: 9, message: expect.stringContaining('STM: expected') },
      { file: 'bad.stm', line: 10, message: expect.stringContaining('STM: expected') },
    ]);
    expect(calls.map((c) => c.turns.length)).toEqual([3, 1]);
  });
});
