import { emptyGrouped, addToGrouped, finishGroups } from '../aggregate/grouped-summary.js';
import { finishSummary } from '../aggregate/summary.js';
import { runPack } from '../engine/run-pack.js';
import { csvFormatter } from '../formatters/csv-report.js';
import { jsonFormatter } from '../formatters/json-report.js';
import { ndjsonFormatter } from '../formatters/ndjson-report.js';
import { redactResult } from '../formatters/redact.js';
import { tableFormatter } from '../formatters/table-report.js';
import type { RunTargets } from '../engine/call-context.js';
import { loadPacks, formatLoadError } from '../io/load-packs.js';
import { stdoutOutput } from '../io/output.js';
import { readCalls } from '../io/read-calls.js';
import type { InputError } from '../model/raw-call.js';
import type { Formatter, RunHeader } from '../model/report.js';
import { SCHEMA_VERSION } from '../model/result.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { scoreCall } from '../scoring/score-call.js';
import { EXIT_ERROR, EXIT_OK, EXIT_THRESHOLD } from './exit-codes.js';
import { readOptionsFrom, roleWarnings, type InputCliOptions } from './input-options.js';
import { chalkFor, stderrLine } from './terminal.js';
import { TOOL_VERSION } from './version.js';

export const FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;

export interface ScoreOptions extends InputCliOptions {
  format: string;
  rules?: string[];
  groupBy?: string;
  failUnder?: string;
  color?: boolean;
  progress?: boolean;
  ahtTarget?: string[];
  showPii?: boolean;
}

/** "--aht-target 360" (every queue) and "--aht-target billing=300" (one queue), repeatable. */
export function parseAhtTargets(specs: string[] = []): { targets: RunTargets } | { error: string } {
  const targets: RunTargets = {};
  for (const spec of specs.flatMap((s) => s.split(','))) {
    const m = /^\s*(?:([^=]+)=)?\s*(\d+(?:\.\d+)?)\s*$/.exec(spec);
    if (!m) return { error: `--aht-target: "${spec}" should be SECONDS or QUEUE=SECONDS` };
    const seconds = Number(m[2]);
    if (m[1] === undefined) targets.ahtSeconds = seconds;
    else (targets.ahtSecondsByQueue ??= {})[m[1].trim()] = seconds;
  }
  return { targets };
}

export const describeInputError = (e: InputError) =>
  `${e.file}${e.line ? `:${e.line}` : e.record !== undefined ? ` record ${e.record}` : ''}: ${e.message}`;

/** Load the packs, printing load errors; undefined when there is nothing to run. */
export function preparePack(rules: string[] | undefined): { pack?: CompiledPack; hadErrors: boolean } {
  const { pack, errors } = loadPacks(rules ?? []);
  for (const e of errors) stderrLine(`cxlint: rule error: ${formatLoadError(e)}`);
  if (!pack || pack.rules.length === 0) {
    stderrLine('cxlint: no rules could be loaded');
    return { hadErrors: true };
  }
  return { pack, hadErrors: errors.length > 0 };
}

export function runHeader(pack: CompiledPack, groupBy: string | undefined, targets: RunTargets = {}, redacted = true): RunHeader {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'cxlint', version: TOOL_VERSION },
    pack: pack.info,
    settings: {
      gapSeconds: pack.timing.gapSeconds,
      endWindowPercent: pack.timing.endWindowPercent,
      holdCountsAsNonTalk: pack.timing.holdCountsAsNonTalk,
      groupBy: groupBy ?? null,
      ahtTargetSeconds: targets.ahtSeconds ?? null,
      ahtTargetSecondsByQueue: targets.ahtSecondsByQueue ?? {},
      redacted,
    },
  };
}

function chooseFormatter(options: ScoreOptions, pack: CompiledPack): Formatter {
  switch (options.format) {
    case 'json':
      return jsonFormatter();
    case 'ndjson':
      return ndjsonFormatter();
    case 'csv':
      return csvFormatter(Object.keys(pack.signals), ['agent', 'team', 'queue']);
    default:
      return tableFormatter({
        chalk: chalkFor(process.stdout, options.color),
        width: process.stdout.columns ?? 120,
        ...(options.groupBy ? { groupBy: options.groupBy } : {}),
      });
  }
}

