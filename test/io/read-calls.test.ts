import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/io/expand-inputs.js';
import { readCalls, type InputItem } from '../../src/io/read-calls.js';
import { decodeBytes, looksBinary } from '../../src/io/read-source.js';
import { ROOT, tempTree } from '../helpers/fixtures.js';

const line = (o: unknown) => JSON.stringify(o);
const call = (id: string, text = 'Hello.') => line({ id, turns: [{ speaker: 'agent', text }] });
const all = (inputs: string[], options = {}): InputItem[] => [...readCalls(inputs, options)];
const ids = (items: InputItem[]) => items.flatMap((i) => (i.kind === 'call' ? [i.call.id] : []));
const errors = (items: InputItem[]) => items.flatMap((i) => (i.kind === 'error' ? [i.error] : []));

const tree = tempTree({
  'a/z.jsonl': `${call('z1')}\n${call('z2')}\n`,
  'a/b/y.txt': '# id: y\nAgent: Hello.\n',
  'a/b/c/x.csv': 'call_id,speaker,text\nx,agent,Hello.\n',
  'a/EXPECTED.md': '# not a call\nAgent: looks like one\n',
  'a/notes.log': 'Agent: taken only when named\n',
  'a/.hidden/h.jsonl': call('hidden'),
  'a/m.jsonl': call('m'),
  'empty-dir/readme.md': 'nothing',
  'blank.jsonl': '  \n\n',
  'zero.txt': '',
  'binary.txt': new Uint8Array([0x41, 0x3a, 0x20, 0x00, 0x01, 0x02, 0x00]),
  'bom8.jsonl': new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(`${call('bom8')}\n`)]),
  'bom16le.txt': new Uint8Array([0xff, 0xfe, ...Buffer.from('# id: bom16\nAgent: Héllo — it’s me.\n', 'utf16le')]),
  'bom16be.txt': new Uint8Array([0xfe, 0xff, ...Buffer.from('# id: bom16be\nAgent: Hi.\n', 'utf16le').swap16()]),
  'mixed.jsonl': [call('ok1'), '{"id": nope', call('ok2'), line({ id: 'no-turns' })].join('\n'),
  'unknown.dat': 'just some words',
});
afterAll(tree.remove);
const at = (rel: string) => resolve(tree.dir, rel);

describe('expandInputs', () => {
  it('walks folders recursively in name order, skipping hidden entries and non-transcript files', () => {
    const { files, errors: errs } = expandInputs([at('a')], ['.jsonl', '.txt', '.csv']);
    expect(errs).toEqual([]);
    expect(files.map((f) => f.slice(tree.dir.length + 1))).toEqual(['a/b/c/x.csv', 'a/b/y.txt', 'a/m.jsonl', 'a/z.jsonl']);
  });

  it('takes a file named explicitly whatever its extension', () => {
    expect(expandInputs([at('a/notes.log')], ['.txt']).files).toEqual([at('a/notes.log')]);
  });

  it('reports a folder without transcripts, a missing file and a glob that matches nothing', () => {
    const { files, errors: errs } = expandInputs([at('empty-dir'), at('missing.jsonl'), `${tree.dir}/nothing-*.jsonl`], ['.jsonl']);
    expect(files).toEqual([]);
    expect(errs.map((e) => e.file)).toEqual([at('empty-dir'), at('missing.jsonl'), `${tree.dir}/nothing-*.jsonl`]);
  });

  it('expands globs in sorted order', () => {
    const { files } = expandInputs([`${tree.dir}/a/*.jsonl`], ['.jsonl']);
    expect(files.map((f) => resolve(f))).toEqual([at('a/m.jsonl'), at('a/z.jsonl')]);
  });

  it('keeps "-" for stdin', () => {
    expect(expandInputs(['-'], ['.txt']).files).toEqual(['-']);
  });
});

