import { parentPort, workerData } from 'node:worker_threads';
import type { RunTargets } from '../engine/call-context.js';

import { loadPacks } from '../io/load-packs.js';
import type { Call } from '../model/call.js';
import { runAndScore, type ScoredCall } from '../scoring/run-and-score.js';

/** What the main thread gives a worker: the same rule folders and targets it loaded itself. */
export interface PackWorkerData {
  rules: string[];
  targets: RunTargets;
  /** The pack hash the main thread compiled: a worker that reads different rule files stops. */
  packHash: string;
}

export type PackWorkerRequest = { id: number; call: Call; notes: string[] };
export type PackWorkerReply = { id: number; scored: ScoredCall } | { id: number; error: string } | { unusable: string };

/** Worker thread body: load the pack once, then run and score each call the main thread sends. */
function serve(port: NonNullable<typeof parentPort>, data: PackWorkerData): void {
  const { pack } = loadPacks(data.rules);
  if (!pack || pack.info.hash !== data.packHash) {
    port.postMessage({ unusable: pack ? 'the rule files changed since the run started' : 'the rules did not load' } satisfies PackWorkerReply);
    return;
  }
  port.on('message', ({ id, call, notes }: PackWorkerRequest) => {
    let reply: PackWorkerReply;
    try {
      reply = { id, scored: runAndScore(pack, call, data.targets, notes) };
    } catch (e) {
      reply = { id, error: (e as Error).message };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as PackWorkerData);
