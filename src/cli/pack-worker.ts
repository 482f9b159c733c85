import { parentPort, workerData } from 'node:worker_threads';
import { loadPacks } from '../io/load-packs.js';
import type { DeferredLine } from '../io/read-calls.js';
import type { Call } from '../model/call.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { runAndScore, type ScoredCall } from '../scoring/run-and-score.js';
import { scoreLine, type LineOutcome, type LineSettings } from './score-line.js';

/** What the main thread gives a worker: the same rule folders, targets and read settings it uses. */
export interface PackWorkerData {
  rules: string[];
  /** The pack hash the main thread compiled: a worker that reads different rule files stops. */
  packHash: string;
  settings: LineSettings;
}

/** A call read in the main thread (with its notes), or a JSONL line for the worker to read. */
export type PackJob = { call: Call; notes: string[] } | { line: DeferredLine };
export type JobResult = { scored: ScoredCall } | { outcome: LineOutcome };

export type PackWorkerRequest = { id: number; job: PackJob };
export type PackWorkerReply = { id: number; result: JobResult } | { id: number; error: string } | { unusable: string };

/** The work of one job; the same function runs in the main thread when no worker does. */
export function runJob(pack: CompiledPack, job: PackJob, settings: LineSettings): JobResult {
  return 'line' in job ? { outcome: scoreLine(pack, job.line, settings) } : { scored: runAndScore(pack, job.call, settings.targets, job.notes) };
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
