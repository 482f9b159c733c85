import { isatty } from 'node:tty';
import { chunkLines, type JsonlLine } from '../io/jsonl-chunks.js';
import { emptyGrouped, addToGrouped, finishGroups, NO_GROUP } from '../aggregate/grouped-summary.js';
import { finishSummary } from '../aggregate/summary.js';
import { githubFormatter } from '../formatters/github-report.js';
import { jsonFormatter } from '../formatters/json-report.js';
import { junitFormatter } from '../formatters/junit-report.js';
import { markdownFormatter } from '../formatters/markdown-report.js';
import { redactResult } from '../formatters/redact.js';
import { sarifFormatter } from '../formatters/sarif-report.js';
import { summaryJsonFormatter } from '../formatters/summary-json-report.js';
import { tableFormatter } from '../formatters/table-report.js';
import type { BaselineMatcher } from '../baseline/baseline.js';
import type { RunTargets } from '../engine/call-context.js';
import { hasGates, parseGateSpec, type GateInput } from '../gates/gate-spec.js';
import { addToGates, emptyGateState, evaluateGates, type GateSpec } from '../gates/gates.js';
import { loadPacks, formatLoadError } from '../io/load-packs.js';
import { fileOutput, stdoutOutput, type Output } from '../io/output.js';
import { metaTableOf, readCalls, readCallsDeferred, readOptionsData, type ReadOptions } from '../io/read-calls.js';
import type { InputError } from '../model/raw-call.js';
import type { Call } from '../model/call.js';
import type { Formatter, RunHeader, SkippedCall } from '../model/report.js';
import { SCHEMA_VERSION, type CallResult } from '../model/result.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { CallSelector, checkSelectSpec, parseSample, parseShard, type SelectSpec } from '../sampling/select-calls.js';
import type { ScoredCall } from '../scoring/run-and-score.js';
import { duplicateIds, where } from '../scoring/triage-call.js';
import { EXIT_ERROR, EXIT_OK, EXIT_THRESHOLD } from './exit-codes.js';
import { loadBaseline, staleLine } from './baseline-io.js';
import { readOptionsFrom, roleWarnings, type InputCliOptions } from './input-options.js';
import { exitCodeForSignal, watchInterrupts } from './interrupt.js';
import { heapCollector, MEMORY_BUDGET_BYTES, MEMORY_BUDGET_WITH_WORKERS_BYTES } from './heap-collector.js';
import { defaultThreads, PackPool } from './pack-pool.js';
import { jobRecords, type PackJob } from './pack-worker.js';
import { callLineFormatter, scoreChunkLine, type CallDigest, type CallOutcome, type DigestSettings, type LineSettings } from './score-line.js';
import { chalkFor, stderrLine } from './terminal.js';
import { TOOL_VERSION } from './version.js';

export { FORMATS } from './choices.js';
import { FORMATS } from './choices.js';

export interface ScoreOptions extends InputCliOptions {
  format: string;
  rules?: string[];
  groupBy?: string;
  failUnder?: string;
  failMeanUnder?: string;
  maxPrevalence?: string[];
  maxFindings?: string;
  failOn?: string;
  reportOnly?: boolean;
  output?: string;
  sample?: string;
  seed?: string;
  stratify?: string;
  shard?: string;
  baseline?: string;
  color?: boolean;
  progress?: boolean;
  ahtTarget?: string[];
  showPii?: boolean;
  concurrency?: string;
}

/** --concurrency N: threads that score, the main thread included (N − 1 workers); default one per core. */
export function parseConcurrency(value: string | undefined): number | string {
  if (value === undefined) return defaultThreads();
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 256 ? n : `--concurrency: "${value}" should be a whole number of threads from 1 to 256`;
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

/**
 * What `explain` and `baseline create` need before reading calls: input options, handle-time targets
 * and the rule packs. Problems are printed; undefined means exit 2.
 */
export function prepareCallRun(options: InputCliOptions & { rules?: string[]; ahtTarget?: string[] }):
  | { read: ReadOptions; targets: RunTargets; pack: CompiledPack; hadErrors: boolean }
  | undefined {
  const read = readOptionsFrom(options);
  if ('error' in read) return usage(read.error);
  const targets = parseAhtTargets(options.ahtTarget);
  if ('error' in targets) return usage(targets.error);
  const { pack, hadErrors } = preparePack(options.rules);
  return pack ? { read: read.options, targets: targets.targets, pack, hadErrors } : undefined;
}

export function runHeader(pack: CompiledPack, groupBy: string | undefined, targets: RunTargets = {}, redacted = true, selection?: RunHeader['settings']['selection']): RunHeader {
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
      ...(selection ? { selection } : {}),
    },
  };
}

