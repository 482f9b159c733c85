import { describe, expect, it } from 'vitest';
import { runPack } from '../../src/engine/run-pack.js';
import { DEFAULT_PACK_DIR, loadPacks } from '../../src/io/load-packs.js';
import { exampleCall } from '../../src/ruleset/run-examples.js';

/** Every rule of the default pack, every example: the same check as `cxlint rules test`. */
const { pack, errors } = loadPacks([]);

describe(`default rule pack (${DEFAULT_PACK_DIR})`, () => {
  it('loads without errors and covers every signal it declares', () => {
    expect(errors).toEqual([]);
    expect(pack).toBeDefined();
    const covered = new Set(pack!.rules.map((r) => r.signal));
    expect([...covered].sort()).toEqual(Object.keys(pack!.signals).sort());
  });

  for (const rule of pack?.rules ?? []) {
    const examples = pack!.examples.get(rule.id)!;
    const solo = { ...pack!, rules: [rule] };
    describe(rule.id, () => {
      it.each(examples.match)('fires on %j', (text) => {
        const call = exampleCall(text, rule.id);
        if (typeof call === 'string') throw new Error(call);
        const ids = runPack(solo, call).findings.map((f) => f.ruleId);
        expect(ids).toContain(rule.id);
      });
      it.each(examples.noMatch)('stays quiet on %j', (text) => {
        const call = exampleCall(text, rule.id);
        if (typeof call === 'string') throw new Error(call);
        expect(runPack(solo, call).findings).toEqual([]);
      });
    });
  }
});
