import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunTargets } from '../engine/call-context.js';
import type { Call } from '../model/call.js';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { runAndScore, type ScoredCall } from '../scoring/run-and-score.js';
import type { PackWorkerData, PackWorkerReply } from './pack-worker.js';

export interface PackPoolOptions {
  /** Worker threads to use; 1 or less runs every call in the main thread. */
  threads: number;
  /** Calls run in the main thread before any worker starts: a short run never pays for start-up. */
  startAfter: number;
  /** The rule folders the pack was loaded from (each worker loads them itself). */
  rules: string[];
  targets: RunTargets;
  /** Told once when workers cannot be used and the run goes on in the main thread. */
  onWarning?: (message: string) => void;
}

/**
 * A worker's young generation, in MB: running a pack makes short-lived garbage only (tokens,
 * candidates), so a small nursery costs no time and keeps each worker's resident memory down.
 */
const WORKER_YOUNG_GENERATION_MB = 6;

/** --concurrency default: one worker per core. */
export const defaultThreads = () => availableParallelism();

interface Pending {
  call: Call;
  notes: string[];
  resolve: (scored: ScoredCall) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

/**
 * Runs the pack on calls and scores them, in worker threads once a run is long enough. Results are
 * the objects runAndScore gives in the main thread (structured clones of them); the caller puts them
 * back in input order. The main thread keeps nothing of a call it has sent, so calls die young there.
 * A worker that fails hands its calls back to the main thread: nothing is lost.
 */
export class PackPool {
  private readonly slots: Slot[] = [];
  private submitted = 0;
  private nextId = 0;
  private started = false;
  private warned = false;

  constructor(
    private readonly pack: CompiledPack,
    private readonly options: PackPoolOptions,
  ) {}

  /** Whether calls now go to workers (so several may be in flight at once). */
  get parallel(): boolean {
    return this.slots.some((s) => s.alive);
  }

  /** notes: what the caller found about the call in input order (a repeated id), kept in its result. */
  run(call: Call, notes: string[]): Promise<ScoredCall> {
    this.submitted++;
    if (this.options.threads > 1 && !this.started && this.submitted > this.options.startAfter) this.start();
    const live = this.slots.filter((s) => s.alive);
    if (live.length === 0) return this.inMainThread(call, notes);
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<ScoredCall>((resolve, reject) => {
      slot.pending.set(id, { call, notes, resolve, reject });
      slot.worker.postMessage({ id, call, notes });
    });
  }

  async close(): Promise<void> {
    const workers = this.slots.map((s) => s.worker);
    this.slots.forEach((s) => (s.alive = false));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private inMainThread(call: Call, notes: string[]): Promise<ScoredCall> {
    try {
      return Promise.resolve(runAndScore(this.pack, call, this.options.targets, notes));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private start(): void {
    this.started = true;
    const data: PackWorkerData = { rules: this.options.rules, targets: this.options.targets, packHash: this.pack.info.hash };
    for (let i = 0; i < this.options.threads; i++) {
      let worker: Worker;
      try {
        worker = new Worker(new URL('./pack-worker.js', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: 48 } });
      } catch (e) {
        this.fail(undefined, (e as Error).message);
        return;
      }
      const slot: Slot = { worker, pending: new Map(), alive: true };
      this.slots.push(slot);
      worker.on('message', (reply: PackWorkerReply) => this.receive(slot, reply));
      worker.on('error', (e) => this.fail(slot, e.message));
      worker.on('exit', (code) => {
        if (slot.alive) this.fail(slot, `exited with code ${code}`);
      });
    }
  }

  private receive(slot: Slot, reply: PackWorkerReply): void {
    if ('unusable' in reply) {
      this.fail(slot, reply.unusable);
      return;
    }
    const pending = slot.pending.get(reply.id);
    if (!pending) return;
    slot.pending.delete(reply.id);
    // a call the worker could not run is run again here, so the failure is the main thread's own
    if ('error' in reply) this.inMainThread(pending.call, pending.notes).then(pending.resolve, pending.reject);
    else pending.resolve(reply.scored);
  }

  /** Retire a worker; its calls run in the main thread, in the order they were sent. */
  private fail(slot: Slot | undefined, why: string): void {
    if (slot) {
      slot.alive = false;
      void slot.worker.terminate();
      const pending = [...slot.pending.values()];
      slot.pending.clear();
      for (const p of pending) this.inMainThread(p.call, p.notes).then(p.resolve, p.reject);
    }
    if (!this.warned) {
      this.warned = true;
      this.options.onWarning?.(`a worker thread could not be used (${why}); scoring goes on in the main thread`);
    }
  }
}