function chooseFormatter(options: ScoreOptions, pack: CompiledPack, gates: GateSpec): Formatter {
  switch (options.format) {
    case 'json':
      return jsonFormatter();
    case 'ndjson':
    case 'csv':
      return callLineFormatter(options.format, pack)!;
    case 'junit':
      return junitFormatter(gates);
    case 'sarif':
      return sarifFormatter(pack.rules);
    case 'github':
      return githubFormatter();
    case 'markdown':
      return markdownFormatter();
    case 'summary-json':
      return summaryJsonFormatter();
    default:
      // a file gets no colour and a fixed width, whatever the terminal
      return tableFormatter({
        chalk: chalkFor(process.stdout, options.output !== undefined ? false : options.color),
        width: options.output !== undefined ? 120 : (process.stdout.columns ?? 120),
        ...(options.groupBy ? { groupBy: options.groupBy } : {}),
      });
  }
}

/** stdout, or the -o file (written atomically); undefined after printing why the file cannot be written. */
export function openOutput(path: string | undefined): Output | undefined {
  if (path === undefined) return stdoutOutput();
  try {
    return fileOutput(path);
  } catch (e) {
    stderrLine(`cxlint: -o ${path}: cannot write: ${(e as Error).message}`);
    return undefined;
  }
}

/**
 * Calls scored in the main thread before worker threads start. Measured on 2 cores: with 2,000
 * calls, workers made the run slower (start-up, JIT warm-up and copying results between threads);
 * with 20,000, 1.2–1.3× faster.
 */
const WORKERS_AFTER_CALLS = 2000;
/**
 * A JSONL file this large starts the workers at its first chunk: ~5,000 calls of ~60 turns, where
 * workers from the start win (20,000 calls: 5.5 s against 6.1–6.9 s with the first 2,000 in the main
 * thread alone).
 */
const WORKERS_NOW_FILE_BYTES = 32 << 20;
/**
 * How often (in turns scored) the main thread asks whether to run a full garbage collection: by
 * turns, not calls, so that a few very long calls (6,000 turns each) are checked as often as many
 * short ones (counting calls, 20 such calls never got a check and the process reached ~250 MB).
 */
const COLLECT_CHECK_TURNS = 3000;
/** Full collections in the main thread: only above the memory budget (see heap-collector), at most every this many checks. */
const COLLECT_EVERY_CHECKS = 4;
/** Chunk buffers kept for reuse: about as many as are in flight at once. */
const MAX_SPARE_CHUNKS = 16;
/** Records sent ahead to each worker while the output waits for the earliest. */
const IN_FLIGHT_PER_THREAD = 192;

/** Everything a score run needs, checked before the first call is read. */
interface ScorePlan {
  inputs: string[];
  /** Rule folders given (each worker thread loads them too). */
  rules: string[];
  /** Threads that score (--concurrency), the main thread included; 1 scores in the main thread only. */
  threads: number;
  read: ReadOptions;
  pack: CompiledPack;
  /** Some rule files did not load: a configuration error, exit 2. */
  packErrors: boolean;
  targets: RunTargets;
  gates: GateSpec;
  select: SelectSpec;
  baseline?: BaselineMatcher;
}

/** --sample/--seed/--stratify/--shard → a selection, or the usage error. */
export function selectSpecFrom(options: Pick<ScoreOptions, 'sample' | 'seed' | 'stratify' | 'shard'>): { spec: SelectSpec } | { error: string } {
  const spec: SelectSpec = { seed: options.seed ?? '0' };
  if (options.sample !== undefined) {
    const sample = parseSample(options.sample);
    if ('error' in sample) return sample;
    spec.sample = sample;
  }
  if (options.shard !== undefined) {
    const shard = parseShard(options.shard);
    if ('error' in shard) return shard;
    spec.shard = shard;
  }
  if (options.stratify !== undefined) spec.stratify = options.stratify;
  if (options.seed !== undefined && !spec.sample) return { error: '--seed needs --sample' };
  const problem = checkSelectSpec(spec);
  return problem ? { error: problem } : { spec };
}

