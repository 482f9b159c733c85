import { z } from 'zod';
import { mergeGateStates } from '../gates/gates.js';
import type { InputError } from '../model/raw-call.js';
import type { Counts, RunHeader, RunState } from '../model/report.js';
import { mergeSummaries, type SummaryState } from './summary.js';
import { keepWorst, type WorstCall } from './worst-calls.js';

/** `--format summary-json`: what `cxlint merge` combines. Bumped on any incompatible change. */
export const PARTIAL_VERSION = '2';

export interface RunPartial {
  type: 'cxlint-summary';
  partialVersion: string;
  header: RunHeader;
  counts: Counts;
  state: RunState;
  worst: WorstCall[];
  errors: InputError[];
}

const summaryState = z.object({
  calls: z.number(),
  scores: z.array(z.tuple([z.number(), z.number()])),
  signals: z.record(z.string(), z.object({ polarity: z.enum(['inward', 'outward']), calls: z.number(), findings: z.number() })),
});
const severityList = z.object({ count: z.number(), first: z.array(z.tuple([z.number(), z.string()])) });

/** The boundary check of a partial read from a file; the header is compared, not interpreted. */
export const partialSchema = z.object({
  type: z.literal('cxlint-summary'),
  partialVersion: z.string(),
  header: z.looseObject({ schemaVersion: z.string(), pack: z.object({ name: z.string(), version: z.string(), hash: z.string() }), settings: z.looseObject({}) }),
  counts: z.object({ inputs: z.number(), scored: z.number(), skipped: z.number().optional(), errors: z.number(), notSelected: z.number().optional() }),
  state: z.object({
    signals: z.record(z.string(), z.enum(['inward', 'outward'])),
    all: summaryState,
    groups: z.array(z.tuple([z.string(), summaryState])),
    gates: z.object({
      scores: z.array(z.tuple([z.number(), z.number(), z.array(z.tuple([z.number(), z.string()]))])),
      signalCalls: z.record(z.string(), z.number()),
      findings: z.number(),
      severity: z.object({ info: severityList, warning: severityList, error: severityList }),
      baselined: z.number(),
    }),
    skipped: z.array(z.tuple([z.number(), z.object({ id: z.string(), file: z.string(), record: z.number(), line: z.number().optional(), reason: z.string() })])),
    ruleErrors: z.number(),
    packErrors: z.boolean(),
  }),
  worst: z.array(
    z.object({ id: z.string(), file: z.string(), score: z.number(), agent: z.string().optional(), worst: z.object({ ruleId: z.string(), turn: z.number(), evidence: z.string() }).optional() }),
  ),
  errors: z.array(z.object({ file: z.string(), record: z.number().optional(), line: z.number().optional(), message: z.string() })),
});

const sortedKeys = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const canonicalSummary = (s: SummaryState): SummaryState => ({ calls: s.calls, scores: s.scores, signals: sortedKeys(s.signals) });

/**
 * Orders that carry no information (scores are a multiset, signal maps are maps) fixed, so that the
 * partial of one run and the merge of its shards are the same bytes.
 */
export function canonicalState(state: RunState): RunState {
  return {
    signals: state.signals,
    all: canonicalSummary(state.all),
    groups: state.groups.map(([g, s]) => [g, canonicalSummary(s)]),
    gates: { ...state.gates, signalCalls: sortedKeys(state.gates.signalCalls) },
    skipped: state.skipped,
    ruleErrors: state.ruleErrors,
    packErrors: state.packErrors,
  };
}

/** The header without the shard: what the partials of one sharded run have in common. */
function withoutShard(header: RunHeader): RunHeader {
  const { selection, ...settings } = header.settings;
  if (!selection) return header;
  const { shard, ...rest } = selection;
  void shard;
  return { ...header, settings: Object.keys(rest).length > 0 ? { ...settings, selection: rest } : settings };
}

/** JSON with keys in a fixed order, to compare headers whatever order their keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Combine the partials of one run, in any order, into the partial one run over all the inputs
 * would have written. Every shard reports every input error (so each shard's exit code tells the
 * truth); they are counted once here.
 */
export function mergePartials(parts: RunPartial[]): { partial: RunPartial } | { error: string } {
  if (parts.length === 0) return { error: 'no partials to merge' };
  const header = withoutShard(parts[0]!.header);
  for (const [i, p] of parts.entries()) {
    if (p.partialVersion !== PARTIAL_VERSION) return { error: `partial ${i + 1} has version ${p.partialVersion}; this cxlint reads ${PARTIAL_VERSION}` };
    const h = withoutShard(p.header);
    if (canonical(h) !== canonical(header)) {
      const what = h.pack.hash !== header.pack.hash ? `pack ${h.pack.name} ${h.pack.version} (${h.pack.hash}) vs ${header.pack.name} ${header.pack.version} (${header.pack.hash})` : 'settings or tool version';
      return { error: `partial ${i + 1} comes from a different run: ${what}` };
    }
  }
  const shards = parts.map((p) => p.header.settings.selection?.shard);
  if (shards.some((s) => s !== undefined)) {
    const counts = new Set(shards.map((s) => s?.split('/')[1]));
    if (shards.includes(undefined) || counts.size !== 1) return { error: 'mix of shard counts (or sharded and unsharded partials)' };
    const n = Number([...counts][0]);
    const seen = new Set<string>();
    for (const s of shards as string[]) {
      if (seen.has(s)) return { error: `shard ${s} given twice` };
      seen.add(s);
    }
    const missing = Array.from({ length: n }, (_, i) => `${i + 1}/${n}`).filter((s) => !seen.has(s));
    if (missing.length > 0) return { error: `shard(s) ${missing.join(', ')} missing: the merge would not cover the batch` };
  }

  const errors: InputError[] = [];
  const seenErrors = new Set<string>();
  for (const p of parts) {
    for (const e of p.errors) {
      const key = canonical(e);
      if (seenErrors.has(key)) continue;
      seenErrors.add(key);
      errors.push(e);
    }
  }
  const groups = new Map<string, SummaryState[]>();
  for (const p of parts) for (const [g, s] of p.state.groups) groups.set(g, [...(groups.get(g) ?? []), s]);
  const scored = parts.reduce((n, p) => n + p.counts.scored, 0);
  const skipped = parts.flatMap((p) => p.state.skipped).sort((a, b) => a[0] - b[0]);
  const skippedCount = parts.some((p) => p.counts.skipped !== undefined) ? skipped.length : undefined;
  const notSelected = parts.some((p) => p.counts.notSelected !== undefined) ? parts.reduce((n, p) => n + (p.counts.notSelected ?? 0), 0) : undefined;
  return {
    partial: {
      type: 'cxlint-summary',
      partialVersion: PARTIAL_VERSION,
      header,
      counts: {
        inputs: scored + skipped.length + errors.length,
        scored,
        ...(skippedCount !== undefined ? { skipped: skippedCount } : {}),
        errors: errors.length,
        ...(notSelected !== undefined ? { notSelected } : {}),
      },
      state: canonicalState({
        signals: parts[0]!.state.signals,
        all: mergeSummaries(parts.map((p) => p.state.all)),
        groups: [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([g, list]) => [g, mergeSummaries(list)]),
        gates: mergeGateStates(parts.map((p) => p.state.gates)),
        skipped,
        ruleErrors: parts.reduce((n, p) => n + p.state.ruleErrors, 0),
        packErrors: parts.some((p) => p.state.packErrors),
      }),
      worst: keepWorst(parts.flatMap((p) => p.worst)),
      errors,
    },
  };
}
