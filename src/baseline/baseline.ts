import { z } from 'zod';
import type { CallResult, PackInfo } from '../model/result.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { scoreFindings } from '../scoring/score-call.js';
import { findingFingerprint } from './fingerprint.js';

/** Bumped when the fingerprint recipe or the file shape changes incompatibly. */
export const BASELINE_VERSION = '1';

export interface BaselineEntry {
  fingerprint: string;
  callId: string;
  ruleId: string;
  turn: number;
  /** The same words matched by the same rule twice in one turn. */
  count: number;
}

export interface BaselineFile {
  type: 'cxlint-baseline';
  baselineVersion: string;
  tool: { name: 'cxlint'; version: string };
  pack: PackInfo;
  entries: BaselineEntry[];
}

export const baselineFileSchema = z.object({
  type: z.literal('cxlint-baseline'),
  baselineVersion: z.literal(BASELINE_VERSION),
  tool: z.object({ name: z.literal('cxlint'), version: z.string() }),
  pack: z.object({ name: z.string(), version: z.string(), hash: z.string() }),
  entries: z.array(z.object({ fingerprint: z.string().min(1), callId: z.string(), ruleId: z.string(), turn: z.number().int().nonnegative(), count: z.number().int().positive() })),
});

const compare = (a: BaselineEntry, b: BaselineEntry) =>
  a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.turn - b.turn || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0);

/**
 * Today's inward findings as baseline entries, sorted (call, rule, turn) so the file diffs well.
 * Outward findings are good behaviour: nothing to forgive, and leaving them out keeps the score
 * without baselined findings from losing their points.
 */
export function collectBaseline(): { add(r: CallResult): void; entries(): BaselineEntry[] } {
  const byPrint = new Map<string, BaselineEntry>();
  return {
    add(r) {
      for (const f of r.findings) {
        if (f.polarity !== 'inward') continue;
        const fingerprint = findingFingerprint(r.id, f);
        const entry = byPrint.get(fingerprint);
        if (entry) entry.count++;
        else byPrint.set(fingerprint, { fingerprint, callId: r.id, ruleId: f.ruleId, turn: f.turn, count: 1 });
      }
    },
    entries: () => [...byPrint.values()].sort(compare),
  };
}

/**
 * Marks the findings a baseline already holds (`baselined: true`: kept in every report, not counted
 * by the gates) and works out the score without them. Entries for calls this run scored that no
 * finding matched any more are stale: fixed, re-worded, or a rule that changed.
 */
export class BaselineMatcher {
  private readonly remaining = new Map<string, number>();
  private readonly scoredCalls = new Set<string>();

  constructor(private readonly entries: BaselineEntry[]) {
    for (const e of entries) this.remaining.set(e.fingerprint, (this.remaining.get(e.fingerprint) ?? 0) + e.count);
  }

  apply(r: CallResult, scoring: CompiledPack['scoring']): CallResult {
    this.scoredCalls.add(r.id);
    let matched = 0;
    const findings = r.findings.map((f) => {
      if (f.polarity !== 'inward') return f;
      const fingerprint = findingFingerprint(r.id, f);
      const left = this.remaining.get(fingerprint) ?? 0;
      if (left === 0) return f;
      this.remaining.set(fingerprint, left - 1);
      matched++;
      return { ...f, baselined: true };
    });
    const fresh = findings.filter((f) => !f.baselined);
    return { ...r, findings, baseline: { findings: matched, score: scoreFindings(fresh, scoring).score } };
  }

  /** Entries of calls scored in this run that matched nothing (or fewer times than recorded). */
  stale(): BaselineEntry[] {
    return this.entries.filter((e) => this.scoredCalls.has(e.callId) && (this.remaining.get(e.fingerprint) ?? 0) > 0);
  }

  /** Entries whose call this run did not score (another batch, a sample, another shard): not judged. */
  unchecked(): number {
    return this.entries.filter((e) => !this.scoredCalls.has(e.callId)).length;
  }
}