/** How the selection is echoed in the report header (absent without --sample and --shard). */
function selectionSetting(spec: SelectSpec): RunHeader['settings']['selection'] {
  if (!spec.sample && !spec.shard) return undefined;
  return {
    ...(spec.sample ? { sample: spec.sample.kind === 'count' ? String(spec.sample.n) : `${spec.sample.pct}%`, seed: spec.seed } : {}),
    ...(spec.stratify !== undefined ? { stratify: spec.stratify } : {}),
    ...(spec.shard ? { shard: `${spec.shard.index}/${spec.shard.count}` } : {}),
  };
}

const usage = (message: string): undefined => {
  stderrLine(`cxlint: ${message}`);
  return undefined;
};

export function gateInputFrom(options: Pick<ScoreOptions, 'failUnder' | 'failMeanUnder' | 'maxPrevalence' | 'maxFindings' | 'failOn'>): GateInput {
  return {
    ...(options.failUnder !== undefined ? { failUnder: options.failUnder } : {}),
    ...(options.failMeanUnder !== undefined ? { failMeanUnder: options.failMeanUnder } : {}),
    ...(options.maxPrevalence !== undefined ? { maxPrevalence: options.maxPrevalence } : {}),
    ...(options.maxFindings !== undefined ? { maxFindings: options.maxFindings } : {}),
    ...(options.failOn !== undefined ? { failOn: options.failOn } : {}),
  };
}

/** Check every option (printing the first problem); undefined means exit 2 before anything is read. */
function planScore(inputs: string[], options: ScoreOptions): ScorePlan | undefined {
  if (!(FORMATS as readonly string[]).includes(options.format)) return usage(`unknown --format "${options.format}" (choose ${FORMATS.join(', ')})`);
  const gateInput = gateInputFrom(options);
  const syntax = parseGateSpec(gateInput);
  if ('error' in syntax) return usage(syntax.error);
  const read = readOptionsFrom(options);
  if ('error' in read) return usage(read.error);
  const select = selectSpecFrom(options);
  if ('error' in select) return usage(select.error);
  const { pack, hadErrors } = preparePack(options.rules);
  if (!pack) return undefined;
  const gates = parseGateSpec(gateInput, Object.keys(pack.signals));
  if ('error' in gates) return usage(gates.error);
  if (inputs.length === 0) inputs = ['-'];
  if (inputs.includes('-') && isatty(0)) return usage('no input files given and stdin is a terminal; try `cxlint score fixtures/calls`');
  const targets = parseAhtTargets(options.ahtTarget);
  if ('error' in targets) return usage(targets.error);
  const baseline = options.baseline !== undefined ? loadBaseline(options.baseline) : undefined;
  if (baseline && 'error' in baseline) return usage(baseline.error);
  const threads = parseConcurrency(options.concurrency);
  if (typeof threads === 'string') return usage(threads);
  return {
    inputs,
    rules: options.rules ?? [],
    threads,
    read: read.options,
    pack,
    packErrors: hadErrors,
    targets: targets.targets,
    gates: gates.spec,
    select: select.spec,
    ...(baseline ? { baseline: baseline.matcher } : {}),
  };
}

export async function scoreCommand(inputs: string[], options: ScoreOptions): Promise<number> {
  const plan = planScore(inputs, options);
  if (!plan) return EXIT_ERROR;
  if (options.showPii) stderrLine('cxlint: --show-pii: card numbers, e-mails and phone numbers are shown unredacted');
  const formatter = chooseFormatter(options, plan.pack, plan.gates);
  const out = openOutput(options.output);
  if (!out) return EXIT_ERROR;
  try {
    return await runScore(plan, options, formatter, out);
  } catch (e) {
    out.discard();
    throw e;
  }
}

