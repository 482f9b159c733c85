import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCalls } from '../../src/io/read-calls.js';
import { streamJsonl } from '../../src/io/stream-jsonl.js';
import { tempTree } from '../helpers/fixtures.js';

/** Enough lines to pass the 4 MB streaming threshold, with a bad line and a blank one in the middle. */
function bigJsonl(): string {
  const lines: string[] = [];
  for (let i = 0; i < 9000; i++) {
    lines.push(JSON.stringify({ id: `c${i}`, meta: { agent: `a${i % 7}` }, turns: [{ speaker: 'agent', text: `Sorry, my system is slow today ${'x'.repeat(400)}`, start: 0, end: 3 }] }));
    if (i === 4500) lines.push('{"id": "broken", "turns": [', '');
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

describe('streaming JSONL', () => {
  const tree = tempTree({ 'big.jsonl': bigJsonl() });
  const file = join(tree.dir, 'big.jsonl');
  copyFileSync(file, join(tree.dir, 'big.json'));

  it('reads a large file a chunk at a time with the same calls and errors as the whole-file reader', () => {
    const streamed = [...readCalls([file])];
    const whole = [...readCalls([join(tree.dir, 'big.json')], { inputFormat: 'cxlint-json' })];
    // same calls; the error at the same place (its wording says "line" where the whole-file reader says "file")
    const strip = (items: typeof streamed) =>
      JSON.stringify(items.map((i) => (i.kind === 'call' ? i : { line: i.error.line, record: i.error.record })))
        .replaceAll('big.jsonl', 'F')
        .replaceAll('big.json', 'F');
    expect(streamed.filter((i) => i.kind === 'call')).toHaveLength(9000);
    expect(streamed.filter((i) => i.kind === 'error').map((i) => i.kind === 'error' && i.error.line)).toEqual([4502]);
    expect(strip(streamed)).toBe(strip(whole));
    tree.remove();
  });

  it('positions every line, drops the BOM and CRs', () => {
    const small = tempTree({ 's.jsonl': '\ufeff{"id":"a","turns":[]}\r\n\r\nnot json\r\n{"id":"b","turns":[]}' });
    const items = [...streamJsonl(join(small.dir, 's.jsonl'), 's.jsonl')];
    expect(items.map((i) => (i.kind === 'call' ? `call ${i.call.id}@${i.call.source.line}` : `error@${i.error.line}`))).toEqual(['call a@1', 'error@3', 'call b@4']);
    small.remove();
  });
});
