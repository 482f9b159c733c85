import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPack } from '../../src/engine/run-pack.js';
import { loadPacks } from '../../src/io/load-packs.js';
import { readCalls, type InputItem } from '../../src/io/read-calls.js';
import type { Call } from '../../src/model/call.js';
import type { InputError } from '../../src/model/raw-call.js';
import { MAX_SENTENCE_WORDS, tokenize } from '../../src/nlp/tokenize.js';
import { callNotes, duplicateIds, skipReason } from '../../src/scoring/triage-call.js';
import { ROOT, runCli, tempTree } from '../helpers/fixtures.js';

/**
 * The bad-input corpus (fixtures/bad, see its README): every case is read without an exception,
 * ends as calls, skipped records or errors that say where and what was expected, and never stops the
 * rest of the batch.
 */
const BAD = join(ROOT, 'fixtures', 'bad');
const ESC = '\u001b';

function read(inputs: string[]) {
  const notes: InputError[] = [];
  const items: InputItem[] = [...readCalls(inputs, { onNote: (n) => notes.push(n) })];
  const calls = items.flatMap((i) => (i.kind === 'call' ? [i.call] : []));
  const errors = items.flatMap((i) => (i.kind === 'error' ? [i.error] : []));
  return { items, calls, errors, notes };
}
const bad = (...names: string[]) => read(names.map((n) => join(BAD, n)));
const texts = (call: Call | undefined) => call?.turns.map((t) => t.text);

