// SplatRasterizer: forward and backward of a whole image through a KernelPool, with every
// array the kernels touch in the pool's shared memory. One forward() is followed by at most
// one backward() on the same state. Shapes are in project.ts and raster.ts.
import { SerialKernelPool, type KernelBuffer, type KernelPool } from '../parallel/kernel-pool';
import type { SplatCamera } from './camera';
import { GRAD_STRIDE, type GaussianArrays, type Projected, type ShLayout } from './project';
import { AdaptiveKernelRunner } from './adaptive-runner';
import { SPLAT_KERNELS } from './kernels';
import { CLAMPS_DEFAULTS, MAX_GAUSSIANS, countTiles, fillTiles, type Clamps } from './raster';

/** Gradient chunks of the backward pass; fixed so results do not depend on the thread count. */
export const DEFAULT_GRAD_CHUNKS = 4;

interface Step { kernel: string; chunks: number }

type Ctor<T> = new (b: ArrayBufferLike, offset: number, length: number) => T;

export class SplatRasterizer {
  readonly pool: KernelPool;
  /** Runs kernels over the pool or on this thread, whichever is faster (same results). */
  readonly runner: AdaptiveKernelRunner;
  readonly gradChunks: number;
  private cap = 0;
  private pixels = 0;
  private tiles = 0;
  private pairCap = 0;
  private proj!: Projected;
  private gbufs: Float32Array[] = [];
  private ndc = new Float32Array(0);
  private offsets = new Int32Array(0);
  private cursor = new Int32Array(0);
  private ids = new Int32Array(0);
  private image = new Float32Array(0);
  private finalT = new Float32Array(0);
  private nContrib = new Int32Array(0);
  private gImage = new Float32Array(0);
  private state: { g: GaussianArrays; n: number; sh: ShLayout; cam: SplatCamera; bg: [number, number, number] } | null = null;

  readonly clamps: Clamps;

  constructor(pool?: KernelPool, gradChunks = DEFAULT_GRAD_CHUNKS, clamps: Clamps = CLAMPS_DEFAULTS) {
    this.pool = pool ?? new SerialKernelPool(SPLAT_KERNELS);
    this.runner = new AdaptiveKernelRunner(this.pool, SPLAT_KERNELS);
    this.gradChunks = gradChunks;
    this.clamps = clamps;
  }

  /** A typed array in the pool's memory. */
  alloc<T>(C: Ctor<T> & { BYTES_PER_ELEMENT: number }, length: number): T {
    return new C(this.pool.alloc(Math.max(1, length) * C.BYTES_PER_ELEMENT), 0, length);
  }

  private ensure(n: number, cam: SplatCamera): void {
    if (n > MAX_GAUSSIANS) throw new Error(`SplatRasterizer: ${n} Gaussians exceed the limit of ${MAX_GAUSSIANS}`);
    if (n > this.cap) {
      const cap = Math.max(n, Math.ceil(this.cap * 1.5), 64);
      this.proj = {
        mean2d: this.alloc(Float32Array, 2 * cap), conic: this.alloc(Float32Array, 3 * cap), depth: this.alloc(Float32Array, cap),
        radius: this.alloc(Int32Array, cap), rect: this.alloc(Int32Array, 4 * cap), color: this.alloc(Float32Array, 3 * cap),
        opacity: this.alloc(Float32Array, cap), clamped: this.alloc(Uint8Array, 3 * cap),
      };
      this.gbufs = Array.from({ length: this.gradChunks }, () => this.alloc(Float32Array, GRAD_STRIDE * cap));
      this.ndc = this.alloc(Float32Array, cap);
      this.cap = cap;
    }
    const px = cam.width * cam.height, tiles = cam.tilesX * cam.tilesY;
    if (px > this.pixels) {
      this.image = this.alloc(Float32Array, 3 * px); this.gImage = this.alloc(Float32Array, 3 * px);
      this.finalT = this.alloc(Float32Array, px); this.nContrib = this.alloc(Int32Array, px);
      this.pixels = px;
    }
    if (this.pairCap === 0) { this.pairCap = 1024; this.ids = this.alloc(Int32Array, this.pairCap); }
    if (tiles + 1 > this.tiles) { this.offsets = this.alloc(Int32Array, tiles + 1); this.cursor = new Int32Array(tiles + 1); this.tiles = tiles + 1; }
  }

