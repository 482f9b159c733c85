import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { findConfig, readConfigFile } from '../io/load-config.js';
import { FORMATS } from './choices.js';

/**
 * cxlint.config.yaml: one key per command-line option of `score` (the long name in camelCase), plus
 * `inputs`. Values may be written the natural way (numbers, maps, lists) and are turned into the
 * strings the command line would give, so one code path checks both.
 */
const scalar = z.union([z.string(), z.number()]).transform(String);
const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const pairs = z.record(z.string(), z.union([z.string(), z.number()])).transform((m) => Object.entries(m).map(([k, v]) => `${k}=${v}`));

export const configSchema = z.strictObject({
  inputs: list.optional(),
  format: z.enum(FORMATS).optional(),
  output: z.string().optional(),
  groupBy: z.string().optional(),
  failUnder: scalar.optional(),
  failMeanUnder: scalar.optional(),
  maxPrevalence: z.union([pairs, list]).optional(),
  maxFindings: scalar.optional(),
  failOn: z.enum(['warning', 'error']).optional(),
  reportOnly: z.boolean().optional(),
  ahtTarget: z.union([z.number().transform((n) => [String(n)]), pairs, list]).optional(),
  showPii: z.boolean().optional(),
  progress: z.boolean().optional(),
  concurrency: scalar.optional(),
  color: z.boolean().optional(),
  baseline: z.string().optional(),
  sample: scalar.optional(),
  seed: scalar.optional(),
  stratify: z.string().optional(),
  shard: z.string().optional(),
  rules: list.optional(),
  inputFormat: z.string().optional(),
  csvColumns: z.union([z.string(), pairs.transform((p) => p.join(','))]).optional(),
  segmentFields: z.union([z.string(), pairs.transform((p) => p.join(','))]).optional(),
  agentSpeaker: scalar.optional(),
  metaFromFilename: z.string().optional(),
  metaFile: z.string().optional(),
});
export type Config = z.infer<typeof configSchema>;

/** Keys whose values are paths: relative to the config file's folder, not to where cxlint runs. */
const PATH_KEYS = ['output', 'baseline', 'metaFile'] as const;
const PATH_LIST_KEYS = ['inputs', 'rules'] as const;

export interface LoadedConfig {
  path: string;
  config: Config;
}

/** `--config FILE`, else the file found from cwd up to the repository root, else none. */
export function loadConfig(explicit: string | undefined, cwd = process.cwd()): { loaded?: LoadedConfig } | { error: string } {
  const path = explicit ?? findConfig(cwd);
  if (path === undefined) return {};
  const read = readConfigFile(path);
  if ('error' in read) return { error: `config ${read.error}` };
  const parsed = configSchema.safeParse(read.data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    const what = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (keys are the long option names in camelCase: failUnder, maxPrevalence, groupBy…)` : `${key || 'top level'}: ${issue.message}`;
    return { error: `config ${path}: ${what}` };
  }
  // paths are written relative to the config file; reports show them relative to where cxlint runs
  const base = dirname(resolve(path));
  const rebase = (p: string) => (p === '-' || isAbsolute(p) ? p : relative(cwd, resolve(base, p)) || '.');
  const config: Config = { ...parsed.data };
  for (const k of PATH_KEYS) if (config[k] !== undefined) config[k] = rebase(config[k]);
  for (const k of PATH_LIST_KEYS) if (config[k] !== undefined) config[k] = config[k].map(rebase);
  return { loaded: { path, config } };
}

/**
 * Fill every option that the command line did not give from the config (the command line wins),
 * and the inputs when none were given. Only the options the command has are taken.
 */
export function applyConfig(cmd: Command, inputs: string[], loaded: LoadedConfig | undefined, skip: string[] = []): string[] {
  if (!loaded) return inputs;
  const known = new Set(cmd.options.map((o) => o.attributeName()));
  for (const [key, value] of Object.entries(loaded.config)) {
    if (key === 'inputs' || value === undefined || !known.has(key) || skip.includes(key)) continue;
    if (cmd.getOptionValueSource(key) === 'cli') continue;
    cmd.setOptionValueWithSource(key, value, 'config');
  }
  return inputs.length === 0 && loaded.config.inputs && !skip.includes('inputs') ? loaded.config.inputs : inputs;
}

/** What `--print-config` prints: the file used, the inputs and every option, keys sorted. */
export function printableConfig(loaded: LoadedConfig | undefined, inputs: string[], options: Record<string, unknown>): string {
  const sorted = Object.fromEntries(
    Object.entries(options)
      .filter(([k, v]) => v !== undefined && k !== 'config' && k !== 'printConfig')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return `${JSON.stringify({ config: loaded?.path ?? null, inputs, options: sorted }, null, 2)}\n`;
}
