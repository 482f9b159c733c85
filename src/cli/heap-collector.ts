import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Resident memory of a single-threaded command above which it collects its garbage. */
export const MEMORY_BUDGET_BYTES = 150e6;
/**
 * The same with worker threads, whose heaps count too (the process's resident memory is what the
 * 200 MB bound is about). Collecting on a fixed beat instead (every 1,000 calls) kept ~160 MB but
 * cost ~1.5 s of CPU on the 136 MB corpus: twenty full collections of a heap mostly alive.
 */
export const MEMORY_BUDGET_WITH_WORKERS_BYTES = 175e6;

/**
 * A function to call now and then (every few dozen calls) that runs a full garbage collection when
 * the process's resident memory is over budget — at most once every `minChecksBetween` calls of it —
 * and does nothing where V8 will not give a collection.
 *
 * Why: V8 lets a busy heap grow well past what it holds alive before collecting it (the main thread
 * grew to ~110 MB while holding ~20 MB, the workers to ~70 MB each), and the flags that bound that
 * (--max-old-space-size, --max-semi-space-size) cannot be set from inside a running process. A
 * collection costs a few tens of ms; it runs only when memory is actually high.
 */
export function heapCollector(budgetBytes: number, minChecksBetween = 1, rss: () => number = process.memoryUsage.rss): () => boolean {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    const exposed = runInNewContext('gc') as unknown;
    if (typeof exposed === 'function') gc = exposed as () => void;
  } catch {
    // not exposed: leave collection to V8
  }
  let sinceLast = minChecksBetween;
  return () => {
    sinceLast++;
    if (!gc || sinceLast < minChecksBetween || rss() <= budgetBytes) return false;
    gc();
    sinceLast = 0;
    return true;
  };
}
