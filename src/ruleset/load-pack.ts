import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { packFileSchema, ruleFileSchema, type PackFile, type RuleFile } from './rule-schema.js';

/** A rule pack as read from disk, before compilation. */
export interface PackSource {
  dir: string;
  pack: PackFile;
  rules: { id: string; file: string; rule: RuleFile }[];
  /** sha256 over every file of the pack, in name order: two runs with the same hash used the same rules. */
  hash: string;
}

export interface RuleLoadError {
  file: string;
  line?: number;
  ruleId?: string;
  message: string;
}

export interface LoadedPack {
  source?: PackSource;
  errors: RuleLoadError[];
}

interface ParsedYaml {
  value?: unknown;
  errors: RuleLoadError[];
  lineOf: (path: PropertyKey[]) => number | undefined;
}

function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineOf = (path: PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0]?.line,
        message: `invalid YAML: ${e.message.split('\n')[0]}`,
      })),
      lineOf,
    };
  }
  return { value: doc.toJS(), errors: [], lineOf };
}

function describeIssues(issues: z.core.$ZodIssue[], file: string, parsed: ParsedYaml, ruleId?: string): RuleLoadError[] {
  return issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(file)';
    const unknown = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    // an unknown key has no value path of its own: point at the key itself
    const at = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
    return {
      file,
      line: parsed.lineOf(at),
      ...(ruleId ? { ruleId } : {}),
      message: `${key}: ${issue.message}${unknown}`,
    };
  });
}

/** Read and validate a pack folder. Bad rule files are reported and left out; the rest still load. */
export function loadPack(dir: string): LoadedPack {
  const errors: RuleLoadError[] = [];
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n) && statSync(join(dir, n)).isFile())
      .sort();
  } catch (e) {
    return { errors: [{ file: dir, message: `cannot read rule pack folder: ${(e as Error).message}` }] };
  }
  const packName = names.find((n) => /^pack\.ya?ml$/.test(n));
  if (!packName) return { errors: [{ file: dir, message: 'no pack.yaml in this folder; a rule pack needs one' }] };
  const hash = createHash('sha256');
  const read = (name: string) => {
    const text = readFileSync(join(dir, name), 'utf8');
    hash.update(name).update('\0').update(text).update('\0');
    return text;
  };
  const packFile = join(dir, packName);
  const packParsed = parseYaml(read(packName), packFile);
  if (packParsed.errors.length > 0) return { errors: packParsed.errors };
  const packResult = packFileSchema.safeParse(packParsed.value);
  if (!packResult.success) return { errors: describeIssues(packResult.error.issues, packFile, packParsed) };
  const pack = packResult.data;

  const rules: PackSource['rules'] = [];
  for (const name of names) {
    if (name === packName) continue;
    const file = join(dir, name);
    const id = `${pack.name}/${basename(name).replace(/\.ya?ml$/, '')}`;
    const parsed = parseYaml(read(name), file);
    if (parsed.errors.length > 0) {
      errors.push(...parsed.errors.map((e) => ({ ...e, ruleId: id })));
      continue;
    }
    const result = ruleFileSchema.safeParse(parsed.value);
    if (!result.success) {
      errors.push(...describeIssues(result.error.issues, file, parsed, id));
      continue;
    }
    if (!(result.data.signal in pack.signals)) {
      errors.push({
        file,
        line: parsed.lineOf(['signal']),
        ruleId: id,
        message: `signal: "${result.data.signal}" is not declared in ${packName} (known: ${Object.keys(pack.signals).join(', ')})`,
      });
      continue;
    }
    rules.push({ id, file, rule: result.data });
  }
  return { source: { dir, pack, rules, hash: hash.digest('hex').slice(0, 16) }, errors };
}
