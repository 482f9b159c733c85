import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePack, mergePacks, type CompiledPack } from '../ruleset/compile-pack.js';
import { loadPack, type LoadedPack, type RuleLoadError } from '../ruleset/load-pack.js';
import { restoreSnapshot, type PackSnapshot } from '../ruleset/pack-snapshot.js';

/** rules/ of the installed package, next to dist/. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));
export const DEFAULT_PACK_DIR = join(BUILTIN_RULES_DIR, 'inward');
/** The default pack as loaded at build time (`npm run build`), used while its files are unchanged. */
export const DEFAULT_PACK_SNAPSHOT = fileURLToPath(new URL('../default-pack.snapshot.json', import.meta.url));

/** A pack folder, from its build-time snapshot when it has one that still matches its files. */
function loadPackFolder(dir: string): LoadedPack {
  if (dir === DEFAULT_PACK_DIR && existsSync(DEFAULT_PACK_SNAPSHOT)) {
    try {
      const source = restoreSnapshot(JSON.parse(readFileSync(DEFAULT_PACK_SNAPSHOT, 'utf8')) as PackSnapshot, dir);
      if (source) return { source, errors: [] };
    } catch {
      // an unreadable snapshot is no snapshot: load the YAML
    }
  }
  return loadPack(dir);
}

/** A folder with pack.yaml is one pack; otherwise each sub-folder with a pack.yaml is one. */
export function packDirsIn(dir: string): string[] {
  if (existsSync(join(dir, 'pack.yaml')) || existsSync(join(dir, 'pack.yml'))) return [dir];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [dir];
  const subs = readdirSync(dir)
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isDirectory() && (existsSync(join(p, 'pack.yaml')) || existsSync(join(p, 'pack.yml'))));
  return subs.length > 0 ? subs : [dir];
}

/**
 * The default pack, then every pack under --rules (a pack with the same name replaces the earlier
 * one). Replacing the default pack is how it is customised; two --rules packs with one name would
 * give their rules the same ids, so that is an error naming both (the later one still replaces the
 * earlier). A folder given twice is read once.
 */
export function loadPacks(extraDirs: string[] = [], includeDefault = true): { pack?: CompiledPack; errors: RuleLoadError[] } {
  const dirs = [...new Set([...(includeDefault ? [DEFAULT_PACK_DIR] : []), ...extraDirs.flatMap(packDirsIn)].map((d) => resolve(d)))];
  const errors: RuleLoadError[] = [];
  const packs: CompiledPack[] = [];
  const named = new Map<string, string>();
  for (const dir of dirs) {
    const loaded = loadPackFolder(dir);
    errors.push(...loaded.errors);
    if (!loaded.source) continue;
    const name = loaded.source.pack.name;
    const earlier = named.get(name);
    if (earlier !== undefined && earlier !== DEFAULT_PACK_DIR) {
      errors.push({
        file: join(dir, 'pack.yaml'),
        ...(loaded.source.nameLine !== undefined ? { line: loaded.source.nameLine } : {}),
        message: `duplicate pack name "${name}": ${earlier} has it too, so their rule ids would clash; rename one (this one replaces the other)`,
      });
    }
    named.set(name, dir);
    const compiled = compilePack(loaded.source);
    errors.push(...compiled.errors);
    packs.push(compiled.pack);
  }
  return packs.length > 0 ? { pack: mergePacks(packs), errors } : { errors };
}

export const formatLoadError = (e: RuleLoadError) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.ruleId ? `${e.ruleId}: ` : ''}${e.message}`;
