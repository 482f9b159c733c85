import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdapterOptions } from '../../src/adapters/adapter.js';
import { csvAdapter } from '../../src/adapters/csv-utterances.js';
import { readCalls } from '../../src/io/read-calls.js';
import { decodeSource, readSourceBytes } from '../../src/io/read-source.js';
import { planCsvStream, streamCsv } from '../../src/io/stream-csv.js';
import type { AdapterItem } from '../../src/model/raw-call.js';
import { ROOT, tempTree } from '../helpers/fixtures.js';

const DIR = join(ROOT, 'fixtures', 'csv-stream');
const FIXTURES = [
  ...readdirSync(DIR)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(DIR, f)),
  ...['bad/ragged.csv', 'bad/unbalanced-quote.csv', 'bad/crlf.csv', 'calls/calls.csv'].map((f) => join(ROOT, 'fixtures', f)),
];
/** Chunks small enough that quoted newlines, CRLFs, multi-byte characters and the BOM all straddle a boundary. */
const CHUNKS = [1, 2, 3, 5, 8, 13, 64, 4096];

const whole = (path: string, options: AdapterOptions = {}) => [...csvAdapter.read(readSourceBytes(path).text, path, options)];

function streamed(path: string, chunk: number, options: AdapterOptions = {}): AdapterItem[] {
  const plan = planCsvStream(path, true, chunk);
  if (!plan) throw new Error(`${path}: not streamable`);
  return [...streamCsv(path, path, plan, options, chunk)];
}

const summary = (items: AdapterItem[]) => items.map((i) => (i.kind === 'error' ? `error@${i.error.line}` : `${i.call.id}#${i.call.source.record}@${i.call.source.line}:${i.call.turns.length}`));

const tree = tempTree({});
afterAll(tree.remove);

describe('streaming CSV: the same items as the whole-file adapter', () => {
  it.each(FIXTURES.map((f) => [f.slice(ROOT.length)]))('%s, at every chunk size', (rel) => {
    const path = join(ROOT, rel);
    const expected = whole(path);
    expect(expected.length).toBeGreaterThan(0);
    for (const chunk of CHUNKS) expect(streamed(path, chunk), `chunk ${chunk}`).toEqual(expected);
  });

  it('keeps each call whole when its rows are spread through the file, in order of first appearance', () => {
    const items = streamed(join(DIR, 'interleaved.csv'), 7);
    expect(summary(items)).toEqual(['c1#0@2:4', 'c2#1@3:3', 'c3#2@5:2', 'c4#3@8:2', 'undefined#4@11:2']);
    const c1 = items[0]!.kind === 'call' ? items[0]!.call : undefined;
    // the first non-empty value of each other column; times in ms from the _ms column names
    expect(c1?.meta).toEqual({ agent: 'Ann', team: 'Billing' });
    expect(c1?.turns.map((t) => [t.speaker, t.start, t.timeScale])).toEqual([
      ['agent', '0', 1],
      ['customer', '2600', 1],
      ['agent', '5300', 1],
      ['customer', '9100', 1],
    ]);
  });

  it('reports rows that cannot be read at their lines, parse errors first, and reads on', () => {
    // line 6's quote is closed by the one that opens line 8 (quotes are relaxed), so rows 6-8 are one row;
    // the quote opened on line 9 is never closed: reading goes on at line 10, a row too short
    expect(summary(streamed(join(DIR, 'bad-rows.csv'), 4))).toEqual(['error@9', 'error@3', 'error@10', 'b1#0@2:2', 'b2#1@5:2', 'b3#2@11:1']);
    expect(summary(streamed(join(DIR, 'extra-cells.csv'), 4))).toEqual(['error@4', 'error@6', 'x1#0@2:2', 'x2#1@5:1']);
    expect(summary(streamed(join(DIR, 'no-text-column.csv'), 4))).toEqual(['error@2', 'error@1']);
    expect(summary(streamed(join(DIR, 'unclosed-first.csv'), 4))).toEqual(['error@1']);
  });

  it('keeps newlines and quotes inside quoted fields, and the line where each row starts counts them', () => {
    const items = streamed(join(DIR, 'multiline.csv'), 3);
    expect(summary(items)).toEqual(['m1#0@3:2', 'm2#1@8:3']);
    const [m1, m2] = items.map((i) => (i.kind === 'call' ? i.call : undefined));
    expect(m1?.turns.map((t) => t.text)).toEqual(['Hello,\nhow can I help?', 'My card "ending 1234"\nwas charged\ntwice.']);
    expect(m1?.meta).toEqual({ notes: 'first, second' });
    expect(m2?.turns.map((t) => t.text)).toEqual(['Line one\nLine two', 'He said "hi", then "bye"', 'Text with, commas and "quotes" and\na last line']);
  });

  it('drops the BOM and reads CRLF, a CR inside quotes and blank lines', () => {
    const bom = streamed(join(DIR, 'bom.csv'), 1);
    expect(bom.map((i) => i.kind === 'call' && [i.call.id, i.call.turns.map((t) => t.text)])).toEqual([['bom1', ['Café “quoted”', 'Naïve,\r\nyes']]]);
    const crlf = streamed(join(DIR, 'crlf.csv'), 2);
    expect(crlf.map((i) => i.kind === 'call' && [i.call.id, i.call.turns.map((t) => t.text)])).toEqual([
      ['r1', ['Hello, how can I help?', 'My bill,\r\nit is wrong.', 'Sorry about that']],
      ['r2', ['Hi', 'one\rtwo']],
    ]);
  });

  it('passes --csv-columns on', () => {
    const path = join(DIR, 'no-text-column.csv');
    const options = { csvColumns: { text: 'words' } };
    expect(streamed(path, 5, options)).toEqual(whole(path, options));
    expect(summary(streamed(path, 5, options))).toEqual(['error@2', 'error@3', 'n1#0@4:1']);
  });
});