async function runScore(plan: ScorePlan, options: ScoreOptions, formatter: Formatter, out: Output): Promise<number> {
  const { pack } = plan;
  const grouped = emptyGrouped(options.groupBy);
  const errors: InputError[] = [];
  const roles = roleWarnings();
  let scored = 0;
  let ruleErrors = 0;
  const gates = emptyGateState();
  // Progress only where it cannot interleave with results: stderr is a terminal and stdout is not,
  // or the output is the table (printed once, at the end) or a file.
  const showProgress =
    options.progress !== false && process.stderr.isTTY === true && (options.format === 'table' || options.output !== undefined || !process.stdout.isTTY);
  let lastProgress = Date.now();
  const skipped: SkippedCall[] = [];
  const skippedSeq: number[] = [];
  const duplicates = duplicateIds();
  const interrupt = watchInterrupts();
  // let the event loop run now and then, so a closed pipe (`| head`) and Ctrl-C are noticed promptly
  let sinceYield = 0;
  let lastYield = Date.now();
  const breathe = async () => {
    if (++sinceYield < 64 && Date.now() - lastYield < 20) return;
    await new Promise((resolve) => setImmediate(resolve));
    sinceYield = 0;
    lastYield = Date.now();
  };

  const selector = new CallSelector<{ call: Call; seq: number }>(plan.select);
  // Without --sample or --shard every call is scored, so a call's position is known when it is
  // written, and large JSONL files can be read in the worker threads too.
  const plain = !plan.select.sample && !plan.select.shard;
  let position = 0;
  // the main thread collects when the process passes its memory budget (a higher one with workers,
  // whose heaps are part of the process)
  const collect = heapCollector(plan.threads > 1 ? MEMORY_BUDGET_WITH_WORKERS_BYTES : MEMORY_BUDGET_BYTES, COLLECT_EVERY_CHECKS);
  let turnsSinceCheck = 0;
  // the meta table is loaded once, here, for this thread's reader and every worker alike
  const table = metaTableOf(plan.read);
  // notes about the input (a file read as Windows-1252) take their place in the output queue, so
  // they reach stderr in the same order as the warnings about records, whatever the threads
  const read: ReadOptions = {
    ...plan.read,
    ...(table ? { metaTable: table } : {}),
    spareChunk: () => spareChunks.pop(),
    onNote: (note) => {
      queue.push({ ready: Promise.resolve(), write: () => plan.read.onNote?.(note), records: 1 });
      queued++;
    },
  };
  // digests: calls formatted where they are scored, for formats that write each call on its own
  const digest: DigestSettings | undefined =
    (options.format === 'ndjson' || options.format === 'csv') && !plan.baseline
      ? { format: options.format, redact: !options.showPii, ...(options.groupBy !== undefined ? { groupBy: options.groupBy } : {}) }
      : undefined;
  const settings: LineSettings = { read: readOptionsData(read), targets: plan.targets, ...(digest ? { digest } : {}) };
  const pool = new PackPool(pack, {
    threads: plan.threads,
    startAfter: WORKERS_AFTER_CALLS,
    rules: plan.rules,
    settings,
    onWarning: (message) => stderrLine(`cxlint: warning: ${message}`),
  });
  // Output in input order: each record waits here until every record before it is written. With
  // workers, several calls are in flight at once; in the main thread the queue never holds more than one.
  const queue: { ready: Promise<unknown>; write: () => void; records: number }[] = [];
  let queued = 0;
  const flush = async (keep: number) => {
    while (queue.length > 0 && queued > keep) {
      const head = queue.shift()!;
      queued -= head.records;
      await head.ready;
      head.write();
      // a slow reader of stdout sets the pace: nothing piles up unwritten in memory
      await out.drained();
    }
  };
  const inFlight = () => (pool.parallel ? IN_FLIGHT_PER_THREAD * plan.threads : 0);
  /** Queue a job; its outcomes are written once every earlier record is written. */
  const enqueue = async (job: PackJob, seq?: number) => {
    let done: CallOutcome[] | undefined;
    const ready = pool.run(job).then((r) => (done = r));
    // awaited in order by flush; this branch only keeps a failure from counting as unhandled meanwhile
    ready.catch(() => undefined);
    const records = jobRecords(job);
    queue.push({ ready, write: () => writeOutcomes(done!, job, seq), records });
    queued += records;
    await flush(inFlight());
  };
  const enqueueWritten = async (write: () => void) => {
    queue.push({ ready: Promise.resolve(), write, records: 1 });
    queued++;
    await flush(inFlight());
  };

  const writeError = (error: InputError) => {
    errors.push(error);
    out.write(formatter.error(error));
  };
  const writeSkipped = (record: SkippedCall, seq: number) => {
    skipped.push(record);
    skippedSeq.push(seq);
    out.write(formatter.skipped?.(record) ?? '');
  };

  /**
   * The in-order part of scoring a call. A repeated id is found here, in input order whichever
   * thread scored the call, and noted in its result (notes do not change a score).
   */
  const writeScored = (seq: number, { result: first, ruleErrors: failures }: ScoredCall) => {
    roles.note(first);
    const duplicate = duplicates.check(first);
    if (duplicate) stderrLine(`cxlint: warning: ${where(first.source)}: ${duplicate}`);
    const scoredResult = duplicate ? { ...first, notes: [...(first.notes ?? []), duplicate] } : first;
    const baselined = plan.baseline ? plan.baseline.apply(scoredResult, pack.scoring) : scoredResult;
    const result = options.showPii ? baselined : redactResult(baselined);
    countScored(seq, result, failures, formatter.call(result));
  };

  /**
   * A call formatted where it was scored: the same steps as writeScored, which gets the call whole
   * (scored again here) when its id repeats an earlier one, since the note changes its text.
   */
  const writeDigest = (seq: number, d: CallDigest, whole: () => CallOutcome | undefined) => {
    if (duplicates.check(d)) {
      // scored in one thread, failing in another: an engine fault, kept at the call's place
      const again = whole();
      if (again?.kind === 'scored') writeScored(seq, again.scored);
      else writeError(again?.kind === 'error' ? again.error : { file: d.source.file, record: d.source.record, ...(d.source.line !== undefined ? { line: d.source.line } : {}), message: `call ${d.id} could not be scored again` });
      return;
    }
    roles.note(d);
    countScored(seq, d, d.ruleErrors, d.text);
  };

  const countScored = (seq: number, result: CallDigest | CallResult, failures: ScoredCall['ruleErrors'], text: string) => {
    scored++;
    for (const e of failures) {
      ruleErrors++;
      stderrLine(`cxlint: rule ${e.ruleId} failed on call ${result.id}: ${e.message}`);
    }
    addToGates(gates, result, seq);
    addToGrouped(grouped, result);
    out.write(text);
    turnsSinceCheck += result.turnCount;
    if (turnsSinceCheck >= COLLECT_CHECK_TURNS) {
      turnsSinceCheck = 0;
      collect();
    }
    if (showProgress && Date.now() - lastProgress > 500) {
      lastProgress = Date.now();
      process.stderr.write(`\rscored ${scored} calls, ${errors.length} errors`);
    }
  };

  // invalid UTF-8 is noted once per file, at its first line holding U+FFFD, as readCalls notes it
  let utf8Noted = false;
  // chunk buffers written out, for the reader to fill again (a worker was sent a copy)
  const spareChunks: Uint8Array[] = [];
  /** seq: the call's input position when a selection decided it; else counted here, in input order. */
  const writeOutcomes = (outcomes: CallOutcome[], job: PackJob, seq?: number) => {
    if ('chunk' in job && job.chunk.line === 0) utf8Noted = false;
    for (const outcome of outcomes) {
      if (outcome.kind === 'error') writeError(outcome.error);
      else if (outcome.kind === 'skipped') writeSkipped(outcome.record, seq ?? position++);
      else if (outcome.kind === 'scored') writeScored(seq ?? position++, outcome.scored);
      else if (outcome.kind === 'digest') writeDigest(seq ?? position++, outcome.digest, () => wholeCall(job, outcome.digest));
      else if (!utf8Noted) {
        utf8Noted = true;
        plan.read.onNote?.(outcome.note);
      }
    }
    if ('chunk' in job && spareChunks.length < MAX_SPARE_CHUNKS) spareChunks.push(new Uint8Array(job.chunk.bytes.buffer));
  };
  /**
   * The whole outcome of a call that came back as a digest: its line scored again, here. The chunk
   * is decoded once for all of its lines that need it (a file exported twice repeats every id:
   * decoding the chunk again for each made such a run twice as slow).
   */
  let decoded: { job: PackJob; lines: JsonlLine[] } | undefined;
  const wholeCall = (job: PackJob, d: CallDigest): CallOutcome | undefined => {
    if (!('chunk' in job)) return undefined;
    if (decoded?.job !== job) decoded = { job, lines: chunkLines(job.chunk) };
    const line = decoded.lines.find((l) => l.line === d.source.line);
    return line && scoreChunkLine(pack, job.chunk, line, settings);
  };

  try {
    out.write(formatter.start(runHeader(pack, options.groupBy, plan.targets, !options.showPii, selectionSetting(plan.select))));
    for (const item of plain ? readCallsDeferred(plan.inputs, read) : readCalls(plan.inputs, read)) {
      await breathe();
      if (out.closed || interrupt.signal) break;
      if (item.kind === 'error') {
        // not sharded: every shard reports every bad record, and merge counts each once
        await enqueueWritten(() => writeError(item.error));
      } else if (item.kind === 'chunk') {
        if (item.chunk.fileBytes >= WORKERS_NOW_FILE_BYTES) pool.startNow();
        await enqueue({ chunk: item.chunk });
      }
      else if (plain) await enqueue({ call: item.call });
      else {
        const seq = selector.position;
        if (selector.offer({ item: { call: item.call, seq }, id: item.call.id, meta: item.call.meta }) === 'score') await enqueue({ call: item.call }, seq);
      }
    }
    for (const { call, seq } of selector.finish()) {
      await breathe();
      if (out.closed || interrupt.signal) break;
      await enqueue({ call }, seq);
    }
    if (!out.closed && !interrupt.signal) await flush(0);
  } finally {
    await pool.close();
  }
  if (showProgress) process.stderr.write('\r\x1b[K');
  if (interrupt.signal) {
    out.discard();
    stderrLine(`cxlint: interrupted (${interrupt.signal}) after ${scored} call(s); the output is incomplete`);
    return exitCodeForSignal(interrupt.signal);
  }
  if (out.error) return writeFailed(out);
  if (out.closed) return EXIT_OK;
  const order = pack.signals;
  if (options.groupBy && scored > 0 && [...grouped.groups.keys()].every((k) => k === NO_GROUP)) {
    stderrLine(`cxlint: warning: no call has a "${options.groupBy}" meta field; every call is in the group ${NO_GROUP}`);
  }
  const gated = hasGates(plan.gates);
  const failures = gated ? evaluateGates(plan.gates, gates) : [];
  out.write(
    formatter.end({
      counts: { inputs: scored + skipped.length + errors.length, scored, skipped: skipped.length, errors: errors.length, ...(plan.select.sample ? { notSelected: selector.notSelected } : {}) },
      summary: finishSummary(grouped.all, order),
      groups: finishGroups(grouped, order),
      errors,
      skipped,
      ...(gated ? { gates: failures } : {}),
      state: {
        signals: pack.signals,
        all: grouped.all,
        groups: [...grouped.groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        gates,
        skipped: skipped.map((k, i) => [skippedSeq[i]!, k]),
        ruleErrors,
        packErrors: plan.packErrors,
      },
    }),
  );
  if (out.error) return writeFailed(out);
  await out.commit();
  if (out.error) return writeFailed(out);
  roles.finish();
  for (const e of errors) stderrLine(`cxlint: input error: ${describeInputError(e)}`);
  for (const k of skipped) stderrLine(`cxlint: skipped: ${k.file}${k.line ? `:${k.line}` : ''}: call ${k.id}: ${k.reason}`);
  if (errors.length > 0) stderrLine(`cxlint: ${errors.length} input error(s); ${scored} call(s) scored`);
  const stale = plan.baseline ? staleLine(plan.baseline.stale()) : undefined;
  if (stale) stderrLine(stale);
  for (const f of failures) stderrLine(`cxlint: ${f.message}`);
  return exitCode({ configError: plan.packErrors, runErrors: errors.length + ruleErrors, gateFailures: failures.length, reportOnly: options.reportOnly === true });
}

/** A write error other than a closed pipe (a full disk): exit 2, and a file output keeps its old content. */
function writeFailed(out: Output): number {
  out.discard();
  stderrLine(`cxlint: cannot write the output: ${out.error?.message ?? 'unknown error'}`);
  return EXIT_ERROR;
}

/**
 * 2 for errors, 1 for a failed gate, else 0. --report-only turns results (failed gates, bad input
 * records, a rule failing on a call) into 0, but not a configuration that did not load.
 */
export function exitCode(o: { configError: boolean; runErrors: number; gateFailures: number; reportOnly: boolean }): number {
  if (o.configError) return EXIT_ERROR;
  if (o.reportOnly) return EXIT_OK;
  if (o.runErrors > 0) return EXIT_ERROR;
  return o.gateFailures > 0 ? EXIT_THRESHOLD : EXIT_OK;
}
