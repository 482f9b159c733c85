import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { phraseCostProblem } from './phrase-cost.js';
import { compilePhrase } from './phrase-pattern.js';
import { glossaryFileSchema, packFileSchema, ruleFileSchema, type GlossaryTerm, type PackFile, type RuleFile } from './rule-schema.js';

/** A rule pack as read from disk, before compilation. */
export interface PackSource {
  dir: string;
  pack: PackFile;
  rules: { id: string; file: string; rule: RuleFile }[];
  /** sha256 over every file of the pack, in name order: two runs with the same hash used the same rules. */
  hash: string;
  /** Line of `name:` in pack.yaml, for errors about the pack as a whole. */
  nameLine?: number;
  /** The files read, in the order hashed: names in the folder, or absolute paths (a glossary elsewhere). */
  files: string[];
}

/** The YAML files of a pack folder, in name order. */
export function packFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && statSync(join(dir, n)).isFile())
    .sort();
}

/** Reads pack files relative to the folder, hashing each as it is read: the pack's identity. */
export function packReader(dir: string): { read: (name: string) => string; files: string[]; digest: () => string } {
  const hash = createHash('sha256');
  const files: string[] = [];
  return {
    read(name) {
      const text = readFileSync(isAbsolute(name) ? name : join(dir, name), 'utf8');
      hash.update(name).update('\0').update(text).update('\0');
      files.push(name);
      return text;
    },
    files,
    digest: () => hash.digest('hex').slice(0, 16),
  };
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

/** Why a phrase cannot be run (bad syntax, or too costly to match), or undefined. */
function phraseProblem(phrase: string): string | undefined {
  try {
    return phraseCostProblem(compilePhrase(phrase));
  } catch (e) {
    return (e as Error).message;
  }
}

/** Every phrase of a rule file with its YAML path, so that a bad one is reported at its line. */
function phrasesOf(rule: RuleFile): [PropertyKey[], string][] {
  const list = (path: PropertyKey[], phrases: readonly string[] | undefined): [PropertyKey[], string][] => (phrases ?? []).map((p, i) => [[...path, i], p]);
  switch (rule.type) {
    case 'phrase':
      return [...list(['phrases'], rule.phrases), ...list(['exceptions'], rule.exceptions), ...list(['turnExceptions'], rule.turnExceptions), ...list(['nextTurnExceptions'], rule.nextTurnExceptions)];
    case 'substitution':
      return [...rule.terms.map((t, i): [PropertyKey[], string] => [['terms', i, 'term'], t.term]), ...list(['exceptions'], rule.exceptions)];
    case 'sequence':
      return [...list(['first', 'phrases'], rule.first.phrases), ...list(['first', 'exceptions'], rule.first.exceptions), ...list(['then', 'phrases'], rule.then?.phrases), ...list(['then', 'exceptions'], rule.then?.exceptions)];
    case 'metric':
      return list(['when', 'phrases'], rule.when?.phrases);
    case 'gap':
      return [];
  }
}

/**
 * The terms of a substitution rule's glossary file (relative to the pack folder). An unreadable or
 * invalid file leaves the rule out (undefined); a term that is not a valid phrase is reported with
 * the glossary's file and line and left out, the others still load.
 */
function loadGlossary(
  dir: string,
  name: string,
  rule: { id: string; file: string; line: number | undefined },
  read: (name: string) => string,
  errors: RuleLoadError[],
): GlossaryTerm[] | undefined {
  const file = isAbsolute(name) ? name : join(dir, name);
  let text: string;
  try {
    text = read(name);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    errors.push({ file: rule.file, line: rule.line, ruleId: rule.id, message: `glossary: cannot read "${file}" (${reason}); the path is relative to the pack folder` });
    return undefined;
  }
  const parsed = parseYaml(text, file);
  if (parsed.errors.length > 0) {
    errors.push(...parsed.errors.map((e) => ({ ...e, ruleId: rule.id })));
    return undefined;
  }
  const result = glossaryFileSchema.safeParse(parsed.value);
  if (!result.success) {
    errors.push(...describeIssues(result.error.issues, file, parsed, rule.id));
    return undefined;
  }
  return result.data.terms.filter((t, i) => {
    const problem = phraseProblem(t.term);
    if (problem !== undefined) errors.push({ file, line: parsed.lineOf(['terms', i, 'term']), ruleId: rule.id, message: `terms.${i}.term: ${problem}` });
    return problem === undefined;
  });
}

/** Read and validate a pack folder. Bad rule files are reported and left out; the rest still load. */
export function loadPack(dir: string): LoadedPack {
  const errors: RuleLoadError[] = [];
  let names: string[];
  try {
    names = packFileNames(dir);
  } catch (e) {
    return { errors: [{ file: dir, message: `cannot read rule pack folder: ${(e as Error).message}` }] };
  }
  const packName = names.find((n) => /^pack\.ya?ml$/.test(n));
  if (!packName) return { errors: [{ file: dir, message: 'no pack.yaml in this folder; a rule pack needs one' }] };
  const { read, files, digest } = packReader(dir);
  const packFile = join(dir, packName);
  const packParsed = parseYaml(read(packName), packFile);
  if (packParsed.errors.length > 0) return { errors: packParsed.errors };
  const packResult = packFileSchema.safeParse(packParsed.value);
  if (!packResult.success) return { errors: describeIssues(packResult.error.issues, packFile, packParsed) };
  const pack = packResult.data;
  // a hold phrase that cannot run is reported at its line and left out; the pack still loads
  for (const key of ['holdAnnounce', 'holdReturn'] as const) {
    pack.timing[key] = pack.timing[key].filter((phrase, i) => {
      const problem = phraseProblem(phrase);
      if (problem !== undefined) errors.push({ file: packFile, line: packParsed.lineOf(['timing', key, i]), message: `timing.${key}.${i}: ${problem}` });
      return problem === undefined;
    });
  }
  const ruleFiles = new Map<string, string>();

  const rules: PackSource['rules'] = [];
  for (const name of names) {
    if (name === packName) continue;
    const file = join(dir, name);
    const id = `${pack.name}/${basename(name).replace(/\.ya?ml$/, '')}`;
    const first = ruleFiles.get(id);
    if (first !== undefined) {
      errors.push({ file, line: 1, ruleId: id, message: `duplicate rule id: ${first} already defines ${id} (the id is the file name without .yaml/.yml); rename one of them` });
      continue;
    }
    ruleFiles.set(id, name);
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
    let rule = result.data;
    const bad = phrasesOf(rule).flatMap(([path, phrase]) => {
      const problem = phraseProblem(phrase);
      return problem === undefined ? [] : [{ file, line: parsed.lineOf(path), ruleId: id, message: `${path.join('.')}: ${problem}` }];
    });
    if (bad.length > 0) {
      errors.push(...bad);
      continue;
    }
    if (rule.type === 'substitution' && rule.glossary !== undefined) {
      const terms = loadGlossary(dir, rule.glossary, { id, file, line: parsed.lineOf(['glossary']) }, read, errors);
      if (!terms) continue;
      rule = { ...rule, terms: [...rule.terms, ...terms] };
      if (rule.terms.length === 0) {
        errors.push({ file, line: parsed.lineOf(['glossary']), ruleId: id, message: `glossary: "${rule.glossary}" has no usable terms` });
        continue;
      }
    }
    rules.push({ id, file, rule });
  }
  const nameLine = packParsed.lineOf(['name']);
  return { source: { dir, pack, rules, hash: digest(), ...(nameLine !== undefined ? { nameLine } : {}), files }, errors };
}
