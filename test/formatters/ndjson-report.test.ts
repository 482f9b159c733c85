import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjsonFormatter } from '../../src/formatters/ndjson-report.js';
import { loadPacks } from '../../src/io/load-packs.js';
import { SCHEMA_VERSION } from '../../src/model/result.js';
import { ROOT, UNIT } from '../helpers/fixtures.js';
import { formatInputs } from '../helpers/report.js';

describe('NDJSON report', () => {
  const { pack } = loadPacks([]);
  const { text, results } = formatInputs(ndjsonFormatter(), pack!, [join(UNIT, 'malformed.jsonl'), join(ROOT, 'fixtures/calls/call-007.txt')]);
  const lines = text.split('\n').slice(0, -1);

  it('ends with a newline and every line is one JSON object', () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(lines.every((l) => l.startsWith('{') && l.endsWith('}'))).toBe(true);
  });

  const records = lines.map((l) => JSON.parse(l));

  it('starts with a header line and ends with a summary line', () => {
    expect(records[0]).toMatchObject({ type: 'header', schemaVersion: SCHEMA_VERSION, pack: pack!.info });
    expect(records.at(-1)).toMatchObject({ type: 'summary', counts: { inputs: 5, scored: 4, errors: 1 } });
    expect(records.filter((r) => r.type === 'header')).toHaveLength(1);
    expect(records.filter((r) => r.type === 'summary')).toHaveLength(1);
  });

  it('has one call line per call, in input order, and the error where it occurred', () => {
    expect(records.map((r) => (r.type === 'call' ? r.id : r.type))).toEqual(['header', 'call-002', 'error', 'call-003', 'call-004', 'call-007', 'summary']);
    const callLines = records.filter((r) => r.type === 'call');
    expect(callLines.map((r) => r.score)).toEqual(results.map((r) => r.score));
    expect(records[2]).toMatchObject({ type: 'error', line: 2 });
  });
});
