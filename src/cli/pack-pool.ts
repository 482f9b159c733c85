import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CompiledPack } from '../ruleset/compile-pack.js';
import { jobRecords, runJob, type PackJob, type PackWorkerData, type PackWorkerReply } from './pack-worker.js';
import type { CallOutcome, LineSettings } from './score-line.js';

export interface PackPoolOptions {
  /**
   * Threads that score, the main thread included: N starts N − 1 workers and the main thread takes
   * one job in N itself; 1 or less runs every call in the main thread.
   */
  threads: number;
  /** Records run in the main thread before any worker starts: a short run never pays for start-up. */
  startAfter: number;
  /** The rule folders the pack was loaded from (each worker loads them itself). */
  rules: string[];
  /** Targets and read settings, the same in every thread. */
  settings: LineSettings;
  /** Told once when workers cannot be used and the run goes on in the main thread. */
  onWarning?: (message: string) => void;
}

/**
 * A worker's young generation, in MB: running a pack makes short-lived garbage only (tokens,
 * candidates, a chunk's text), so a small nursery keeps each worker's resident memory down. 6 MB
 * spent ~20 % of a worker's time collecting, and on the 1.36 GB corpus promoted enough to make the
 * run 1.7× slower than 12 MB (92 s against 68 s of CPU); 16 MB took the process to ~200 MB.
 */
const WORKER_YOUNG_GENERATION_MB = 12;
/**
 * A worker's old generation cap, in MB: a worker keeps the pack and the chunk in hand (~17 MB), and
 * the cap makes V8 collect before the heap swells (36 rather than 48 pays for the larger young
 * generation: same speed, ~8 MB less per worker). A call too big for it ends the worker; its calls
 * then run in the main thread (see fail), so a cap that is too low costs speed, never results.
 */
const WORKER_OLD_GENERATION_MB = 36;

/**
 * --concurrency default: one scoring thread per core (the main thread and a worker on 2 cores), at
 * most four. Each worker holds its own copy of the pack and heap (~40 MB resident), so beyond a few
 * cores memory grows faster than speed.
 */
export const defaultThreads = () => Math.min(availableParallelism(), MAX_DEFAULT_THREADS);
const MAX_DEFAULT_THREADS = 4;
/** Workers started in place of ones that died on a call, per run. */
const MAX_REPLACEMENTS = 4;

interface Pending {
  job: PackJob;
  resolve: (outcomes: CallOutcome[]) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

/**
 * Runs jobs — a call to score, or a chunk of JSONL lines to decode, read and score — in worker
 * threads once a run is long enough. Outcomes are what runJob gives in the main thread (structured
 * clones of them), one message per job; the caller puts them back in input order. A job stays here
 * until its outcomes come back, so a worker that fails hands its jobs back to the main thread:
 * nothing is lost.
 */
export class PackPool {
  private readonly slots: Slot[] = [];
  private submitted = 0;
  private nextId = 0;
  private started = false;
  private warned = false;
  private replacements = 0;
  private closed = false;
  /** Jobs handed out since workers started: every threads-th one is scored here. */
  private dealt = 0;

  constructor(
    private readonly pack: CompiledPack,
    private readonly options: PackPoolOptions,
  ) {}

  /** Whether calls now go to workers (so several may be in flight at once). */
  get parallel(): boolean {
    return this.slots.some((s) => s.alive);
  }

  /** The job's outcomes, in input order. */
  run(job: PackJob): Promise<CallOutcome[]> {
    this.submitted += jobRecords(job);
    if (this.submitted > this.options.startAfter) this.startNow();
    const live = this.slots.filter((s) => s.alive);
    // The main thread scores its share too: alone it only reads and writes, which left it idle
    // while a third isolate (and its memory) competed for the same cores.
    // (one job in N: a smaller share measured slower, 5.3–5.5 s against 4.9 s for 1 in 2 on 2 cores)
    if (live.length === 0 || this.dealt++ % this.options.threads === 0) return this.inMainThread(job);
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<CallOutcome[]>((resolve, reject) => {
      slot.pending.set(id, { job, resolve, reject });
      slot.worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.slots.map((s) => s.worker);
    this.slots.forEach((s) => (s.alive = false));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** Workers alive now. */
  get workerCount(): number {
    return this.slots.filter((s) => s.alive).length;
  }

  /** Jobs run in the main thread so far (its share, and any a worker handed back). */
  get jobsHere(): number {
    return this.ranHere;
  }
  private ranHere = 0;

  /** Run a job here and now (also what a failed worker's jobs come back to). */
  runHere(job: PackJob): CallOutcome[] {
    this.ranHere++;
    return runJob(this.pack, job, this.options.settings);
  }

  private inMainThread(job: PackJob): Promise<CallOutcome[]> {
    try {
      return Promise.resolve(this.runHere(job));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Start the workers now, not after `startAfter` records: the caller knows a long run is coming. */
  startNow(): void {
    if (this.options.threads <= 1 || this.started) return;
    this.started = true;
    for (let i = 1; i < this.options.threads; i++) if (!this.spawn()) return;
  }

  /** One more worker; false (after warning) when none can be started. */
  private spawn(): boolean {
    const data: PackWorkerData = { rules: this.options.rules, packHash: this.pack.info.hash, settings: this.options.settings };
    let worker: Worker;
    try {
      worker = new Worker(new URL('./pack-worker.js', import.meta.url), {
        workerData: data,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
      });
    } catch (e) {
      this.fail(undefined, (e as Error).message, false);
      return false;
    }
    const slot: Slot = { worker, pending: new Map(), alive: true };
    this.slots.push(slot);
    worker.on('message', (reply: PackWorkerReply) => this.receive(slot, reply));
    worker.on('error', (e) => this.fail(slot, e.message, true));
    worker.on('exit', (code) => {
      if (slot.alive) this.fail(slot, `exited with code ${code}`, true);
    });
    return true;
  }

  private receive(slot: Slot, reply: PackWorkerReply): void {
    if ('unusable' in reply) {
      // a replacement would read the same rule files: no point
      this.fail(slot, reply.unusable, false);
      return;
    }
    const pending = slot.pending.get(reply.id);
    if (!pending) return;
    slot.pending.delete(reply.id);
    // a call the worker could not run is run again here, so the failure is the main thread's own
    if ('error' in reply) this.inMainThread(pending.job).then(pending.resolve, pending.reject);
    else pending.resolve(reply.outcomes);
  }

  /**
   * Retire a worker; its calls run in the main thread, in the order they were sent. A worker that
   * died on a call (out of its memory on a call of tens of thousands of turns) is replaced, a few
   * times at most, so one odd call does not leave the rest of the run on fewer threads.
   */
  private fail(slot: Slot | undefined, why: string, replace: boolean): void {
    if (slot) {
      if (!slot.alive) return;
      slot.alive = false;
      void slot.worker.terminate();
      const pending = [...slot.pending.values()];
      slot.pending.clear();
      for (const p of pending) this.inMainThread(p.job).then(p.resolve, p.reject);
    }
    const replaced = replace && !this.closed && this.replacements < MAX_REPLACEMENTS && this.slots.some((s) => s.alive || s === slot);
    if (!this.warned) {
      this.warned = true;
      this.options.onWarning?.(`a worker thread stopped (${why}); its calls were scored in the main thread${replaced ? ', and a new worker took its place' : ', which goes on without it'}`);
    }
    if (replaced) {
      this.replacements++;
      this.spawn();
    }
  }
}
