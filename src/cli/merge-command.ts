import { readFileSync } from 'node:fs';
import { finishGroups } from '../aggregate/grouped-summary.js';
import { mergePartials, PARTIAL_VERSION, partialSchema, type RunPartial } from '../aggregate/partial.js';
import { finishSummary } from '../aggregate/summary.js';
import { githubFormatter } from '../formatters/github-report.js';
import { jsonFormatter } from '../formatters/json-report.js';
import { markdownFormatter } from '../formatters/markdown-report.js';
import { summaryJsonFormatter } from '../formatters/summary-json-report.js';
import { tableFormatter } from '../formatters/table-report.js';
import { hasGates, parseGateSpec } from '../gates/gate-spec.js';
import { evaluateGates } from '../gates/gates.js';
import type { Formatter, ReportEnd } from '../model/report.js';
import { EXIT_ERROR } from './exit-codes.js';
import { describeInputError, exitCode, gateInputFrom, openOutput, type ScoreOptions } from './score-command.js';
import { chalkFor, stderrLine } from './terminal.js';

export { MERGE_FORMATS } from './choices.js';

export type MergeOptions = Pick<ScoreOptions, 'format' | 'output' | 'failUnder' | 'failMeanUnder' | 'maxPrevalence' | 'maxFindings' | 'failOn' | 'reportOnly' | 'color'>;

function readPartial(file: string): RunPartial | string {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return `${file}: cannot read a summary-json partial: ${(e as Error).message}`;
  }
  // an older or newer partial has another shape: say so before checking the shape
  const version = (data as { type?: unknown; partialVersion?: unknown } | null)?.type === 'cxlint-summary' ? (data as { partialVersion?: unknown }).partialVersion : undefined;
  if (version !== undefined && version !== PARTIAL_VERSION) {
    return `${file}: a summary-json partial of version ${JSON.stringify(version)}; this cxlint reads version ${PARTIAL_VERSION}: score the shard again with this version`;
  }
  const parsed = partialSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${file}: not a cxlint summary-json partial (${issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : 'invalid'}); write one with \`cxlint score … --format summary-json\``;
  }
  // the checked shape, but the data as written: key order and the header's other fields kept
  return data as RunPartial;
}

function formatterFor(options: MergeOptions, partial: RunPartial): Formatter {
  switch (options.format) {
    case 'json':
      return jsonFormatter({ calls: false });
    case 'markdown':
      return markdownFormatter({ worst: partial.worst });
    case 'github':
      return githubFormatter();
    case 'summary-json':
      return summaryJsonFormatter({ worst: partial.worst });
    default:
      return tableFormatter({
        chalk: chalkFor(process.stdout, options.output !== undefined ? false : options.color),
        width: options.output !== undefined ? 120 : (process.stdout.columns ?? 120),
        ...(partial.header.settings.groupBy ? { groupBy: partial.header.settings.groupBy } : {}),
      });
  }
}

/**
 * `cxlint merge PARTIALS…`: combine the summary-json partials of a sharded (or split) run into the
 * report, gates and exit code one run over the whole batch would have given.
 */
export async function mergeCommand(files: string[], options: MergeOptions): Promise<number> {
  const gates = parseGateSpec(gateInputFrom(options));
  if ('error' in gates) {
    stderrLine(`cxlint: ${gates.error}`);
    return EXIT_ERROR;
  }
  const parts: RunPartial[] = [];
  for (const file of files) {
    const p = readPartial(file);
    if (typeof p === 'string') {
      stderrLine(`cxlint: ${p}`);
      return EXIT_ERROR;
    }
    parts.push(p);
  }
  const merged = mergePartials(parts);
  if ('error' in merged) {
    stderrLine(`cxlint: merge: ${merged.error}`);
    return EXIT_ERROR;
  }
  const { partial } = merged;
  const known = parseGateSpec(gateInputFrom(options), Object.keys(partial.state.signals));
  if ('error' in known) {
    stderrLine(`cxlint: ${known.error}`);
    return EXIT_ERROR;
  }
  const formatter = formatterFor(options, partial);
  const out = openOutput(options.output);
  if (!out) return EXIT_ERROR;
  const gated = hasGates(known.spec);
  const failures = gated ? evaluateGates(known.spec, partial.state.gates) : [];
  const { state } = partial;
  const end: ReportEnd = {
    counts: partial.counts,
    summary: finishSummary(state.all, state.signals),
    groups: finishGroups({ ...(partial.header.settings.groupBy ? { groupBy: partial.header.settings.groupBy } : {}), all: state.all, groups: new Map(state.groups) }, state.signals),
    errors: partial.errors,
    ...(partial.counts.skipped !== undefined ? { skipped: state.skipped.map(([, k]) => k) } : {}),
    ...(gated ? { gates: failures } : {}),
    state,
  };
  try {
    out.write(formatter.start(partial.header));
    out.write(formatter.end(end));
    if (!out.error) await out.commit();
  } catch (e) {
    out.discard();
    throw e;
  }
  if (out.error) {
    out.discard();
    stderrLine(`cxlint: cannot write the output: ${out.error.message}`);
    return EXIT_ERROR;
  }
  for (const e of partial.errors) stderrLine(`cxlint: input error: ${describeInputError(e)}`);
  for (const [, k] of state.skipped) stderrLine(`cxlint: skipped: ${k.file}${k.line ? `:${k.line}` : ''}: call ${k.id}: ${k.reason}`);
  if (partial.errors.length > 0) stderrLine(`cxlint: ${partial.errors.length} input error(s); ${partial.counts.scored} call(s) scored`);
  for (const f of failures) stderrLine(`cxlint: ${f.message}`);
  return exitCode({ configError: state.packErrors, runErrors: partial.errors.length + state.ruleErrors, gateFailures: failures.length, reportOnly: options.reportOnly === true });
}
