// Runs splat kernels either over the host's KernelPool or on the calling thread, whichever has
// been faster lately for that kernel. A pool run costs a message round trip to every thread
// (structured clone of the buffer views, a wake-up, a reply): with few Gaussians or a small
// image, or on a loaded machine where a wake-up waits for a time slice, that costs more than
// the kernel itself (measured: 6,000 Gaussians at 100x100 took 77 ms per step in process and
// 139 ms over 2 threads, load average 11 on 2 cores). Where the chunks run never changes the
// result: chunk c computes the same thing either way and results are combined in chunk order,
// so the choice only changes the speed, and a fit stays deterministic given its chunk count.
// Choice: an exponential moving average of the wall time per kernel and per way; the first
// calls try both, then every EXPLORE_EVERY-th call tries the slower one again (costs change as
// densification grows the scene and as the machine's load changes).
import { lookupKernel, type KernelArgs, type KernelPool, type KernelRegistry, type KernelScratch } from '../parallel/kernel-pool';

export const ADAPTIVE_RUNNER_DEFAULTS = { exploreEvery: 24, warmupCalls: 4, smoothing: 0.25 };

interface Stat { local: number; pooled: number; calls: number }

/** Where kernels run: the faster way ('adaptive'), always over the pool, or always on the calling thread. */
export type KernelPlacement = 'adaptive' | 'pool' | 'local';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class AdaptiveKernelRunner {
  private readonly stats = new Map<string, Stat>();
  private readonly scratch: KernelScratch = new Map();
  /** Calls run on the calling thread and over the pool, for reports. */
  readonly counts = { local: 0, pooled: 0 };
  placement: KernelPlacement = 'adaptive';

  constructor(readonly pool: KernelPool, private readonly registry: KernelRegistry, private readonly o = ADAPTIVE_RUNNER_DEFAULTS) {}

  private local<R>(kernel: string, args: KernelArgs, chunkCount: number): R[] {
    const fn = lookupKernel(this.registry, kernel), out: R[] = [];
    for (let c = 0; c < chunkCount; c++) out.push(fn(args, c, chunkCount, this.scratch) as R);
    return out;
  }

  async run<R = unknown>(kernel: string, args: KernelArgs, chunkCount: number): Promise<R[]> {
    if (this.placement === 'local' || (this.placement === 'adaptive' && this.pool.threads <= 1)) { this.counts.local++; return this.local<R>(kernel, args, chunkCount); }
    if (this.placement === 'pool') { this.counts.pooled++; return this.pool.run<R>(kernel, args, chunkCount); }
    let s = this.stats.get(kernel);
    if (!s) { s = { local: NaN, pooled: NaN, calls: 0 }; this.stats.set(kernel, s); }
    const k = s.calls++;
    let pooled: boolean;
    if (k < this.o.warmupCalls) pooled = k % 2 === 1; // local first: it also warms up this thread's JIT
    else {
      const better = s.pooled < s.local;
      pooled = k % this.o.exploreEvery === 0 ? !better : better;
    }
    const t0 = now();
    const out = pooled ? await this.pool.run<R>(kernel, args, chunkCount) : this.local<R>(kernel, args, chunkCount);
    const dt = now() - t0, key = pooled ? 'pooled' : 'local';
    s[key] = Number.isNaN(s[key]) ? dt : s[key] + this.o.smoothing * (dt - s[key]);
    this.counts[key]++;
    return out;
  }
}
