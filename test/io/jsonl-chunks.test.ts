import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkLines, jsonlChunks, type JsonlLine } from '../../src/io/jsonl-chunks.js';
import { tempTree } from '../helpers/fixtures.js';

/** What the reader did before chunks: decode the whole file as one stream, split, trim, number. */
function reference(bytes: Uint8Array): JsonlLine[] {
  const text = new TextDecoder('utf-8').decode(bytes);
  const raws = text.split('\n');
  if (raws.at(-1) === '') raws.pop();
  const lines: JsonlLine[] = [];
  let record = 0;
  raws.forEach((raw, i) => {
    const t = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).trim();
    if (t !== '') lines.push({ text: t, line: i + 1, record: record++ });
  });
  return lines;
}

// pieces whose bytes are easy to get wrong at a chunk edge: line breaks, Unicode spaces, BOMs, bad UTF-8
const PIECES: (string | number[])[] = ['{"id":"a"}', 'x', ' ', '\t', '\n', '\r\n', '\r', '\u00a0', '\u2028', '\ufeff', 'é', '😀', [0xff], [0xc3], [0xe2, 0x82], [0xef, 0xbb, 0xbf]];
const bytesOf = (parts: (string | number[])[]) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))));

const tree = tempTree();
afterAll(tree.remove);
let n = 0;

describe('JSONL chunks', () => {
  it('number and decode every line as one streaming decode of the whole file does, whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), fc.integer({ min: 1, max: 24 }), (parts, size) => {
        const bytes = bytesOf(parts);
        const file = join(tree.dir, `f${n++}.jsonl`);
        writeFileSync(file, bytes);
        const chunks = [...jsonlChunks(file, size)];
        const lines = chunks.flatMap((c) => chunkLines(c));
        expect(lines).toEqual(reference(bytes));
        // the reader's counts (from bytes) agree with the lines decoded
        for (const c of chunks) expect(chunkLines(c).length).toBe(c.records);
        chunks.forEach((c, i) => {
          if (i > 0) expect(c.record).toBe(chunks[i - 1]!.record + chunks[i - 1]!.records);
          expect(c.bytes.length).toBeGreaterThan(0);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('cut only at line breaks, and give a line longer than a chunk whole', () => {
    const long = `{"id":"${'x'.repeat(100)}"}`;
    const file = join(tree.dir, 'long.jsonl');
    writeFileSync(file, `\ufeff{"id":"a"}\n${long}\n\n{"id":"b"}`);
    const chunks = [...jsonlChunks(file, 16)];
    expect(chunks.map((c) => Buffer.from(c.bytes).toString())).toEqual(['{"id":"a"}\n', `${long}\n\n`, '{"id":"b"}']);
    expect(chunks.map((c) => [c.line, c.record, c.records])).toEqual([
      [0, 0, 1],
      [1, 1, 1],
      [3, 2, 1],
    ]);
  });
});
