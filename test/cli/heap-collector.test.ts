import { describe, expect, it } from 'vitest';
import { heapCollector } from '../../src/cli/heap-collector.js';

describe('heapCollector', () => {
  it('collects garbage when called: an object only weakly held is gone afterwards', async () => {
    const collect = heapCollector();
    let ref: WeakRef<object> | undefined;
    (() => {
      ref = new WeakRef({ big: new Array(1000).fill('x') });
    })();
    // a WeakRef target is kept until the end of the current job: collect on a later turn
    await new Promise((resolve) => setTimeout(resolve, 0));
    collect();
    expect(ref!.deref()).toBeUndefined();
  });
});