export async function scoreCommand(inputs: string[], options: ScoreOptions): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(options.format)) {
    stderrLine(`cxlint: unknown --format "${options.format}" (choose ${FORMATS.join(', ')})`);
    return EXIT_ERROR;
  }
  const failUnder = options.failUnder !== undefined ? Number(options.failUnder) : undefined;
  if (failUnder !== undefined && !Number.isFinite(failUnder)) {
    stderrLine(`cxlint: --fail-under needs a number, got "${options.failUnder}"`);
    return EXIT_ERROR;
  }
  const read = readOptionsFrom(options);
  if ('error' in read) {
    stderrLine(`cxlint: ${read.error}`);
    return EXIT_ERROR;
  }
  const { pack, hadErrors } = preparePack(options.rules);
  if (!pack) return EXIT_ERROR;
  if (inputs.length === 0) inputs = ['-'];
  if (inputs.includes('-') && process.stdin.isTTY) {
    stderrLine('cxlint: no input files given and stdin is a terminal; try `cxlint score fixtures/calls`');
    return EXIT_ERROR;
  }

  const targets = parseAhtTargets(options.ahtTarget);
  if ('error' in targets) {
    stderrLine(`cxlint: ${targets.error}`);
    return EXIT_ERROR;
  }
  if (options.showPii) stderrLine('cxlint: --show-pii: card numbers, e-mails and phone numbers are shown unredacted');
  const out = stdoutOutput();
  const formatter = chooseFormatter(options, pack);
  const grouped = emptyGrouped(options.groupBy);
  const errors: InputError[] = [];
  const roles = roleWarnings();
  let scored = 0;
  let ruleErrors = 0;
  const below: string[] = [];
  // Progress only where it cannot interleave with results: stderr is a terminal and stdout is not,
  // or the output is the table (printed once, at the end).
  const showProgress = options.progress !== false && process.stderr.isTTY === true && (options.format === 'table' || !process.stdout.isTTY);
  let lastProgress = Date.now();

  out.write(formatter.start(runHeader(pack, options.groupBy, targets.targets, !options.showPii)));
  for (const item of readCalls(inputs, read.options)) {
    if (out.closed) break;
    if (item.kind === 'error') {
      errors.push(item.error);
      out.write(formatter.error(item.error));
      continue;
    }
    roles.note(item.call);
    const run = runPack(pack, item.call, targets.targets);
    const scoredResult = scoreCall(item.call, run, pack);
    const result = options.showPii ? scoredResult : redactResult(scoredResult);
    scored++;
    for (const e of run.ruleErrors) {
      ruleErrors++;
      stderrLine(`cxlint: rule ${e.ruleId} failed on call ${item.call.id}: ${e.message}`);
    }
    if (failUnder !== undefined && result.score < failUnder) below.push(`${result.id} (${result.score})`);
    addToGrouped(grouped, result);
    out.write(formatter.call(result));
    // let the event loop run now and then, so a closed pipe (`| head`) is noticed and we stop early
    if (scored % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (showProgress && Date.now() - lastProgress > 500) {
      lastProgress = Date.now();
      process.stderr.write(`\rscored ${scored} calls, ${errors.length} errors`);
    }
  }
  if (showProgress) process.stderr.write('\r\x1b[K');
  if (out.closed) return EXIT_OK;
  const order = pack.signals;
  out.write(
    formatter.end({
      counts: { inputs: scored + errors.length, scored, errors: errors.length },
      summary: finishSummary(grouped.all, order),
      groups: finishGroups(grouped, order),
      errors,
    }),
  );
  await out.flush();
  roles.finish();
  for (const e of errors) stderrLine(`cxlint: input error: ${describeInputError(e)}`);
  if (errors.length > 0) stderrLine(`cxlint: ${errors.length} input error(s); ${scored} call(s) scored`);
  if (hadErrors || errors.length > 0 || ruleErrors > 0) return EXIT_ERROR;
  if (below.length > 0) {
    stderrLine(`cxlint: ${below.length} call(s) scored below --fail-under ${failUnder}: ${below.slice(0, 5).join(', ')}${below.length > 5 ? ', …' : ''}`);
    return EXIT_THRESHOLD;
  }
  return EXIT_OK;
}
