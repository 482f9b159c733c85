import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

export const CONFIG_NAMES = ['cxlint.config.yaml', 'cxlint.config.yml', 'cxlint.config.json'];

/**
 * The config file for a run started in `cwd`: the first cxlint.config.yaml/.yml/.json in cwd or a
 * folder above it, stopping at the repository root (the folder with .git) so that a checkout never
 * picks up a config from outside it.
 */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name);
      if (existsSync(path) && statSync(path).isFile()) return path;
    }
    const parent = dirname(dir);
    if (existsSync(join(dir, '.git')) || parent === dir) return undefined;
    dir = parent;
  }
}

/** The file's data, or an error with the file (and line, for YAML) in it. */
export function readConfigFile(path: string): { data: unknown } | { error: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { error: `${path}: cannot read: ${(e as Error).message}` };
  }
  if (path.endsWith('.json')) {
    try {
      return { data: JSON.parse(text) };
    } catch (e) {
      return { error: `${path}: ${(e as Error).message}` };
    }
  }
  const doc = parseDocument(text, { prettyErrors: false });
  const first = doc.errors[0];
  if (first) return { error: `${path}:${first.linePos?.[0]?.line ?? '?'}: ${first.message}` };
  return { data: doc.toJS() ?? {} };
}
