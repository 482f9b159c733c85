import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { detectColumns } from '../adapters/csv-utterances.js';
import { metaFromSidecar } from '../adapters/sidecar-meta.js';
import type { InputError } from '../model/raw-call.js';
import { readSource } from './read-source.js';

/**
 * Call metadata that lives outside the transcript: a CSV keyed by call id (--meta-file), named groups of
 * a regular expression over the file path (--meta-from-filename), and JSON metadata files beside a
 * transcript (Harper Valley's metadata, <name>.meta.json).
 */

export type Meta = Record<string, string | number>;

export interface MetaTable {
  rows: Map<string, Meta>;
  errors: InputError[];
}

/** --meta-file: one row per call; the id column is found like the CSV adapter's (call_id, id, …) or is the first. */
export function loadMetaFile(path: string): MetaTable {
  const rows = new Map<string, Meta>();
  const errors: InputError[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(readSource(path), { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    return { rows, errors: [{ file: path, message: `--meta-file: ${(e as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows, errors: [{ file: path, message: '--meta-file: empty; expected a header row with a call id column and meta columns' }] };
  const names = header.record.map((n) => n.trim());
  const key = detectColumns(names).id ?? 0;
  for (const { record, info } of body) {
    const id = record[key]?.trim();
    if (!id) {
      errors.push({ file: path, line: info.lines, message: `--meta-file: no call id in column "${names[key]}"` });
      continue;
    }
    if (rows.has(id)) {
      errors.push({ file: path, line: info.lines, message: `--meta-file: call id "${id}" appears again (the first row is used)` });
      continue;
    }
    const meta: Meta = {};
    names.forEach((name, i) => {
      const v = record[i];
      if (i !== key && name !== '' && v !== undefined && v.trim() !== '') meta[name] = v.trim();
    });
    rows.set(id, meta);
  }
  return { rows, errors };
}

/** --meta-from-filename: the named groups that match the file's path ("/" separators) become meta. */
export function metaFromFilename(pattern: RegExp, file: string): Meta {
  const m = pattern.exec(file.replace(/\\/g, '/'));
  const meta: Meta = {};
  for (const [k, v] of Object.entries(m?.groups ?? {})) if (v !== undefined && v !== '') meta[k] = v;
  return meta;
}

const stemOf = (file: string) => basename(file).replace(/\.[^.]+$/, '');

/** Where a transcript's JSON metadata may be: metadata_<stem>.json, <stem>.meta.json, ../metadata/<stem>.json. */
export function sidecarPaths(file: string): string[] {
  const dir = dirname(file);
  const stem = stemOf(file);
  return [join(dir, `metadata_${stem}.json`), join(dir, `${stem}.meta.json`), join(dir, '..', 'metadata', `${stem}.json`)];
}

/** True for a metadata file whose transcript is there too: it is read with the transcript, not on its own. */
export function isSidecarOfTranscript(file: string, extensions: string[]): boolean {
  const name = basename(file);
  const dir = dirname(file);
  const stem = /^metadata_(.+)\.json$/i.exec(name)?.[1] ?? /^(.+)\.meta\.json$/i.exec(name)?.[1];
  if (stem !== undefined) return extensions.some((ext) => existsSync(join(dir, `${stem}${ext}`)));
  if (basename(dir) === 'metadata' && /\.json$/i.test(name)) {
    return ['transcript', 'transcripts'].some((sub) => existsSync(join(dir, '..', sub, name)));
  }
  return false;
}

/** The meta of the first sidecar that exists; a sidecar that cannot be read is an error, not a crash. */
export function readSidecarMeta(file: string): { meta: Meta; error?: InputError } {
  for (const path of sidecarPaths(file)) {
    if (path === file || !existsSync(path)) continue;
    try {
      return { meta: metaFromSidecar(JSON.parse(readSource(path))) };
    } catch (e) {
      return { meta: {}, error: { file: path, message: `metadata file beside ${basename(file)} is not readable JSON: ${(e as Error).message}` } };
    }
  }
  return { meta: {} };
}
