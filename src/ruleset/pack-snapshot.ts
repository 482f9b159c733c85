import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packFileNames, packReader, type PackSource } from './load-pack.js';

/**
 * A pack that loaded without errors, saved as JSON so a later run can skip parsing and checking its
 * YAML (about 100 ms of a 350 ms start-up). It is used only while the folder still holds the same
 * files with the same bytes: the names are listed again and every file is hashed again.
 */
export interface PackSnapshot {
  snapshotVersion: 1;
  /** A hash of the code that reads packs when the snapshot was taken (see loaderCodeHash). */
  code: string;
  /** The folder's YAML files when the snapshot was taken. */
  names: string[];
  /** The pack, with file paths relative to its folder. */
  source: PackSource;
}

/**
 * A hash of the modules that turn YAML into a PackSource (schema defaults, phrase checks): a build
 * that changed them must not trust a snapshot taken by the old code.
 */
export function loaderCodeHash(): string {
  const hash = createHash('sha256');
  for (const name of ['load-pack', 'rule-schema', 'phrase-pattern', 'phrase-cost', 'pack-snapshot']) {
    for (const ext of ['.js', '.ts']) {
      const file = fileURLToPath(new URL(`./${name}${ext}`, import.meta.url));
      if (existsSync(file)) hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export function takeSnapshot(source: PackSource): PackSnapshot {
  const rel = (file: string) => relative(source.dir, file);
  return {
    snapshotVersion: 1,
    code: loaderCodeHash(),
    names: packFileNames(source.dir),
    source: { ...source, dir: '.', rules: source.rules.map((r) => ({ ...r, file: rel(r.file) })) },
  };
}

/** The snapshot's pack placed in `dir`, or undefined when the folder's files are not the ones it was taken of. */
export function restoreSnapshot(snapshot: PackSnapshot, dir: string): PackSource | undefined {
  if (snapshot.snapshotVersion !== 1 || snapshot.code !== loaderCodeHash()) return undefined;
  try {
    const names = packFileNames(dir);
    if (names.length !== snapshot.names.length || names.some((n, i) => n !== snapshot.names[i])) return undefined;
    const reader = packReader(dir);
    for (const name of snapshot.source.files) reader.read(name);
    if (reader.digest() !== snapshot.source.hash) return undefined;
  } catch {
    return undefined;
  }
  const abs = (file: string) => (isAbsolute(file) ? file : join(dir, file));
  return { ...snapshot.source, dir, rules: snapshot.source.rules.map((r) => ({ ...r, file: abs(r.file) })) };
}
