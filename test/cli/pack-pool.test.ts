import { describe, expect, it } from 'vitest';
// the pool starts real worker threads, which run the built worker script: use the built modules throughout
import { PackPool } from '../../dist/cli/pack-pool.js';
import { runJob } from '../../dist/cli/pack-worker.js';
import { triageAndScore, type DigestSettings } from '../../dist/cli/score-line.js';
import { ndjsonFormatter } from '../../dist/formatters/ndjson-report.js';
import { redactResult } from '../../dist/formatters/redact.js';
import type { DeferredChunk } from '../../dist/io/read-calls.js';
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
const expected = calls.map((c) => [triageAndScore(pack!, c, {})]);
const settings = { read: {}, targets: {} };

describe('PackPool (worker threads)', () => {
  it('gives what the main thread gives, notes and skipped calls included, once workers run the calls', async () => {
    const pool = new PackPool(pack!, { threads: 2, startAfter: 5, rules: [], settings });
    try {
      const runs = await Promise.all(calls.map((c) => pool.run({ call: c })));
      expect(pool.parallel).toBe(true);
      expect(runs).toEqual(expected);
      expect(runs.filter(([r]) => r!.kind === 'scored' && r!.scored.result.findings.length > 0).length).toBeGreaterThan(10);
      expect(runs[7]).toMatchObject([{ kind: 'scored', scored: { result: { notes: [expect.stringContaining('one speaker only')] } } }]);
      expect(runs[9]).toMatchObject([{ kind: 'skipped', record: { id: 'c9' } }]);
    } finally {
      await pool.close();
    }
  });

  it('with N threads starts N − 1 workers and scores one job in N in the main thread', async () => {
    for (const threads of [2, 3]) {
      const pool = new PackPool(pack!, { threads, startAfter: 0, rules: [], settings });
      try {
        const jobs = calls.slice(0, 12).map((c) => ({ call: c }));
        const runs = await Promise.all(jobs.map((j) => pool.run(j)));
        expect(runs).toEqual(jobs.map((j) => [runJob(pack!, j, settings)[0]]));
        expect(pool.workerCount).toBe(threads - 1);
        expect(pool.jobsHere).toBe(12 / threads);
      } finally {
        await pool.close();
      }
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

  /** The calls as JSONL chunks of 7 lines each, with a blank line, a broken line and invalid UTF-8. */
  function chunks(): { chunk: DeferredChunk }[] {
    const lines = calls.map((c, i) => (i === 5 ? '{"id": "cut", "turns": [' : JSON.stringify(c)));
    lines.splice(12, 0, '  ');
    const bytes = lines.map((l, i) => {
      const b = Buffer.from(`${l}\n`);
      return i === 20 ? Buffer.concat([b.subarray(0, 30), Buffer.from([0xff]), b.subarray(31)]) : b;
    });
    const jobs: { chunk: DeferredChunk }[] = [];
    for (let at = 0, record = 0; at < bytes.length; at += 7) {
      const part = lines.slice(at, at + 7);
      const records = part.filter((l) => l.trim() !== '').length;
      jobs.push({ chunk: { bytes: new Uint8Array(Buffer.concat(bytes.slice(at, at + 7))), line: at, record, records, fileBytes: 0, file: 'calls.jsonl', layers: [{ site: 'Leeds' }] } });
      record += records;
    }
    return jobs;
  }

  it('reads and scores JSONL chunks in the workers as the main thread would, bad lines included', async () => {
    const jobs = chunks();
    const here = new PackPool(pack!, { threads: 1, startAfter: 0, rules: [], settings });
    const expectedChunks = jobs.map((job) => here.runHere(job));
    const pool = new PackPool(pack!, { threads: 2, startAfter: 0, rules: [], settings });
    try {
      const outcomes = (await Promise.all(jobs.map((job) => pool.run(job)))).flat();
      expect(pool.parallel).toBe(true);
      expect(outcomes).toEqual(expectedChunks.flat());
      // 40 records, and a note before the line with the invalid byte
      expect(outcomes).toHaveLength(41);
      expect(outcomes[5]).toMatchObject({ kind: 'error', error: { file: 'calls.jsonl', line: 6, record: 5 } });
      expect(outcomes[6]).toMatchObject({ kind: 'scored', scored: { result: { meta: { site: 'Leeds' }, source: { line: 7, record: 6 } } } });
      expect(outcomes[19]).toMatchObject({ kind: 'note', note: { file: 'calls.jsonl', line: 21 } });
      expect(outcomes[20]).toMatchObject({ kind: 'scored', scored: { result: { source: { line: 21, record: 19 } } } });
      expect(outcomes.at(-1)).toMatchObject({ kind: 'scored', scored: { result: { id: 'c39', source: { line: 41, record: 39 } } } });
    } finally {
      await pool.close();
    }
  });

  it('with digest settings, gives each scored call of a chunk as its formatted line, the rest as without', async () => {
    const digest: DigestSettings = { format: 'ndjson', redact: true, groupBy: 'site' };
    const jobs = chunks();
    const here = new PackPool(pack!, { threads: 1, startAfter: 0, rules: [], settings });
    const whole = jobs.flatMap((job) => here.runHere(job));
    const pool = new PackPool(pack!, { threads: 2, startAfter: 0, rules: [], settings: { ...settings, digest } });
    try {
      const outcomes = (await Promise.all(jobs.map((job) => pool.run(job)))).flat();
      expect(outcomes.map((o) => o.kind)).toEqual(whole.map((o) => (o.kind === 'scored' ? 'digest' : o.kind)));
      const ndjson = ndjsonFormatter();
      outcomes.forEach((o, i) => {
        const w = whole[i]!;
        if (o.kind !== 'digest' || w.kind !== 'scored') return;
        expect(o.digest.text).toBe(ndjson.call(redactResult(w.scored.result)));
        expect(o.digest).toMatchObject({ id: w.scored.result.id, score: w.scored.result.score, signals: w.scored.result.signals, meta: { site: 'Leeds' } });
        expect(o.digest.findings).toHaveLength(w.scored.result.findings.length);
      });
    } finally {
      await pool.close();
    }
  });

  it('a call the engine cannot score is an error at its position, not an exception that ends the batch', () => {
    const broken = makeCall('broken', [['agent', 'hello']]);
    (broken.turns[0] as { text: unknown }).text = undefined;
    expect(runJob(pack!, { call: broken }, settings)).toEqual([
      {
        kind: 'error',
        error: { file: 'broken.test', record: 0, message: expect.stringMatching(/^call broken could not be scored: /) as unknown as string },
      },
    ]);
    expect(runJob(pack!, { call: makeCall('x', [['agent', 'hi']]) }, settings)).toMatchObject([{ kind: 'scored' }]);
  });

  // a call too big for a worker's heap (its old generation is capped)
  const huge = makeCall(
    'huge',
    Array.from({ length: 60_000 }, (_, i) => [i % 2 ? 'customer' : 'agent', 'the parcel came on tuesday and the box it came in was fine, thank you', i, i + 0.5] as ['agent' | 'customer', string, number, number]),
  );

  it('replaces a worker that runs out of memory on a huge call; the call is scored in the main thread and nothing is lost', async () => {
    // with two threads the main thread takes every other job, the first included: the huge call is the worker's
    const jobs = [{ call: calls[0]! }, { call: huge }, ...calls.map((c) => ({ call: c }))];
    const warnings: string[] = [];
    const pool = new PackPool(pack!, { threads: 2, startAfter: 0, rules: [], settings, onWarning: (m) => warnings.push(m) });
    try {
      const runs = await Promise.all(jobs.map((j) => pool.run(j)));
      expect(runs.slice(2)).toEqual(expected);
      expect(runs[1]).toEqual([triageAndScore(pack!, huge, {})]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/memory.*a new worker took its place/);
      expect(pool.parallel).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a worker that dies in the middle of a chunk hands the whole chunk back: every record of it is scored once, in order', async () => {
    const lines = [JSON.stringify(calls[0]), JSON.stringify(huge), 'not json', JSON.stringify(calls[1])];
    const hugeChunk: DeferredChunk = { bytes: new Uint8Array(Buffer.from(`${lines.join('\n')}\n`)), line: 100, record: 90, records: 4, fileBytes: 0, file: 'huge.jsonl', layers: [] };
    // an odd position: with two threads the main thread takes the even ones
    const before = chunks().length % 2 === 1 ? chunks() : [...chunks(), ...chunks().slice(0, 1)];
    const at = before.length;
    const jobs = [...before, { chunk: hugeChunk }, ...chunks()];
    const here = new PackPool(pack!, { threads: 1, startAfter: 0, rules: [], settings });
    const expectedChunks = jobs.map((job) => here.runHere(job));
    const warnings: string[] = [];
    const pool = new PackPool(pack!, { threads: 2, startAfter: 0, rules: [], settings, onWarning: (m) => warnings.push(m) });
    try {
      const runs = await Promise.all(jobs.map((job) => pool.run(job)));
      expect(runs).toEqual(expectedChunks);
      expect(runs[at]!.map((o) => o.kind)).toEqual(['scored', 'scored', 'error', 'scored']);
      expect(runs[at]![1]).toMatchObject({ kind: 'scored', scored: { result: { id: 'huge', source: { line: 102, record: 91 } } } });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/memory.*a new worker took its place/);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
