import { describe, expect, it } from 'vitest';
import { SeenIds } from '../../src/scoring/seen-ids.js';

describe('SeenIds', () => {
  it('knows no id the first time, and gives back exactly where it was first read after that', () => {
    const seen = new SeenIds();
    expect(seen.firstSeen('call-1', { file: 'a.jsonl', record: 0, line: 1 })).toBeUndefined();
    expect(seen.firstSeen('call-2', { file: 'b.csv', record: 7 })).toBeUndefined();
    expect(seen.firstSeen('call-1', { file: 'c.jsonl', record: 9, line: 12 })).toEqual({ file: 'a.jsonl', record: 0, line: 1 });
    expect(seen.firstSeen('call-2', { file: 'a.jsonl', record: 3, line: 4 })).toEqual({ file: 'b.csv', record: 7 });
    expect(seen.firstSeen('call-1', { file: 'd.jsonl', record: 1, line: 2 })).toEqual({ file: 'a.jsonl', record: 0, line: 1 });
  });

  it('tells 200,000 similar ids apart while its table grows, and finds every one again', () => {
    const seen = new SeenIds();
    const id = (i: number) => `bench-${String(i).padStart(7, '0')}`;
    for (let i = 0; i < 200_000; i++) expect(seen.firstSeen(id(i), { file: `f${i % 3}`, record: i, line: i + 1 })).toBeUndefined();
    for (let i = 0; i < 200_000; i += 997) expect(seen.firstSeen(id(i), { file: 'x', record: 0 })).toEqual({ file: `f${i % 3}`, record: i, line: i + 1 });
    expect(seen.firstSeen('', { file: 'x', record: 0 })).toBeUndefined();
    expect(seen.firstSeen('', { file: 'y', record: 1 })).toEqual({ file: 'x', record: 0 });
  });
});
