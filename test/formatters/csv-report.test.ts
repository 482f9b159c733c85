import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvFormatter } from '../../src/formatters/csv-report.js';
import { loadPacks } from '../../src/io/load-packs.js';
import { formatInputs } from '../helpers/report.js';
import { ROOT } from '../helpers/fixtures.js';
import { join } from 'node:path';

describe('csvCell', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
  ])('escapes the formula-like %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes cells with commas, quotes or line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('\r=x')).toBe(`"'\r=x"`);
  });

  it('leaves plain text and numbers alone', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(0)).toBe('0');
  });

  it('writes null and undefined as empty cells', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('csvFormatter', () => {
  it('writes a header and one row per call that a CSV parser reads back', () => {
    const { pack } = loadPacks([]);
    const signals = Object.keys(pack!.signals);
    const { text, results } = formatInputs(csvFormatter(signals, ['agent', 'team', 'queue']), pack!, [join(ROOT, 'fixtures/calls/calls.jsonl')]);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(results.length);
    expect(Object.keys(rows[0]!)).toEqual(['call_id', 'file', 'agent', 'team', 'queue', 'score', 'penalty', 'bonus', 'turns', 'handle_time_ms', ...signals, 'worst_rule', 'worst_evidence']);
    for (const [i, r] of results.entries()) {
      const row = rows[i]!;
      expect(row.call_id).toBe(r.id);
      expect(Number(row.score)).toBe(r.score);
      expect(row.handle_time_ms).toBe(r.metrics.handleTimeMs === null ? '' : String(r.metrics.handleTimeMs));
      for (const s of signals) expect(Number(row[s])).toBe(r.signals.find((x) => x.signal === s)?.count ?? 0);
    }
  });

  it('escapes formula-like meta values in rows', () => {
    const f = csvFormatter(['apology'], ['agent']);
    const row = f.call({
      id: '=HYPERLINK("x")',
      source: { file: 'f', record: 0 },
      meta: { agent: '@evil' },
      score: 90,
      penalty: 10,
      bonus: 0,
      turnCount: 1,
      signals: [],
      findings: [],
      metrics: { handleTimeMs: null } as never,
    });
    const [cells] = parse(row) as string[][];
    expect(cells![0]).toBe(`'=HYPERLINK("x")`);
    expect(cells![2]).toBe("'@evil");
  });
});