  private buffers(grads?: GaussianArrays): Record<string, KernelBuffer> {
    const s = this.state!;
    const b: Record<string, KernelBuffer> = {
      ...s.g, ...this.proj, offsets: this.offsets, ids: this.ids, image: this.image, finalT: this.finalT,
      nContrib: this.nContrib, gImage: this.gImage, ndcGrad: this.ndc,
    };
    this.gbufs.forEach((g, c) => { b[`gbuf${c}`] = g; });
    if (grads) for (const [k, v] of Object.entries(grads)) b[`g_${k}`] = v as Float32Array;
    return b;
  }

  private params(): Record<string, unknown> {
    const s = this.state!;
    return { cam: s.cam, sh: s.sh, n: s.n, bg: s.bg, gradChunks: this.gradChunks, clamps: this.clamps };
  }

  private *forwardPlan(): Generator<Step, void, unknown[]> {
    const s = this.state!;
    yield { kernel: 'splats.project', chunks: this.gradChunks };
    const pairs = countTiles(this.proj, s.n, s.cam, this.offsets);
    if (pairs > this.pairCap) { this.pairCap = Math.max(pairs, Math.ceil(this.pairCap * 1.5)); this.ids = this.alloc(Int32Array, this.pairCap); }
    fillTiles(this.proj, s.n, s.cam, this.offsets, this.ids, this.cursor);
    yield { kernel: 'splats.raster', chunks: this.gradChunks };
  }

  private begin(g: GaussianArrays, n: number, sh: ShLayout, cam: SplatCamera, bg: [number, number, number]): void {
    this.ensure(n, cam);
    this.state = { g, n, sh, cam, bg };
  }

  /** Render; the returned image [H*W*3] is the rasterizer's buffer (valid until the next call). */
  async forward(g: GaussianArrays, n: number, sh: ShLayout, cam: SplatCamera, bg: [number, number, number]): Promise<Float32Array> {
    this.begin(g, n, sh, cam, bg);
    const plan = this.forwardPlan();
    for (let st = plan.next(); !st.done; st = plan.next([])) await this.runner.run(st.value.kernel, { buffers: this.buffers(), params: this.params() }, st.value.chunks);
    return this.image.subarray(0, 3 * cam.width * cam.height);
  }

  /** Same as forward() on the calling thread (previews, renderSplats); needs no threaded pool. */
  forwardSync(g: GaussianArrays, n: number, sh: ShLayout, cam: SplatCamera, bg: [number, number, number]): Float32Array {
    if (!(this.pool instanceof SerialKernelPool)) throw new Error('SplatRasterizer.forwardSync needs a SerialKernelPool');
    this.begin(g, n, sh, cam, bg);
    const plan = this.forwardPlan();
    for (let st = plan.next(); !st.done; st = plan.next([])) this.pool.runSync(st.value.kernel, { buffers: this.buffers(), params: this.params() }, st.value.chunks);
    return this.image.subarray(0, 3 * cam.width * cam.height);
  }

  /**
   * Gradients of the last forward() given dL/dimage [H*W*3]: parameter gradients into `grads`
   * (pool memory, same shapes as the parameters; entries of culled Gaussians are zeroed).
   */
  async backward(dImage: Float32Array, grads: GaussianArrays): Promise<void> {
    const s = this.state;
    if (!s) throw new Error('SplatRasterizer.backward called before forward');
    this.gImage.set(dImage.subarray(0, 3 * s.cam.width * s.cam.height));
    const args = { buffers: this.buffers(grads), params: this.params() };
    await this.runner.run('splats.raster-back', args, this.gradChunks);
    await this.runner.run('splats.project-back', args, this.gradChunks);
  }

  /** Per-Gaussian screen radius of the last forward (0 = not visible) [N]. */
  get radii(): Int32Array { return this.proj.radius.subarray(0, this.state?.n ?? 0); }
  /** Per-Gaussian |dL/d mean2d| in NDC units of the last backward [N]. */
  get ndcGrad(): Float32Array { return this.ndc.subarray(0, this.state?.n ?? 0); }
  get projected(): Projected { return this.proj; }
}
