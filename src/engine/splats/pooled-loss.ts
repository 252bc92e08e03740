// The training loss (loss.ts) over a KernelPool: the four row passes run as 'splats.loss-1..4'
// in `chunks` row ranges each, over scratch planes in the pool's memory (allocated once per
// image size, reused every step). The photo is copied into pool memory first (the pool's
// threads can only see shared arrays). Results depend on `chunks`, not on the thread count.
import type { KernelArgs } from '../parallel/kernel-pool';
import { LOSS_G_PLANES, LOSS_H_PLANES, lossValue, type LossValue } from './loss';

/** A KernelPool or anything that runs kernels like one (AdaptiveKernelRunner). */
export interface KernelRunner { run<R = unknown>(kernel: string, args: KernelArgs, chunkCount: number): Promise<R[]> }

type Alloc = <T>(C: (new (b: ArrayBufferLike, offset: number, length: number) => T) & { BYTES_PER_ELEMENT: number }, length: number) => T;

export class PooledSplatLoss {
  private n = 0;
  private target = new Float32Array(0);
  private grad = new Float32Array(0);
  private hp = new Float64Array(0);
  private gp = new Float64Array(0);

  constructor(private readonly pool: KernelRunner, private readonly alloc: Alloc, readonly chunks: number) {}

  /**
   * Loss of `render` (pool memory, [H*W*3]) against `photo` [H*W*3]; returns the value and
   * dL/drender (a pool buffer, valid until the next call).
   */
  async compute(render: Float32Array, photo: ArrayLike<number>, w: number, h: number, ssimWeight: number): Promise<{ value: LossValue; grad: Float32Array }> {
    const n = w * h;
    if (n > this.n) {
      this.target = this.alloc(Float32Array, 3 * n); this.grad = this.alloc(Float32Array, 3 * n);
      this.hp = this.alloc(Float64Array, LOSS_H_PLANES * n); this.gp = this.alloc(Float64Array, LOSS_G_PLANES * n);
      this.n = n;
    }
    const target = this.target.subarray(0, 3 * n), grad = this.grad.subarray(0, 3 * n);
    target.set(photo);
    const args = { buffers: { render: render.subarray(0, 3 * n), target, grad, hp: this.hp, gp: this.gp }, params: { w, h, ssimWeight } };
    const chunks = Math.min(this.chunks, h);
    const sums = await this.pool.run<[number, number]>('splats.loss-1', args, chunks);
    const ssims = await this.pool.run<number>('splats.loss-2', args, chunks);
    await this.pool.run('splats.loss-3', args, chunks);
    await this.pool.run('splats.loss-4', args, chunks);
    let l1 = 0, se = 0, ssimSum = 0;
    for (let c = 0; c < chunks; c++) { l1 += sums[c][0]; se += sums[c][1]; ssimSum += ssims[c]; }
    return { value: lossValue(l1, se, ssimSum, w, h, ssimWeight), grad };
  }
}
