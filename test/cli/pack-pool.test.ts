import { describe, expect, it } from 'vitest';
// the pool starts real worker threads, which run the built worker script: use the built modules throughout
import { PackPool } from '../../dist/cli/pack-pool.js';
import { runJob } from '../../dist/cli/pack-worker.js';
import { triageAndScore } from '../../dist/cli/score-line.js';
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
// call 7: the agent only, which the triage notes; call 9: nothing to score
calls[7]!.turns = calls[7]!.turns.filter((t) => t.speaker === 'agent');
calls[9]!.turns = [];
const expected = calls.map((c) => triageAndScore(pack!, c, {}));
const settings = { read: {}, targets: {} };

describe('PackPool (worker threads)', () => {
  it('gives what the main thread gives, notes and skipped calls included, once workers run the calls', async () => {
    const pool = new PackPool(pack!, { threads: 2, startAfter: 5, rules: [], settings });
    try {
      const runs = await Promise.all(calls.map((c) => pool.run({ call: c })));
      expect(pool.parallel).toBe(true);
      expect(runs).toEqual(expected);
      expect(runs.filter((r) => r.kind === 'scored' && r.scored.result.findings.length > 0).length).toBeGreaterThan(10);
      expect(runs[7]).toMatchObject({ kind: 'scored', scored: { result: { notes: [expect.stringContaining('one speaker only')] } } });
      expect(runs[9]).toMatchObject({ kind: 'skipped', record: { id: 'c9' } });
    } finally {
      await pool.close();
    }
  });

  it('with one thread never starts a worker', async () => {
    const pool = new PackPool(pack!, { threads: 1, startAfter: 0, rules: [], settings });
    const runs = await Promise.all(calls.map((c) => pool.run({ call: c })));
    expect(pool.parallel).toBe(false);
    expect(runs).toEqual(expected);
    await pool.close();
  });

  it('falls back to the main thread, warning once, when the workers cannot load the same pack', async () => {
    const warnings: string[] = [];
    const changed = { ...pack!, info: { ...pack!.info, hash: 'not-the-files-on-disk' } };
    const pool = new PackPool(changed, { threads: 2, startAfter: 0, rules: [], settings, onWarning: (m) => warnings.push(m) });
    try {
      const runs = await Promise.all(calls.map((c) => pool.run({ call: c })));
      expect(runs).toEqual(expected);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('rule files changed');
      expect(pool.parallel).toBe(false);
    } finally {
      await pool.close();
    }
  });

  it('reads and scores JSONL lines in the workers as the main thread would, bad lines included', async () => {
    const lines = calls.map((c, i) => ({ text: i === 5 ? '{"id": "cut", "turns": [' : JSON.stringify(c), line: i + 1, record: i, file: 'calls.jsonl', layers: [{ site: 'Leeds' }] }));
    const here = new PackPool(pack!, { threads: 1, startAfter: 0, rules: [], settings });
    const expectedLines = lines.map((line) => here.runHere({ line }));
    const pool = new PackPool(pack!, { threads: 2, startAfter: 0, rules: [], settings });
    try {
      const outcomes = await Promise.all(lines.map((line) => pool.run({ line })));
      expect(pool.parallel).toBe(true);
      expect(outcomes).toEqual(expectedLines);
      expect(outcomes[5]).toMatchObject({ kind: 'error', error: { file: 'calls.jsonl', line: 6 } });
      expect(outcomes[6]).toMatchObject({ kind: 'scored', scored: { result: { meta: { site: 'Leeds' } } } });
    } finally {
      await pool.close();
    }
  });

  it('a call the engine cannot score is an error at its position, not an exception that ends the batch', () => {
    const broken = makeCall('broken', [['agent', 'hello']]);
    (broken.turns[0] as { text: unknown }).text = undefined;
    expect(runJob(pack!, { call: broken }, settings)).toEqual({
      kind: 'error',
      error: { file: 'broken.test', record: 0, message: expect.stringMatching(/^call broken could not be scored: /) as unknown as string },
    });
    const line = { text: '{"id":"x","turns":[{"speaker":"agent","text":"hi"}]}', line: 4, record: 3, file: 'f.jsonl', layers: [] };
    expect(runJob(pack!, { line }, settings)).toMatchObject({ kind: 'scored' });
  });

  it('replaces a worker that runs out of memory on a huge call; the call is scored in the main thread and nothing is lost', async () => {
    const huge = makeCall(
      'huge',
      Array.from({ length: 12_000 }, (_, i) => [i % 2 ? 'customer' : 'agent', 'sorry my system is slow today, let me check with my manager', i, i + 0.5] as ['agent' | 'customer', string, number, number]),
    );
    const jobs = [{ call: huge }, ...calls.map((c) => ({ call: c }))];
    const warnings: string[] = [];
    const pool = new PackPool(pack!, { threads: 2, startAfter: 0, rules: [], settings, onWarning: (m) => warnings.push(m) });
    try {
      const runs = await Promise.all(jobs.map((j) => pool.run(j)));
      expect(runs.slice(1)).toEqual(expected);
      expect(runs[0]).toEqual(triageAndScore(pack!, huge, {}));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/memory.*a new worker took its place/);
      expect(pool.parallel).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
