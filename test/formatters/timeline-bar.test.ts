import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { runPack } from '../../src/engine/run-pack.js';
import { timelineBar } from '../../src/formatters/timeline-bar.js';
import { makeCall, unitPack } from '../helpers/fixtures.js';

describe('timelineBar', () => {
  const pack = unitPack();
  const chalk = new Chalk({ level: 0 });

  it('labels the axis on the same clock as the turns, and marks a gap', () => {
    const call = makeCall('late', [
      ['customer', 'Hello?', 4, 6],
      ['agent', 'Sorry, hello.', 30, 32],
    ]);
    const { metrics } = runPack(pack, call);
    const lines = timelineBar(call, metrics, chalk, 60);
    const axis = lines.find((l) => /\d\d:\d\d\s+\d\d:\d\d/.test(l))!;
    expect(axis.trim().split(/\s+/)).toEqual(['00:04', '00:32']);
    expect(lines.find((l) => l.startsWith('gaps'))).toContain('░');
  });

  it('draws nothing for an untimed call', () => {
    const call = makeCall('untimed', [['agent', 'Hello']]);
    expect(timelineBar(call, runPack(pack, call).metrics, chalk, 60)).toEqual([]);
  });
});
