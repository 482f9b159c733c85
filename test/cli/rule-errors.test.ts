import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runPack } from '../../src/engine/run-pack.js';
import type { CompiledPack } from '../../src/ruleset/compile-pack.js';
import { scoreCall } from '../../src/scoring/score-call.js';
import { makeCall, tempTree, unitPack } from '../helpers/fixtures.js';

/** The unit pack plus a rule that throws on every call whose text mentions "boom". */
function packWithFaultyRule(): CompiledPack {
  const pack = unitPack();
  const template = pack.rules[0]!;
  const faulty = {
    ...template,
    id: 'unit/faulty',
    run: (ctx: Parameters<typeof template.run>[0]) => {
      if (ctx.call.turns.some((t) => t.text.includes('boom'))) throw new Error('cannot read property of undefined');
      return [];
    },
  };
  return { ...pack, rules: [...pack.rules, faulty] };
}

vi.mock('../../src/io/load-packs.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/io/load-packs.js')>();
  return { ...original, loadPacks: () => ({ pack: packWithFaultyRule(), errors: [] }) };
});

const { scoreCommand } = await import('../../src/cli/score-command.js');

describe('a rule that throws at run time', () => {
  it('becomes a rule error of that call; the other rules still run on it', () => {
    const pack = packWithFaultyRule();
    const call = makeCall('c1', [['agent', 'Sorry, it is slow. boom']]);
    const run = runPack(pack, call);
    expect(run.ruleErrors).toEqual([{ ruleId: 'unit/faulty', message: 'cannot read property of undefined' }]);
    expect(run.findings.map((f) => f.ruleId)).toContain('unit/apology');
    expect(scoreCall(call, run, pack).ruleErrors).toEqual(run.ruleErrors);
    expect(runPack(pack, makeCall('c2', [['agent', 'Sorry, it is slow.']])).ruleErrors).toEqual([]);
  });

  describe('cxlint score', () => {
    const line = (id: string, text: string) => JSON.stringify({ id, turns: [{ speaker: 'agent', text }, { speaker: 'customer', text: 'ok' }] });
    const tree = tempTree({ 'calls.jsonl': [line('fine-1', 'Hello.'), line('faulty', 'boom'), line('fine-2', 'Sorry, it is slow.')].join('\n') });
    afterAll(tree.remove);

    it('reports it on stderr and in the call result, scores the rest of the batch, and exits 2', async () => {
      let stdout = '';
      let stderr = '';
      const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
        stdout += String(chunk);
        const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        done?.();
        return true;
      });
      const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stderr += String(chunk);
        return true;
      });
      let code: number;
      try {
        code = await scoreCommand([join(tree.dir, 'calls.jsonl')], { format: 'json' });
      } finally {
        out.mockRestore();
        err.mockRestore();
      }
      expect(code).toBe(2);
      const doc = JSON.parse(stdout) as { counts: unknown; calls: { id: string; ruleErrors?: unknown }[] };
      expect(doc.counts).toMatchObject({ inputs: 3, scored: 3, errors: 0 });
      expect(doc.calls.map((c) => [c.id, c.ruleErrors])).toEqual([
        ['fine-1', undefined],
        ['faulty', [{ ruleId: 'unit/faulty', message: 'cannot read property of undefined' }]],
        ['fine-2', undefined],
      ]);
      expect(stderr).toContain('cxlint: rule unit/faulty failed on call faulty: cannot read property of undefined');
    });
  });
});