describe('readCalls', () => {
  it('reads the demo folder: 14 calls, EXPECTED.md skipped, in file order', () => {
    const items = all([resolve(ROOT, 'fixtures/calls')]);
    expect(errors(items)).toEqual([]);
    expect(ids(items)).toEqual([
      'call-007', 'call-008', 'call-009', 'call-010',
      'call-011', 'call-012', 'call-013', 'call-014',
      'call-001', 'call-002', 'call-003', 'call-004', 'call-005', 'call-006',
    ]);
  });

  it('reads every format of a nested folder', () => {
    expect(ids(all([at('a')]))).toEqual(['x', 'y', 'm', 'z1', 'z2']);
  });

  it('reports a glob that matches nothing', () => {
    const items = all([`${tree.dir}/none-*.txt`]);
    expect(ids(items)).toEqual([]);
    expect(errors(items).map((e) => e.file)).toEqual([`${tree.dir}/none-*.txt`]);
  });

  it('reports a missing file', () => {
    expect(errors(all([at('nope.jsonl')])).map((e) => e.file)).toEqual([at('nope.jsonl')]);
  });

  it('reports a binary file', () => {
    const items = all([at('binary.txt')]);
    expect(items).toEqual([{ kind: 'error', error: expect.objectContaining({ file: at('binary.txt') }) }]);
  });

  it('reports an empty or blank file', () => {
    for (const name of ['zero.txt', 'blank.jsonl']) {
      const items = all([at(name)]);
      expect(items).toEqual([{ kind: 'error', error: expect.objectContaining({ file: at(name) }) }]);
    }
  });

  it('reports a file whose format is not recognised', () => {
    expect(errors(all([at('unknown.dat')])).map((e) => e.file)).toEqual([at('unknown.dat')]);
  });

  it('decodes a UTF-8 BOM', () => {
    const items = all([at('bom8.jsonl')]);
    expect(ids(items)).toEqual(['bom8']);
  });

  it('decodes UTF-16 LE and BE by their BOM', () => {
    const items = all([at('bom16le.txt'), at('bom16be.txt')]);
    expect(errors(items)).toEqual([]);
    const calls = items.flatMap((i) => (i.kind === 'call' ? [i.call] : []));
    expect(calls.map((c) => c.id)).toEqual(['bom16', 'bom16be']);
    expect(calls[0]!.turns[0]!.text).toBe('Héllo — it’s me.');
  });

  it('forces a format with inputFormat', () => {
    const items = all([at('a/notes.log')], { inputFormat: 'text' });
    expect(ids(items)).toEqual(['notes']);
  });

  it('accounts for every record: each one is a call or an error, in input order', () => {
    const items = all([at('mixed.jsonl'), at('missing.txt'), at('a/b/y.txt')]);
    // expansion errors come first, then each file's records in order
    expect(items.map((i) => (i.kind === 'call' ? i.call.id : `error:${i.error.line ?? i.error.file}`))).toEqual([
      `error:${at('missing.txt')}`,
      'ok1',
      'error:2',
      'ok2',
      'error:4',
      'y',
    ]);
  });
});

describe('decodeBytes', () => {
  it('strips a UTF-8 BOM', () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toBe('hi');
  });

  it('decodes UTF-16 LE and BE', () => {
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]))).toBe('hi');
    expect(decodeBytes(new Uint8Array([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69]))).toBe('hi');
  });

  it('reads bytes that are not UTF-8 as Windows-1252, and damaged UTF-8 with U+FFFD, instead of failing', () => {
    expect(decodeBytes(new Uint8Array([0x68, 0xff, 0x69]))).toBe('hÿi');
    expect(decodeBytes(new Uint8Array([0xc3, 0xa9, 0x68, 0xff, 0x69]))).toBe('éh\uFFFDi');
  });

  it('looksBinary spots NUL bytes', () => {
    expect(looksBinary('a\u0000b')).toBe(true);
    expect(looksBinary('plain text')).toBe(false);
  });
});
