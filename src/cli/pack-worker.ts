import { parentPort, workerData } from 'node:worker_threads';
import { loadPacks } from '../io/load-packs.js';
import type { DeferredChunk } from '../io/read-calls.js';
import type { Call } from '../model/call.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { scoreChunk, triageAndScore, type CallOutcome, type LineSettings } from './score-line.js';

/** What the main thread gives a worker: the same rule folders, targets and read settings it uses. */
export interface PackWorkerData {
  rules: string[];
  /** The pack hash the main thread compiled: a worker that reads different rule files stops. */
  packHash: string;
  settings: LineSettings;
}

/** A call read in the main thread, or a chunk of JSONL lines for the worker to decode and read. */
export type PackJob = { call: Call } | { chunk: DeferredChunk };

export type PackWorkerRequest = { id: number; job: PackJob };
export type PackWorkerReply = { id: number; outcomes: CallOutcome[] } | { id: number; error: string } | { unusable: string };

/** The records a job stands for: 1 for a call, the non-blank lines of a chunk. */
export const jobRecords = (job: PackJob) => ('chunk' in job ? job.chunk.records : 1);

/**
 * The work of one job, an outcome per record in input order (a chunk may add notes); the same
 * function runs in the main thread when no worker does. A call that cannot be scored (an engine
 * fault on input nobody foresaw) is an error at its position, and the batch goes on.
 */
export function runJob(pack: CompiledPack, job: PackJob, settings: LineSettings): CallOutcome[] {
  if ('chunk' in job) return scoreChunk(pack, job.chunk, settings);
  try {
    return [triageAndScore(pack, job.call, settings.targets)];
  } catch (e) {
    const { file, record, line } = job.call.source;
    return [{ kind: 'error', error: { file, record, ...(line !== undefined ? { line } : {}), message: `call ${job.call.id} could not be scored: ${(e as Error).message}` } }];
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
      reply = { id, outcomes: runJob(pack, job, data.settings) };
    } catch (e) {
      reply = { id, error: (e as Error).message };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as PackWorkerData);
