import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { readCalls, type ReadOptions } from '../../src/io/read-calls.js';
import type { Call } from '../../src/model/call.js';
import type { InputError } from '../../src/model/raw-call.js';
import { ROOT, tempTree } from '../helpers/fixtures.js';

/** Helpers for the per-format tests: every read goes through readCalls, exactly as `cxlint score` reads. */

export const FORMATS = join(ROOT, 'fixtures', 'formats');
export const SHARED = resolve(ROOT, '../shared/data');
export const fixture = (format: string, name: string) => join(FORMATS, format, name);
export const fixtureText = (format: string, name: string) => readFileSync(fixture(format, name), 'utf8');

export function readAll(inputs: string[], options: ReadOptions = {}): { calls: Call[]; errors: InputError[] } {
  const calls: Call[] = [];
  const errors: InputError[] = [];
  for (const item of readCalls(inputs, options)) {
    if (item.kind === 'call') calls.push(item.call);
    else errors.push(item.error);
  }
  return { calls, errors };
}

/** The single call of a file that must read cleanly. */
export function readOne(path: string, options: ReadOptions = {}): Call {
  const { calls, errors } = readAll([path], options);
  expect(errors).toEqual([]);
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

/** [speaker, text, startMs, endMs] per turn: what the tests pin. */
export const turnsOf = (call: Call) => call.turns.map((t) => [t.speaker, t.text, t.startMs, t.endMs]);

/**
 * Files written to a temporary folder and read together, as one batch: a broken export must give a
 * positioned error while the good file beside it is still read.
 */
export function readBatch(files: Record<string, string>, options: ReadOptions = {}): { calls: Call[]; errors: InputError[] } {
  const tree = tempTree(files);
  try {
    const { calls, errors } = readAll(Object.keys(files).map((f) => join(tree.dir, f)), options);
    const rel = (file: string) => (file.startsWith(tree.dir) ? file.slice(tree.dir.length + 1) : file);
    return { calls: calls.map((c) => ({ ...c, source: { ...c.source, file: rel(c.source.file) } })), errors: errors.map((e) => ({ ...e, file: rel(e.file) })) };
  } finally {
    tree.remove();
  }
}

/** The first part of a text: a transfer cut off mid-file. */
export const truncate = (text: string, share = 0.6) => text.slice(0, Math.floor(text.length * share));

/**
 * A truncated copy read in one batch with the intact file: one error naming the broken file and a line,
 * and the intact file's calls still read.
 */
export function expectTruncationReported(format: string, name: string, options: ReadOptions = {}): InputError {
  const text = fixtureText(format, name);
  const ext = name.replace(/^[^.]*/, '');
  const { calls, errors } = readBatch({ [`cut${ext}`]: truncate(text), [`whole${ext}`]: text }, options);
  const broken = errors.filter((e) => e.file === `cut${ext}`);
  expect(broken.length).toBeGreaterThan(0);
  expect(broken[0]!.line).toBeGreaterThan(0);
  expect(errors.filter((e) => e.file !== `cut${ext}`)).toEqual([]);
  expect(calls.filter((c) => c.source.file === `whole${ext}`).length).toBeGreaterThan(0);
  return broken[0]!;
}

/** Shared real examples: present on the development machine, maybe not in CI; a skip says so. */
export function sharedDir(sub: string): { dir: string; exists: boolean } {
  const dir = join(SHARED, sub);
  const exists = existsSync(dir);
  if (!exists) console.warn(`shared data check skipped: ${dir} is absent (../shared/data not mounted)`);
  return { dir, exists };
}
