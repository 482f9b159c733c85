import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFormatter } from '../../src/formatters/json-report.js';
import { loadPacks } from '../../src/io/load-packs.js';
import { SCHEMA_VERSION } from '../../src/model/result.js';
import { ROOT, UNIT } from '../helpers/fixtures.js';
import { formatInputs } from '../helpers/report.js';

const { pack } = loadPacks([]);

describe('JSON report', () => {
  const { text, calls } = formatInputs(jsonFormatter(), pack!, [join(ROOT, 'fixtures/calls'), join(UNIT, 'malformed.jsonl')], 'team');
  const doc = JSON.parse(text);

  it('is one JSON document with schemaVersion and the pack identity', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc.pack).toEqual({ name: pack!.info.name, version: pack!.info.version, hash: pack!.info.hash });
    expect(doc.pack.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(doc.tool.name).toBe('cxlint');
    expect(doc.settings).toMatchObject({ gapSeconds: pack!.timing.gapSeconds, groupBy: 'team' });
  });

  it('counts inputs as scored + errors and lists the errors', () => {
    expect(doc.counts).toEqual({ inputs: 14 + 4, scored: 14 + 3, errors: 1 });
    expect(doc.calls).toHaveLength(doc.counts.scored);
    expect(doc.errors).toHaveLength(doc.counts.errors);
    expect(doc.errors[0]).toMatchObject({ file: join(UNIT, 'malformed.jsonl'), line: 2, record: 1 });
    expect(doc.summary.calls).toBe(doc.counts.scored);
  });

  it('gives every finding its rule, signal, polarity, weight, turn and speaker', () => {
    const findings = doc.calls.flatMap((c: { findings: unknown[] }) => c.findings);
    expect(findings.length).toBeGreaterThan(10);
    for (const f of findings) {
      expect(f.ruleId).toMatch(/^inward\/[a-z-]+$/);
      expect(Object.keys(pack!.signals)).toContain(f.signal);
      expect(f.polarity).toBe(pack!.signals[f.signal]);
      expect(typeof f.weight).toBe('number');
      expect(Number.isInteger(f.turn)).toBe(true);
      expect(['agent', 'customer', 'system', 'unknown']).toContain(f.speaker);
    }
  });

  it('quotes the turn exactly: span.text is the turn text sliced at start..end', () => {
    let spans = 0;
    for (const c of doc.calls) {
      const call = calls.get(c.id)!;
      for (const f of c.findings) {
        const turn = call.turns[f.turn]!;
        expect(f.speaker).toBe(turn.speaker);
        if (!f.span) continue;
        spans++;
        expect(f.span.start).toBeGreaterThanOrEqual(0);
        expect(f.span.end).toBeGreaterThan(f.span.start);
        expect(f.span.text).toBe(turn.text.slice(f.span.start, f.span.end));
      }
    }
    expect(spans).toBeGreaterThan(10);
  });

  it('reports the demo gaps with their evidence', () => {
    const byId = new Map(doc.calls.map((c: { id: string }) => [c.id, c]));
    const gapsOf = (id: string) => (byId.get(id) as { findings: { turn: number; gap?: unknown }[] }).findings.filter((f) => f.gap);
    expect(gapsOf('call-002').map((f) => f.gap)).toEqual([{ fromMs: 47000, toMs: 137000, durationMs: 90000, kind: 'hold' }]);
    expect(gapsOf('call-011').map((f) => f.gap)).toEqual([{ fromMs: 26400, toMs: 51400, durationMs: 25000, kind: 'dead-air' }]);
  });

  it('groups by the requested meta field', () => {
    expect(doc.groups.map((g: { group: string }) => g.group)).toEqual(['Billing', 'Retention', 'Tech Support']);
    expect(doc.groups.reduce((n: number, g: { calls: number }) => n + g.calls, 0)).toBe(doc.counts.scored);
  });
});
