import { createHash } from 'node:crypto';

/**
 * Which calls a run scores: --shard I/N and --sample N|PCT% [--seed S] [--stratify FIELD]. Pure and
 * deterministic: every decision comes from a hash of the call id (and the seed), never from the
 * input order or a random generator, so the same inputs select the same calls on every machine.
 */

export type SampleSpec = { kind: 'count'; n: number } | { kind: 'percent'; pct: number };
export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export interface SelectSpec {
  sample?: SampleSpec;
  seed: string;
  stratify?: string;
  shard?: ShardSpec;
}

export const NO_STRATUM = '(none)';

/** A uniform number in [0, 1) from the parts: the first 48 bits of their SHA-256. */
export function unitHash(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\0')).digest().readUIntBE(0, 6) / 2 ** 48;
}

/** The 1-based shard of a call: by its id alone, so it does not depend on the seed or the sample. */
export const shardOf = (id: string, count: number) => Math.floor(unitHash('shard', id) * count) + 1;

/** The call's place in the sample order: lower is taken first. */
export const sampleKey = (seed: string, id: string) => unitHash('sample', seed, id);

export function parseSample(spec: string): SampleSpec | { error: string } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(spec);
  if (m?.[2] === '%') {
    const pct = Number(m[1]);
    if (pct > 0 && pct <= 100) return { kind: 'percent', pct };
  } else if (m && Number.isInteger(Number(m[1])) && Number(m[1]) > 0) {
    return { kind: 'count', n: Number(m[1]) };
  }
  return { error: `--sample: "${spec}" should be a number of calls (e.g. 200) or a percentage (e.g. 10%)` };
}

export function parseShard(spec: string): ShardSpec | { error: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) return { error: `--shard: "${spec}" should be I/N with 1 ≤ I ≤ N, e.g. 1/4` };
  return { index, count };
}

/** Options that cannot be combined, as a usage error. */
export function checkSelectSpec(spec: SelectSpec): string | undefined {
  if (spec.stratify !== undefined && !spec.sample) return '--stratify needs --sample';
  if (spec.shard && spec.sample && (spec.sample.kind === 'count' || spec.stratify !== undefined)) {
    // a fixed-size or stratified sample needs the whole batch; a percentage is decided call by call
    return '--shard combines only with --sample PCT% (without --stratify): a sample of N calls or a stratified sample needs the whole batch';
  }
  return undefined;
}

export interface Candidate<T> {
  item: T;
  id: string;
  meta: Record<string, string | number>;
}

interface Held<T> {
  item: T;
  key: number;
  seq: number;
}

/**
 * n split across strata: one call each first (largest strata first when n is smaller than the
 * number of strata), the rest in proportion to what each stratum has left, by largest remainder
 * (ties in name order). No stratum is given more calls than it has.
 */
export function allocate(n: number, sizes: Map<string, number>): Map<string, number> {
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  if (n >= total) return new Map(sizes);
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const strata = [...sizes.keys()].filter((s) => sizes.get(s)! > 0).sort(byName);
  const out = new Map([...sizes.keys()].sort(byName).map((s) => [s, 0]));
  if (n < strata.length) {
    for (const s of [...strata].sort((a, b) => sizes.get(b)! - sizes.get(a)! || byName(a, b)).slice(0, n)) out.set(s, 1);
    return out;
  }
  for (const s of strata) out.set(s, 1);
  const rest = n - strata.length;
  const restTotal = total - strata.length;
  if (rest === 0) return out;
  // rest < restTotal, so each exact share is below what the stratum has left
  const exact = new Map(strata.map((s) => [s, ((sizes.get(s)! - 1) / restTotal) * rest]));
  for (const s of strata) out.set(s, 1 + Math.floor(exact.get(s)!));
  let left = n - [...out.values()].reduce((a, b) => a + b, 0);
  const remainder = (s: string) => exact.get(s)! - Math.floor(exact.get(s)!);
  for (const s of [...strata].sort((a, b) => remainder(b) - remainder(a) || byName(a, b))) {
    if (left <= 0) break;
    out.set(s, out.get(s)! + 1);
    left--;
  }
  return out;
}

/**
 * Streams calls through the selection. `offer` says whether to score a call now; calls held for a
 * sample of N (the N smallest sample keys: a bottom-N sketch, at most N calls in memory, N per
 * stratum when stratified) come back from `finish`, in input order.
 */
export class CallSelector<T> {
  private seq = 0;
  private readonly held = new Map<string, Held<T>[]>();
  private readonly sizes = new Map<string, number>();
  /** --sample PCT% --stratify: each stratum's smallest-key call, in case none of its calls is kept. */
  private readonly fallback = new Map<string, Held<T>>();
  private readonly keptIn = new Set<string>();
  notSelected = 0;

  constructor(private readonly spec: SelectSpec) {}

  /** 'score': score it now; 'skip': another shard's call; 'drop': sampled out; 'held': decided at the end. */
  offer(c: Candidate<T>): 'score' | 'skip' | 'drop' | 'held' {
    const seq = this.seq++;
    const { shard, sample } = this.spec;
    if (shard && shardOf(c.id, shard.count) !== shard.index) return 'skip';
    if (!sample) return 'score';
    const key = sampleKey(this.spec.seed, c.id);
    const stratum = this.spec.stratify === undefined ? '' : String(c.meta[this.spec.stratify] ?? NO_STRATUM);
    this.sizes.set(stratum, (this.sizes.get(stratum) ?? 0) + 1);
    if (sample.kind === 'percent') {
      if (key < sample.pct / 100) {
        this.keptIn.add(stratum);
        return 'score';
      }
      if (this.spec.stratify !== undefined && !this.keptIn.has(stratum)) {
        const best = this.fallback.get(stratum);
        if (best) this.notSelected++;
        if (!best || key < best.key) this.fallback.set(stratum, { item: c.item, key, seq });
        else return 'drop';
        return 'held';
      }
      this.notSelected++;
      return 'drop';
    }
    const list = this.held.get(stratum) ?? [];
    this.held.set(stratum, list);
    list.push({ item: c.item, key, seq });
    if (list.length > sample.n) {
      // keep the n smallest keys (ties: the earlier call)
      list.sort((a, b) => a.key - b.key || a.seq - b.seq);
      list.pop();
      this.notSelected++;
    }
    return 'held';
  }

  /** The held calls that are in the sample, in input order. */
  finish(): T[] {
    const { sample } = this.spec;
    if (!sample) return [];
    let chosen: Held<T>[];
    if (sample.kind === 'percent') {
      chosen = [...this.fallback.entries()].filter(([s]) => !this.keptIn.has(s)).map(([, h]) => h);
      // a stratum whose held call was overtaken by a kept one: the held call is dropped after all
      this.notSelected += this.fallback.size - chosen.length;
    } else {
      const quota = this.spec.stratify === undefined ? new Map([['', sample.n]]) : allocate(sample.n, this.sizes);
      chosen = [];
      for (const [stratum, list] of this.held) {
        list.sort((a, b) => a.key - b.key || a.seq - b.seq);
        const take = quota.get(stratum) ?? 0;
        chosen.push(...list.slice(0, take));
        this.notSelected += Math.max(0, list.length - take);
      }
    }
    return chosen.sort((a, b) => a.seq - b.seq).map((h) => h.item);
  }

  /** Position of the next call offered: shards count every call, so positions agree across shards. */
  get position(): number {
    return this.seq;
  }
}
