import { describe, expect, it } from 'vitest';
// the pool starts real worker threads, which run the built worker script: use the built modules throughout
import { PackPool } from '../../dist/cli/pack-pool.js';
import { runAndScore } from '../../dist/scoring/run-and-score.js';
import { loadPacks } from '../../dist/io/load-packs.js';
import { makeCall } from '../helpers/fixtures.js';

const { pack } = loadPacks([]);
const calls = Array.from({ length: 40 }, (_, i) =>
  makeCall(`c${i}`, [
    ['agent', 'Thanks for calling, how can I help?', 0, 2],
    ['customer', `My broadband has been down for ${i + 2} days`, 2.5, 5],
    ['agent', i % 3 === 0 ? "Sorry, my system is really slow today, I'll have to ask my manager." : 'Let me sort that out for you now.', 5.5, 9],
    ['customer', 'Okay, thank you', 40, 41],
  ]),
);
const notesOf = (i: number) => (i === 7 ? ['call id repeated'] : []);
const expected = calls.map((c, i) => runAndScore(pack!, c, {}, notesOf(i)));

describe('PackPool (worker threads)', () => {
  it('gives what runAndScore gives in the main thread, notes included, once workers run the calls', async () => {
    const pool = new PackPool(pack!, { threads: 2, startAfter: 5, rules: [], targets: {} });
    try {
      const runs = await Promise.all(calls.map((c, i) => pool.run(c, notesOf(i))));
      expect(pool.parallel).toBe(true);
      expect(runs).toEqual(expected);
      expect(runs.filter((r) => r.result.findings.length > 0).length).toBeGreaterThan(10);
      expect(runs[7]!.result.notes).toContain('call id repeated');
    } finally {
      await pool.close();
    }
  });

  it('with one thread never starts a worker', async () => {
    const pool = new PackPool(pack!, { threads: 1, startAfter: 0, rules: [], targets: {} });
    const runs = await Promise.all(calls.map((c, i) => pool.run(c, notesOf(i))));
    expect(pool.parallel).toBe(false);
    expect(runs).toEqual(expected);
    await pool.close();
  });

  it('falls back to the main thread, warning once, when the workers cannot load the same pack', async () => {
    const warnings: string[] = [];
    const changed = { ...pack!, info: { ...pack!.info, hash: 'not-the-files-on-disk' } };
    const pool = new PackPool(changed, { threads: 2, startAfter: 0, rules: [], targets: {}, onWarning: (m) => warnings.push(m) });
    try {
      const runs = await Promise.all(calls.map((c, i) => pool.run(c, notesOf(i))));
      expect(runs).toEqual(expected);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('rule files changed');
      expect(pool.parallel).toBe(false);
    } finally {
      await pool.close();
    }
  });
});
