// The adaptive kernel runner tries both ways, then keeps the faster one per kernel (and retries
// the other now and then); forced placements always take their way.
import { describe, expect, it } from 'vitest';
import type { KernelArgs, KernelPool, KernelRegistry } from '../parallel/kernel-pool';
import { AdaptiveKernelRunner } from './adaptive-runner';

/** A 2-thread pool that only pretends: after `delayMs` it answers with `registry`'s (cheap) kernels. */
function fakePool(registry: KernelRegistry, delayMs: number): KernelPool & { runs: number } {
  return {
    threads: 2, runs: 0,
    alloc: (bytes: number) => new ArrayBuffer(bytes),
    async run<R>(kernel: string, args: KernelArgs, chunks: number): Promise<R[]> {
      this.runs++;
      await new Promise((r) => setTimeout(r, delayMs));
      return Array.from({ length: chunks }, (_, c) => registry[kernel](args, c, chunks, new Map()) as R);
    },
    dispose: async () => {},
  };
}

const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end) { /* spin */ } };

describe('AdaptiveKernelRunner', () => {
  it('settles on the faster way per kernel and returns the same chunk results either way', async () => {
    const registry: KernelRegistry = { slowLocal: (_a, c) => { busy(6); return c * 10; }, cheap: (_a, c) => c + 1 };
    const pool = fakePool({ ...registry, slowLocal: (_a, c) => c * 10 }, 3);
    const r = new AdaptiveKernelRunner(pool, registry);
    const args = { buffers: {}, params: {} };
    for (let i = 0; i < 48; i++) expect(await r.run('cheap', args, 2)).toEqual([1, 2]);
    const cheapPooled = r.counts.pooled;
    expect(cheapPooled).toBeLessThanOrEqual(2 + 2); // the warm-up's two tries and at most two retries
    for (let i = 0; i < 48; i++) expect(await r.run('slowLocal', args, 2)).toEqual([0, 10]);
    expect(r.counts.pooled - cheapPooled).toBeGreaterThanOrEqual(40); // 12 ms in process vs ~3 ms "pooled"
    r.placement = 'local';
    const before = pool.runs;
    await r.run('slowLocal', args, 2);
    expect(pool.runs).toBe(before);
    r.placement = 'pool';
    await r.run('cheap', args, 2);
    expect(pool.runs).toBe(before + 1);
  });
});
