import { describe, expect, it } from 'vitest';
import { allocate, CallSelector, checkSelectSpec, parseSample, parseShard, sampleKey, shardOf, unitHash, type SelectSpec } from '../../src/sampling/select-calls.js';

const ids = Array.from({ length: 400 }, (_, i) => `call-${String(i).padStart(4, '0')}`);
const agentOf = (i: number) => (i % 10 === 0 ? 'rare' : i % 3 === 0 ? 'ana' : 'tom');

/** Run the selector over ids (in the order given) and return the ids it scores, in output order. */
function select(spec: SelectSpec, order = ids): { chosen: string[]; notSelected: number } {
  const s = new CallSelector<string>(spec);
  const chosen: string[] = [];
  for (const id of order) {
    if (s.offer({ item: id, id, meta: { agent: agentOf(ids.indexOf(id)) } }) === 'score') chosen.push(id);
  }
  chosen.push(...s.finish());
  return { chosen, notSelected: s.notSelected };
}

describe('parsing', () => {
  it('--sample N or PCT%', () => {
    expect(parseSample('200')).toEqual({ kind: 'count', n: 200 });
    expect(parseSample('12.5%')).toEqual({ kind: 'percent', pct: 12.5 });
    for (const bad of ['0', '0%', '101%', '1.5', '-3', 'ten', '']) expect(parseSample(bad)).toHaveProperty('error');
  });

  it('--shard I/N, 1-based', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b']) expect(parseShard(bad)).toHaveProperty('error');
  });

  it('combinations that need the whole batch are refused with --shard', () => {
    const shard = { index: 1, count: 2 };
    expect(checkSelectSpec({ seed: '0', shard, sample: { kind: 'percent', pct: 10 } })).toBeUndefined();
    expect(checkSelectSpec({ seed: '0', shard, sample: { kind: 'count', n: 10 } })).toContain('--shard');
    expect(checkSelectSpec({ seed: '0', shard, sample: { kind: 'percent', pct: 10 }, stratify: 'agent' })).toContain('--shard');
    expect(checkSelectSpec({ seed: '0', stratify: 'agent' })).toContain('--sample');
  });
});

describe('hashing', () => {
  it('is deterministic, uniform-ish and in [0, 1)', () => {
    expect(unitHash('a', 'b')).toBe(unitHash('a', 'b'));
    expect(unitHash('a', 'b')).not.toBe(unitHash('ab'));
    const keys = ids.map((id) => sampleKey('0', id));
    expect(Math.min(...keys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...keys)).toBeLessThan(1);
    expect(keys.filter((k) => k < 0.5).length).toBeGreaterThan(160);
    expect(keys.filter((k) => k < 0.5).length).toBeLessThan(240);
  });

  it('shards partition the calls: each call in exactly one shard, none empty', () => {
    const counts = [0, 0, 0, 0];
    for (const id of ids) counts[shardOf(id, 4) - 1]!++;
    expect(counts.reduce((a, b) => a + b)).toBe(ids.length);
    expect(counts.every((c) => c > 60)).toBe(true);
    const all = [1, 2, 3, 4].flatMap((index) => select({ seed: '0', shard: { index, count: 4 } }).chosen);
    expect(all.sort()).toEqual([...ids].sort());
  });
});

describe('sampling', () => {
  it('N: exactly N calls, in input order, the same set whatever the input order', () => {
    const { chosen, notSelected } = select({ seed: 's', sample: { kind: 'count', n: 25 } });
    expect(chosen).toHaveLength(25);
    expect(notSelected).toBe(ids.length - 25);
    expect(chosen).toEqual([...chosen].sort());
    const shuffled = [...ids].sort((a, b) => sampleKey('shuffle', a) - sampleKey('shuffle', b));
    expect(select({ seed: 's', sample: { kind: 'count', n: 25 } }, shuffled).chosen.sort()).toEqual(chosen);
    // the N smallest keys
    const expected = [...ids].sort((a, b) => sampleKey('s', a) - sampleKey('s', b)).slice(0, 25).sort();
    expect(chosen).toEqual(expected);
  });

  it('another seed, another sample; the same seed, the same sample', () => {
    const a = select({ seed: '1', sample: { kind: 'count', n: 25 } }).chosen;
    expect(select({ seed: '1', sample: { kind: 'count', n: 25 } }).chosen).toEqual(a);
    expect(select({ seed: '2', sample: { kind: 'count', n: 25 } }).chosen).not.toEqual(a);
  });

  it('PCT%: decided call by call, so it streams and commutes with sharding', () => {
    const spec: SelectSpec = { seed: 'x', sample: { kind: 'percent', pct: 20 } };
    const { chosen, notSelected } = select(spec);
    expect(chosen.length + notSelected).toBe(ids.length);
    expect(chosen.length).toBeGreaterThan(50);
    expect(chosen.length).toBeLessThan(110);
    const sharded = [1, 2, 3].flatMap((index) => select({ ...spec, shard: { index, count: 3 } }).chosen);
    expect(sharded.sort()).toEqual(chosen);
  });

  it('N stratified: N in proportion to each stratum, every stratum represented', () => {
    const { chosen } = select({ seed: '0', sample: { kind: 'count', n: 20 }, stratify: 'agent' });
    expect(chosen).toHaveLength(20);
    const per = (a: string) => chosen.filter((id) => agentOf(ids.indexOf(id)) === a).length;
    // sizes: rare 40, ana 120, tom 240: one each, then 17 in proportion to 39, 119, 239
    expect([per('rare'), per('ana'), per('tom')]).toEqual([3, 6, 11]);
  });

  it('PCT% stratified: every stratum gets at least its lowest-key call', () => {
    const tiny: string[] = ['only-one', ...ids.slice(1, 50)];
    const s = new CallSelector<string>({ seed: '0', sample: { kind: 'percent', pct: 1 }, stratify: 'agent' });
    const chosen: string[] = [];
    for (const id of tiny) if (s.offer({ item: id, id, meta: { agent: id === 'only-one' ? 'solo' : 'many' } }) === 'score') chosen.push(id);
    chosen.push(...s.finish());
    expect(chosen).toContain('only-one');
    expect(chosen.length + s.notSelected).toBe(tiny.length);
  });
});

describe('allocate', () => {
  it('largest remainder, one for each stratum first, never more than a stratum has', () => {
    expect(allocate(10, new Map([['a', 50], ['b', 30], ['c', 20]]))).toEqual(new Map([['a', 5], ['b', 3], ['c', 2]]));
    expect(allocate(3, new Map([['a', 98], ['b', 1], ['c', 1]]))).toEqual(new Map([['a', 1], ['b', 1], ['c', 1]]));
    expect(allocate(50, new Map([['a', 2], ['b', 3]]))).toEqual(new Map([['a', 2], ['b', 3]]));
    const sizes = new Map([['x', 7], ['y', 11], ['z', 13]]);
    for (let n = 0; n <= 31; n++) {
      const out = allocate(n, sizes);
      expect([...out.values()].reduce((a, b) => a + b)).toBe(n);
      for (const [k, v] of out) expect(v).toBeLessThanOrEqual(sizes.get(k)!);
    }
  });
});