describe('fixtures/bad', () => {
  it('holds exactly the bytes make.js writes', () => {
    const r = spawnSync(process.execPath, [join(BAD, 'make.js'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('empty files', () => {
  it.each(['empty.jsonl', 'whitespace-only.txt'])('%s is one error naming the file', (name) => {
    const { items } = bad(name);
    expect(items).toEqual([{ kind: 'error', error: { file: join(BAD, name), message: 'empty file: no calls' } }]);
  });
});

describe('encodings', () => {
  it('a UTF-8 BOM is dropped', () => {
    const { calls, errors, notes } = bad('bom-utf8.jsonl');
    expect(errors).toEqual([]);
    expect(notes).toEqual([]);
    expect(calls.map((c) => c.id)).toEqual(['bom-utf8']);
    expect(texts(calls[0])![0]).toBe('Héllo — with a UTF-8 BOM.');
  });

  it.each(['bom-utf16le.txt', 'bom-utf16be.txt'])('%s is decoded by its BOM', (name) => {
    const { calls, errors, notes } = bad(name);
    expect(errors).toEqual([]);
    expect(notes).toEqual([]);
    expect(calls.map((c) => c.id)).toEqual([name.replace('.txt', '')]);
    expect(texts(calls[0])).toEqual(["Hello, you're through to Northwind, how can I help?", 'My bill is wrong.']);
  });

  it('UTF-16 without a BOM is recognised by its NUL bytes, with a note', () => {
    const { calls, errors, notes } = bad('utf16le-no-bom.txt');
    expect(errors).toEqual([]);
    expect(calls.map((c) => c.id)).toEqual(['utf16le-no-bom']);
    expect(notes).toEqual([{ file: join(BAD, 'utf16le-no-bom.txt'), message: expect.stringContaining('UTF-16LE') }]);
  });

  it('Windows-1252 text (not valid UTF-8, no UTF-8 sequence in it) is read as Windows-1252, with a note', () => {
    const { calls, errors, notes } = bad('windows-1252.txt');
    expect(errors).toEqual([]);
    expect(texts(calls[0])![0]).toBe('Welcome to the café line, it’s Ana.');
    expect(notes).toEqual([{ file: join(BAD, 'windows-1252.txt'), message: expect.stringContaining('Windows-1252') }]);
  });

  it('UTF-8 with a damaged byte keeps its UTF-8, marks the byte U+FFFD and notes the line', () => {
    const { calls, errors, notes } = bad('invalid-utf8.jsonl');
    expect(errors).toEqual([]);
    expect(calls.map((c) => c.id)).toEqual(['invalid-utf8-1', 'invalid-utf8-2']);
    expect(texts(calls[0])![0]).toBe('Café is open.');
    expect(texts(calls[1])![0]).toBe('bad \uFFFD byte');
    expect(notes).toEqual([{ file: join(BAD, 'invalid-utf8.jsonl'), line: 2, message: expect.stringContaining('invalid UTF-8') }]);
  });

  it('NUL bytes make a binary file: one error at the line of the first NUL', () => {
    const { items } = bad('binary.jsonl');
    expect(items).toEqual([{ kind: 'error', error: { file: join(BAD, 'binary.jsonl'), line: 3, message: expect.stringContaining('binary content') } }]);
  });
});

describe('line ends', () => {
  it('CRLF leaves no carriage return in the text', () => {
    const { calls, errors } = bad('crlf.txt', 'crlf.csv');
    expect(errors).toEqual([]);
    expect(calls.map((c) => c.id)).toEqual(['crlf', 'crlf-csv']);
    expect(texts(calls[0])).toEqual(["Hello, you're through to Northwind, how can I help?", 'My bill is wrong.']);
    expect(texts(calls[1])![0]).toBe('Hello, how can I help?');
  });

  it('a lone CR (old Mac line ends) still ends a line', () => {
    const { calls, errors } = bad('lone-cr.txt');
    expect(errors).toEqual([]);
    expect(calls.map((c) => [c.id, c.turns.length])).toEqual([['lone-cr', 2]]);
  });
});

describe('JSON', () => {
  it('a truncated array: the calls before the break, then one error where it breaks', () => {
    const { calls, errors } = bad('truncated.json');
    expect(calls.map((c) => [c.id, c.source.line])).toEqual([
      ['truncated-1', 2],
      ['truncated-2', 3],
    ]);
    expect(errors).toEqual([{ file: join(BAD, 'truncated.json'), record: 2, line: 4, message: expect.stringContaining('the file ends early') }]);
  });

  it('deeply nested JSON is an error, not a stack overflow', () => {
    const { items } = bad('deeply-nested.json');
    expect(items).toEqual([{ kind: 'error', error: { file: join(BAD, 'deeply-nested.json'), message: expect.stringContaining('unrecognised JSON') } }]);
    const deep = `${'['.repeat(20000)}`;
    const t = tempTree({ 'deep.jsonl': `{"id": "a", "turns": [{"speaker": "agent", "text": "Hi."}]}\n{"id": "b", "turns": ${deep}\n{"id": "c", "turns": []}\n` });
    try {
      const r = read([join(t.dir, 'deep.jsonl')]);
      expect(r.calls.map((c) => c.id)).toEqual(['a', 'c']);
      expect(r.errors).toEqual([expect.objectContaining({ line: 2, record: 1, message: expect.stringMatching(/^invalid JSON at column \d+: expected less deeply nested data/) })]);
    } finally {
      t.remove();
    }
  });

  it('a pretty-printed object in a .jsonl is read as one record at the line where it starts', () => {
    const { calls, errors } = bad('pretty-printed.jsonl');
    expect(errors).toEqual([]);
    expect(calls.map((c) => [c.id, c.source.record, c.source.line])).toEqual([
      ['compact-1', 0, 1],
      ['pretty', 1, 2],
      ['compact-2', 2, 9],
    ]);
  });

  it('a pretty-printed object cut short in a .jsonl is one error, and the records before it are read', () => {
    const text = `${JSON.stringify({ id: 'ok', turns: [] })}\n{\n  "id": "cut",\n  "turns": [\n    {"speaker": "agent", "text": "Hel`;
    const t = tempTree({ 'cut.jsonl': text });
    try {
      const r = read([join(t.dir, 'cut.jsonl')]);
      expect(r.calls.map((c) => c.id)).toEqual(['ok']);
      expect(r.errors).toEqual([{ file: join(t.dir, 'cut.jsonl'), record: 1, line: 5, message: expect.stringMatching(/ends early.*starts at line 2/) }]);
    } finally {
      t.remove();
    }
  });

  it('a JSONL syntax error says where and what was expected, without quoting the line (which may hold private data)', () => {
    const t = tempTree({ 'x.jsonl': '{"id": "c1", "card": 4111 1111 1111 1111, "turns": []}\n' });
    try {
      const [error] = read([join(t.dir, 'x.jsonl')]).errors;
      expect(error).toEqual({ file: join(t.dir, 'x.jsonl'), record: 0, line: 1, message: "invalid JSON at column 27: expected ',' or '}'" });
    } finally {
      t.remove();
    }
  });
});

describe('CSV', () => {
  it('ragged rows: a short row is an error at its line; a long row whose extra cells are the rest of an unquoted text is joined back', () => {
    const { calls, errors } = bad('ragged.csv');
    expect(errors).toEqual([{ file: join(BAD, 'ragged.csv'), line: 3, message: 'CSV: expected 3 columns, found 2' }]);
    expect(texts(calls[0])).toEqual(['Hello there', 'Hi, how can I help today', 'My bill is wrong']);
  });

  it('a long row that cannot be joined back (text not the last column) is an error', () => {
    const t = tempTree({ 'x.csv': 'call_id,text,speaker\nc,Hello,agent\nc,Hi, there,customer\n' });
    try {
      const r = read([join(t.dir, 'x.csv')]);
      expect(r.errors).toEqual([{ file: join(t.dir, 'x.csv'), line: 3, message: expect.stringContaining('expected 3 columns, found 4') }]);
      expect(texts(r.calls[0])).toEqual(['Hello']);
    } finally {
      t.remove();
    }
  });

  it('a quote never closed is one error at the line it opens; the rows after it are still read; quotes inside unquoted text are text', () => {
    const { calls, errors } = bad('unbalanced-quote.csv');
    expect(errors).toEqual([{ file: join(BAD, 'unbalanced-quote.csv'), line: 4, message: expect.stringContaining('never closed') }]);
    expect(texts(calls[0])).toEqual(['Hello there', 'She said "hi" to me', 'Thanks', 'Bye']);
  });
});

describe('records that are read but odd', () => {
  it('duplicate call ids: both are read; the later one gets a note naming the first', () => {
    const { calls } = bad('duplicate-ids.jsonl');
    expect(calls.map((c) => c.id)).toEqual(['dup', 'dup']);
    const duplicates = duplicateIds();
    expect(duplicates.check(calls[0]!)).toBeUndefined();
    expect(duplicates.check(calls[1]!)).toContain(`first read at ${join(BAD, 'duplicate-ids.jsonl')}:1 (record 0)`);
  });

  it('no turns, or turns with neither words nor times, are skipped with a reason', () => {
    const { calls, errors } = bad('no-turns.jsonl', 'header-only.txt');
    expect(errors).toEqual([]);
    expect(calls.map((c) => [c.id, skipReason(c)])).toEqual([
      ['no-turns', 'no turns: nothing to score'],
      ['blank-turns', 'every turn is empty and untimed: nothing to score'],
      ['has-turns', undefined],
      ['header-only', 'no turns: nothing to score'],
    ]);
  });

  it('one speaker only is scored, with a note', () => {
    const { calls } = bad('one-speaker.jsonl');
    expect(calls.map((c) => [c.id, skipReason(c), callNotes(c)])).toEqual([
      ['agent-only', undefined, ['one speaker only (agent): rules about the other side cannot fire']],
      ['customer-only', undefined, ['one speaker only (customer): rules about the other side cannot fire']],
    ]);
  });

  it('negative, NaN and non-numeric times are errors at their record; numeric strings are times; disorder is a note', () => {
    const { calls, errors } = bad('bad-times.jsonl');
    const file = join(BAD, 'bad-times.jsonl');
    expect(errors).toEqual([
      { file, record: 0, line: 1, message: expect.stringMatching(/^turn 0: start time negative: -5/) },
      { file, record: 1, line: 2, message: 'turn 0: start time not a number: "NaN"' },
      { file, record: 2, line: 3, message: 'turn 0: end time not a number: "soon"' },
    ]);
    expect(calls.map((c) => c.id)).toEqual(['numeric-string', 'out-of-order', 'ends-before-start']);
    expect(calls[0]!.turns.map((t) => [t.startMs, t.endMs])).toEqual([
      [0, 1500],
      [2000, 3000],
    ]);
    expect(callNotes(calls[0]!)).toEqual([]);
    expect(callNotes(calls[1]!)).toEqual([expect.stringMatching(/^turn 1 starts before turn 0/)]);
    expect(callNotes(calls[2]!)).toEqual([expect.stringMatching(/^turn 0 ends before it starts/)]);
  });
});

describe('huge and hostile text', () => {
  const pack = loadPacks().pack!;
  const longCall = (text: string): Call => ({ id: 'long', source: { file: 'long', record: 0 }, meta: {}, turns: [{ index: 0, speaker: 'agent', text }, { index: 1, speaker: 'customer', text: 'ok' }] });

  // No wall-clock assertion: the suite's timeout (vitest.config.ts) is the bound. Each of these
  // took minutes or worse before the tokenizer, sentence cap and phrase budget were checked.
  it.each([
    ['1 MB without spaces', 'a'.repeat(1 << 20)],
    ['1 MB of capitals', 'A'.repeat(1 << 20)],
    ['1 MB of digits', '4'.repeat(1 << 20)],
    ['1 MB of spaced digits', '4 '.repeat(1 << 19)],
    ['1 MB of spaces', ' '.repeat(1 << 20)],
    ['1 MB of one phrase without punctuation, cancelled only at the end', `${'sorry my system is slow '.repeat(40000)}sorry to hear`],
  ])('%s: scored by the default pack', (_, text) => {
    const run = runPack(pack, longCall(text));
    expect(run.ruleErrors).toEqual([]);
  });

  it('cuts unpunctuated speech into sentences of at most MAX_SENTENCE_WORDS words', () => {
    const tokens = tokenize('word '.repeat(1000));
    const sizes = new Map<number, number>();
    for (const t of tokens) sizes.set(t.sentence, (sizes.get(t.sentence) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBe(MAX_SENTENCE_WORDS);
    expect(tokens).toHaveLength(1000);
  });

  it('a 1 MB utterance without spaces goes through the CLI', () => {
    const t = tempTree({ 'long.jsonl': `${JSON.stringify(longCall('x'.repeat(1 << 20)))}\n` });
    try {
      const r = runCli(['score', join(t.dir, 'long.jsonl'), '--format', 'json']);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).counts).toEqual({ inputs: 1, scored: 1, skipped: 0, errors: 0 });
    } finally {
      t.remove();
    }
  });

  it('terminal escape sequences in ids, meta and text never reach the terminal; JSON keeps them, escaped', () => {
    const file = join(BAD, 'escapes.txt');
    const table = runCli(['score', file]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('escapes');
    const explain = runCli(['explain', file]);
    expect(explain.status).toBe(0);
    expect(explain.stdout).toContain('how can I help');
    const csv = runCli(['score', file, '--format', 'csv']);
    for (const r of [table, explain, csv]) {
      // eslint-disable-next-line no-control-regex
      expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
    expect(csv.status).toBe(0);
    const json = runCli(['score', file, '--format', 'json']);
    expect(json.stdout).not.toContain(ESC);
    expect(JSON.parse(json.stdout).calls[0].id).toBe(`escapes${ESC}[2J`);
  });
});

describe('inputs that are not files of calls', () => {
  let tree: ReturnType<typeof tempTree>;
  let server: Server;
  beforeAll(async () => {
    tree = tempTree({
      'calls/a.jsonl': `${JSON.stringify({ id: 'a', turns: [{ speaker: 'agent', text: 'Hello.' }] })}\n`,
      'notes/readme.md': 'no transcripts here',
      'linked/target.jsonl': `${JSON.stringify({ id: 'linked', turns: [{ speaker: 'agent', text: 'Hello.' }] })}\n`,
    });
    symlinkSync(join(tree.dir, 'linked', 'target.jsonl'), join(tree.dir, 'calls', 'b-link.jsonl'));
    symlinkSync(join(tree.dir, 'nowhere.jsonl'), join(tree.dir, 'calls', 'c-broken.jsonl'));
    symlinkSync(join(tree.dir, 'calls'), join(tree.dir, 'calls', 'd-loop'));
    mkdirSync(join(tree.dir, 'calls', 'e-folder.jsonl'));
    server = createServer();
    await new Promise<void>((done) => server.listen(join(tree.dir, 'socket.jsonl'), done));
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    tree.remove();
  });

  it('a folder without transcripts, a socket, a broken link and a glob that matches nothing are errors; the rest is read', () => {
    const { calls, errors } = read([join(tree.dir, 'notes'), join(tree.dir, 'socket.jsonl'), join(tree.dir, 'calls'), join(tree.dir, 'none-*.jsonl')]);
    // the link to the folder itself is not walked again; a folder named like a transcript is walked, not read
    expect(calls.map((c) => c.id)).toEqual(['a', 'linked']);
    expect(errors).toEqual([
      { file: join(tree.dir, 'notes'), message: expect.stringContaining('no transcript files') },
      { file: join(tree.dir, 'calls', 'c-broken.jsonl'), message: expect.stringContaining('broken link') },
      { file: join(tree.dir, 'none-*.jsonl'), message: 'the pattern matches no files' },
      { file: join(tree.dir, 'socket.jsonl'), message: expect.stringMatching(/^cannot read: /) },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission is an error; the rest is read', () => {
    const locked = join(tree.dir, 'locked.jsonl');
    writeFileSync(locked, `${JSON.stringify({ id: 'x', turns: [] })}\n`);
    chmodSync(locked, 0);
    const { calls, errors } = read([locked, join(tree.dir, 'calls', 'a.jsonl')]);
    expect(calls.map((c) => c.id)).toEqual(['a']);
    expect(errors).toEqual([{ file: locked, message: expect.stringContaining('permission denied') }]);
  });

  it('a file reached twice in one walk (directly and by a link) is read once', () => {
    const { calls } = read([tree.dir]);
    expect(calls.map((c) => c.id)).toEqual(['a', 'linked']);
  });
});

describe('the whole corpus through the CLI', () => {
  it('exit 2; every record is scored, skipped or an error, and NDJSON lists each one', () => {
    const r = runCli(['score', BAD, '--format', 'ndjson']);
    expect(r.status).toBe(2);
    const records = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; counts?: Record<string, number> });
    const count = (type: string) => records.filter((x) => x.type === type).length;
    const summary = records.at(-1)!;
    expect(summary.type).toBe('summary');
    const { inputs, scored, skipped, errors } = summary.counts!;
    expect(inputs).toBe(scored! + skipped! + errors!);
    expect([count('call'), count('skipped'), count('error')]).toEqual([scored, skipped, errors]);
    expect(skipped).toBe(3);
    expect(r.stderr).toContain(`cxlint: skipped: ${join(BAD, 'no-turns.jsonl')}:1: call no-turns: no turns`);
    expect(r.stderr).toContain('duplicate call id "dup"');
  });
});
