import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPacks, readCalls, runAndScore } from '../src/index.js';
import { ROOT } from './helpers/fixtures.js';

describe('the library entry point', () => {
  it('reads the demo calls, loads the default pack and scores them as the CLI does', () => {
    const { pack, errors } = loadPacks([]);
    expect(errors).toEqual([]);
    const scores = [...readCalls([join(ROOT, 'fixtures', 'calls', 'calls.jsonl')])].flatMap((item) => (item.kind === 'call' ? [runAndScore(pack!, item.call, {}, []).result] : []));
    expect(scores.map((r) => r.id)).toEqual(['call-001', 'call-002', 'call-003', 'call-004', 'call-005', 'call-006']);
    expect(scores.find((r) => r.id === 'call-002')!.findings.some((f) => f.signal === 'system-apology')).toBe(true);
  });
});
