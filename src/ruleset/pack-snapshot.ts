import { isAbsolute, join, relative } from 'node:path';
import { packFileNames, packReader, type PackSource } from './load-pack.js';

/**
 * A pack that loaded without errors, saved as JSON so a later run can skip parsing and checking its
 * YAML (about 100 ms of a 350 ms start-up). It is used only while the folder still holds the same
 * files with the same bytes: the names are listed again and every file is hashed again.
 */
export interface PackSnapshot {
  snapshotVersion: 1;
  /** The folder's YAML files when the snapshot was taken. */
  names: string[];
  /** The pack, with file paths relative to its folder. */
  source: PackSource;
}

export function takeSnapshot(source: PackSource): PackSnapshot {
  const rel = (file: string) => relative(source.dir, file);
  return {
    snapshotVersion: 1,
    names: packFileNames(source.dir),
    source: { ...source, dir: '.', rules: source.rules.map((r) => ({ ...r, file: rel(r.file) })) },
  };
}

/** The snapshot's pack placed in `dir`, or undefined when the folder's files are not the ones it was taken of. */
export function restoreSnapshot(snapshot: PackSnapshot, dir: string): PackSource | undefined {
  if (snapshot.snapshotVersion !== 1) return undefined;
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
