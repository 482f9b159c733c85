import { parentPort, workerData } from 'node:worker_threads';
import { loadPacks } from '../io/load-packs.js';
import type { DeferredLine } from '../io/read-calls.js';
import type { Call } from '../model/call.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { scoreLine, triageAndScore, type CallOutcome, type LineSettings } from './score-line.js';

/** What the main thread gives a worker: the same rule folders, targets and read settings it uses. */
export interface PackWorkerData {
  rules: string[];
  /** The pack hash the main thread compiled: a worker that reads different rule files stops. */
  packHash: string;
  settings: LineSettings;
}

/** A call read in the main thread, or a JSONL line for the worker to read. */
export type PackJob = { call: Call } | { line: DeferredLine };

export type PackWorkerRequest = { id: number; job: PackJob };
export type PackWorkerReply = { id: number; result: CallOutcome } | { id: number; error: string } | { unusable: string };

/**
 * The work of one job; the same function runs in the main thread when no worker does. A call that
 * cannot be scored (an engine fault on input nobody foresaw) is an error at its position, and the
 * batch goes on.
 */
export function runJob(pack: CompiledPack, job: PackJob, settings: LineSettings): CallOutcome {
  try {
    return 'line' in job ? scoreLine(pack, job.line, settings) : triageAndScore(pack, job.call, settings.targets);
  } catch (e) {
    const why = `could not be scored: ${(e as Error).message}`;
    if ('line' in job) return { kind: 'error', error: { file: job.line.file, record: job.line.record, line: job.line.line, message: why } };
    const { file, record, line } = job.call.source;
    return { kind: 'error', error: { file, record, ...(line !== undefined ? { line } : {}), message: `call ${job.call.id} ${why}` } };
  }
}

/** Worker thread body: load the pack once, then run each job the main thread sends. */
function serve(port: NonNullable<typeof parentPort>, data: PackWorkerData): void {
  const { pack } = loadPacks(data.rules);
  if (!pack || pack.info.hash !== data.packHash) {
    port.postMessage({ unusable: pack ? 'the rule files changed since the run started' : 'the rules did not load' } satisfies PackWorkerReply);
    return;
  }
  port.on('message', ({ id, job }: PackWorkerRequest) => {
    let reply: PackWorkerReply;
    try {
      reply = { id, result: runJob(pack, job, data.settings) };
    } catch (e) {
      reply = { id, error: (e as Error).message };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as PackWorkerData);