describe('streaming CSV: encodings as readSourceBytes decodes them', () => {
  const text = readFileSync(join(DIR, 'interleaved.csv'), 'utf8').replace('Hello', 'Héllo “there”');
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const files: Record<string, Buffer> = {
    'utf16le-bom.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'utf16be-bom.csv': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
    'utf16le-no-bom.csv': Buffer.from(text, 'utf16le'),
    'damaged-utf8.csv': Buffer.concat([Buffer.from(text.slice(0, 120)), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(120))]),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(tree.dir, name), bytes);

  it.each(Object.keys(files))('%s: same items and the same note', (name) => {
    const path = join(tree.dir, name);
    const decoded = decodeSource(readFileSync(path));
    for (const chunk of [1, 3, 4096]) {
      const plan = planCsvStream(path, false, chunk);
      expect(plan?.encoding).toBe(decoded.encoding);
      expect(plan?.note).toEqual(decoded.note ? { ...(decoded.invalidLine ? { line: decoded.invalidLine } : {}), message: decoded.note } : undefined);
      expect(streamed(path, chunk)).toEqual(whole(path));
    }
    expect(summary(streamed(path, 5))).toEqual(['c1#0@2:4', 'c2#1@3:3', 'c3#2@5:2', 'c4#3@8:2', 'undefined#4@11:2']);
  });

  it('leaves to the whole-file reader what it cannot stream as that reader would read it', () => {
    const cases: Record<string, Buffer> = {
      'cp1252.csv': Buffer.from('call_id,speaker,text\nw1,agent,caf\xe9 \x92ok\x92\n', 'latin1'),
      'binary.csv': Buffer.from('call_id,speaker,text\n\u0000\u0001\u0002'),
      'blank.csv': Buffer.from('  \n\n   \n'),
      'json.csv': Buffer.from('[{"id": "j1", "turns": []}]'),
      'vtt.csv': Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\n<v Agent>Hello, there\n'),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const path = join(tree.dir, name);
      writeFileSync(path, bytes);
      expect(planCsvStream(path, false), name).toBeUndefined();
    }
    // told it is CSV, content that looks like another format is streamed as CSV, as the whole-file reader would read it
    expect(planCsvStream(join(tree.dir, 'vtt.csv'), true)).toEqual({ encoding: 'utf-8', skip: 0 });
  });
});

describe('readCalls streams large CSV files', () => {
  /** Over the 4 MB threshold: rows of three calls interleaved, others contiguous, a short row, and a quote never closed (no other quote follows). */
  function bigCsv(): string {
    const rows = ['call_id,agent,speaker,start,end,text'];
    for (let c = 0; c < 3000; c++) {
      for (let t = 0; t < 12; t++) {
        const id = c % 500 < 3 ? `spread-${c % 3}` : `call-${c}`;
        rows.push(`${id},agent ${c % 7},${t % 2 ? 'customer' : 'agent'},${t * 5},${t * 5 + 4},Turn ${t} sorry my system is slow ${'x'.repeat(60)}`);
      }
      if (c === 1500) rows.push('call-1500,agent 2,agent,99,100');
    }
    rows.splice(20000, 0, 'call-x,agent,agent,0,1,"never closed');
    return `\ufeff${rows.join('\r\n')}\r\n`;
  }

  it('with the same calls and errors, in the same order, as reading the file whole', () => {
    const big = tempTree({ 'big.csv': bigCsv() });
    writeFileSync(join(big.dir, 'big.txt'), readFileSync(join(big.dir, 'big.csv')));
    expect(statSync(join(big.dir, 'big.csv')).size).toBeGreaterThan(4 << 20);
    const strip = (items: unknown[]) => JSON.stringify(items).replaceAll(/big\.(csv|txt)/g, 'F');
    const streamedItems = [...readCalls([join(big.dir, 'big.csv')])];
    const wholeItems = [...readCalls([join(big.dir, 'big.txt')], { inputFormat: 'csv' })];
    expect(streamedItems.filter((i) => i.kind === 'error').map((i) => i.kind === 'error' && i.error.line)).toEqual([20001, 18014]);
    expect(streamedItems.filter((i) => i.kind === 'call')).toHaveLength(wholeItems.filter((i) => i.kind === 'call').length);
    expect(strip(streamedItems)).toBe(strip(wholeItems));
    big.remove();
  });
});
