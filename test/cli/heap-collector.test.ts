import { describe, expect, it } from 'vitest';
import { heapCollector } from '../../src/cli/heap-collector.js';

/** An object only weakly held, made in a function so nothing else keeps it. */
function weaklyHeld(): WeakRef<object> {
  return new WeakRef({ big: new Array(1000).fill('x') });
}
// a WeakRef target is kept until the end of the current job: check on a later turn
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('heapCollector', () => {
  it('over budget, collects garbage: an object only weakly held is gone afterwards', async () => {
    const collect = heapCollector(0);
    const ref = weaklyHeld();
    await nextTurn();
    expect(collect()).toBe(true);
    expect(ref.deref()).toBeUndefined();
  });

  it('under budget, does nothing', async () => {
    const collect = heapCollector(Number.MAX_SAFE_INTEGER);
    const ref = weaklyHeld();
    await nextTurn();
    expect(collect()).toBe(false);
    expect(ref.deref()).toBeDefined();
  });

  it('collects at most once every N checks, and reads memory through the given probe', () => {
    let rss = 500;
    const collect = heapCollector(100, 3, () => rss);
    expect([collect(), collect(), collect(), collect(), collect(), collect(), collect()]).toEqual([true, false, false, true, false, false, true]);
    rss = 50;
    expect([collect(), collect(), collect()]).toEqual([false, false, false]);
  });
});
