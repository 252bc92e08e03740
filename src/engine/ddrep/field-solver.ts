// The radiance field's own solver: the studio's hand-written voxel kernels (recon/marcher.ts forward and
// analytic backward, recon/sparse-adam.ts) fitting the grid to target images of a few fixed views,
//
//   theta' = argmin_theta (1/K) sum_k mean || f(theta)(pi_k) - target_k ||^2      (notes §1.5, Eq. 5/7/8)
//
// in the prior's value range [-1, 1]: f = 2 C - 1 with C the composited colour in [0, 1] (marcher.ts), so
// with c'_k = (target_k + 1) / 2 the loss is (4 / 3B) sum (C - c')^2 over B = K H W rays and its gradient
// dL/dC = (8 / 3B)(C - c'): the 'recon.march' kernel's `norm` is 8 / 3B (recon's trainer uses 2 / 3B for
// the plain mean). Every pixel of the K views is one ray of the batch (no sampling: the fit is the joint
// least-squares problem over exactly those views), each with the same jitter 0.5, so the model fitted is
// exactly the one render() shows (weightThreshold 0, no occupancy skipping: the gradient is exact and empty
// space can still grow density).
// Why not tfjs: tfjs-wasm has no backward for gather (UnsortedSegmentSum is not registered; recon/index.ts),
// so a tfjs trilinear voxel render cannot be trained there; these kernels can, on all the pool's threads.
// Shapes: grid density [N] and colour [N, 3] (SH degree 0) on N = nx ny nz vertices; rays [V P, 3] for the
// V fixed views of P = H W pixels each, row-major per view.
import { SerialKernelPool, type KernelArgs, type KernelPool } from '../parallel/kernel-pool';
import { ENGINE_KERNELS } from '../parallel/registry';
import { densityShift, makeGrid, type VoxelGrid } from '../recon/grid';
import { gridShape, type MarchChunkResult } from '../recon/kernels';
import { Marcher, type GradBuffers, type MarchParams } from '../recon/marcher';
import { makeMoments, mergeTouched, type AdamMoments, type AdamParams } from '../recon/sparse-adam';
import type { Aabb } from '../recon/types';

export interface FieldGridConfig {
  /** Cube [-extent, extent]^3 around the origin (the procedural objects span about +-0.65). */
  extent: number;
  /** Vertices per axis (cells = resolution - 1). */
  resolution: number;
  /** Ray-marching step as a fraction of the cell size (recon's presets: 0.5). */
  stepRatio: number;
  /** Per-step opacity of raw density 0 (DVGO's shift, recon/grid.ts densityShift). */
  alphaInit: number;
  /** Object-centric density init sigma = softplus(lambda (1 - |mu| / r)) * densityScale (ProlificDreamer). */
  blobStrength: number;
  blobRadius: number;
  /** Adam learning rates (recon's presets: 0.5 / 0.3 for fits from scratch; these are warm-started fits). */
  lrDensity: number;
  lrColor: number;
  /** Squared-difference TV weights (sparse-adam.ts); 0 = off. */
  tvDensity: number;
  tvColor: number;
}

export interface SolverFit {
  /** Indices of the fixed views being fitted, with one target [P 3] in [-1, 1] each. */
  views: readonly number[];
  targets: readonly Float32Array[];
  iterations: number;
  /** Multiplies both learning rates. */
  lrScale: number;
  /** Keep Adam moments from the previous call (one optimiser across calls, as SDS/SJC's). */
  keepState: boolean;
}

const FILE = 'ddrep/field-solver.ts';
const JITTER = 0.5;

export class FieldSolver {
  readonly grid: VoxelGrid;
  readonly params: MarchParams;
  readonly pool: KernelPool;
  readonly chunks: number;
  /** Bumped by every update of the grid; renders are cached per version. */
  version = 0;
  private moments: AdamMoments;
  private readonly grads: GradBuffers[];
  private readonly origins: Float32Array;
  private readonly dirs: Float32Array;
  private readonly colors: Float32Array;
  private readonly batch: Int32Array;
  private readonly jitter: Float64Array;
  private readonly marcher = new Marcher();
  private readonly floats: (n: number) => Float32Array;

  /** `rays`: origins and directions [V P, 3] of the V fixed views. */
  constructor(readonly config: FieldGridConfig, readonly pixels: number, rays: { origins: Float32Array; dirs: Float32Array }, pool?: KernelPool) {
    this.pool = pool ?? new SerialKernelPool(ENGINE_KERNELS);
    this.chunks = this.pool.threads;
    this.floats = (n) => new Float32Array(this.pool.alloc(4 * n));
    const e = config.extent;
    const aabb: Aabb = { min: [-e, -e, -e], max: [e, e, e] };
    const r = config.resolution;
    this.grid = makeGrid(aabb, [r, r, r], 1, undefined, this.floats);
    const shift = densityShift(config.alphaInit, config.stepRatio);
    const cell = this.grid.cell[0];
    this.params = {
      shift, scale: 1 / cell, dt: config.stepRatio * cell, near: 0, far: 1e3, weightThreshold: 0, entropyWeight: 0, background: [1, 1, 1],
    };
    this.initBlob();
    this.moments = makeMoments(this.grid, this.floats);
    const n = r * r * r;
    this.grads = Array.from({ length: this.chunks }, () => ({
      density: this.floats(n), color: this.floats(3 * n), touched: new Uint8Array(this.pool.alloc(n)), list: new Int32Array(this.pool.alloc(4 * n)), count: 0,
    }));
    const copy = (x: Float32Array) => { const y = this.floats(x.length); y.set(x); return y; };
    this.origins = copy(rays.origins);
    this.dirs = copy(rays.dirs);
    const rayCount = rays.origins.length / 3;
    this.colors = this.floats(3 * rayCount);
    this.batch = new Int32Array(this.pool.alloc(4 * rayCount));
    this.jitter = new Float64Array(this.pool.alloc(8 * rayCount)).fill(JITTER);
  }

  /**
   * raw_v = max(lambda (1 - |mu_v| / r) - shift, 0): sigma = softplus(lambda (1 - |mu| / r)) * scale inside the
   * blob (ProlificDreamer / threestudio "blob_magic3d"), and raw 0 (alpha = alphaInit per step) outside, not the
   * blob formula's large negative values, whose softplus gradient (~e^raw) would keep empty space from ever
   * growing density. Colour 0 -> sigmoid 0.5 = grey, i.e. f(theta) = 0 in the prior's range (notes §1.8).
   */
  private initBlob(): void {
    const { nx, ny, nz, aabb, cell, density } = this.grid;
    const { blobStrength: l, blobRadius: r } = this.config;
    for (let z = 0, v = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, v++) {
      const d = Math.hypot(aabb.min[0] + x * cell[0], aabb.min[1] + y * cell[1], aabb.min[2] + z * cell[2]);
      density[v] = Math.max(l * (1 - d / r) - this.params.shift, 0);
    }
  }

  /** A fresh optimiser (DDRep's inner fit: moments start at zero every outer step, like inner-fit.ts). */
  resetMoments(): void {
    const m = this.moments;
    m.mD.fill(0); m.vD.fill(0); m.mC.fill(0); m.vC.fill(0); m.t = 0;
  }

  /** Composite the rays (origins, dirs [n, 3]) into out [n, 3], colours in [0, 1]. Forward only. */
  renderRays(out: Float32Array, origins: Float32Array, dirs: Float32Array): void {
    const m = this.marcher, count = origins.length / 3;
    for (let i = 0; i < count; i++) {
      const o = 3 * i;
      m.forward(this.grid, null, this.params, origins[o], origins[o + 1], origins[o + 2], dirs[o], dirs[o + 1], dirs[o + 2], JITTER, false);
      out[o] = m.r; out[o + 1] = m.g; out[o + 2] = m.b;
    }
  }

  /** Rays of fixed view v (views into the shared arrays). */
  viewRays(v: number): { origins: Float32Array; dirs: Float32Array } {
    const n = 3 * this.pixels;
    return { origins: this.origins.subarray(v * n, (v + 1) * n), dirs: this.dirs.subarray(v * n, (v + 1) * n) };
  }

  /** Sparse-Adam fit (see the file comment); returns the mean squared error (in [-1, 1]) of the last forward pass. */
  async fit(f: SolverFit): Promise<number> {
    const P = this.pixels, V = this.origins.length / (3 * P);
    if (f.views.length !== f.targets.length || f.views.length === 0) {
      throw new Error(`${FILE}: need one target per view, got ${f.views.length} views and ${f.targets.length} targets`);
    }
    if (!Number.isInteger(f.iterations) || f.iterations < 0) throw new Error(`${FILE}: iterations must be a non-negative integer, got ${f.iterations}`);
    if (!(f.lrScale > 0)) throw new Error(`${FILE}: lr must be > 0, got ${f.lrScale}`);
    f.views.forEach((v, k) => {
      if (!Number.isInteger(v) || v < 0 || v >= V) throw new Error(`${FILE}: view index ${v} is not one of the ${V} fixed views`);
      if (f.targets[k].length !== 3 * P) throw new Error(`${FILE}: target ${k} has ${f.targets[k].length} values, expected ${3 * P}`);
    });
    if (!f.keepState) this.resetMoments();
    const B = f.views.length * P;
    f.views.forEach((v, k) => {
      const t = f.targets[k];
      for (let i = 0; i < P; i++) {
        this.batch[k * P + i] = v * P + i;
        for (let c = 0; c < 3; c++) this.colors[3 * (v * P + i) + c] = (t[3 * i + c] + 1) / 2;
      }
    });
    const g = this.grid, m = this.moments, c = this.config;
    const buffers: KernelArgs['buffers'] = {
      density: g.density, color: g.color, origins: this.origins, dirs: this.dirs, colors: this.colors, batch: this.batch, jitter: this.jitter,
      mD: m.mD, vD: m.vD, mC: m.mC, vC: m.vC,
    };
    this.grads.forEach((gb, k) => {
      buffers[`gD${k}`] = gb.density; buffers[`gC${k}`] = gb.color; buffers[`touched${k}`] = gb.touched; buffers[`list${k}`] = gb.list;
    });
    const adam: AdamParams = { lrDensity: c.lrDensity * f.lrScale, lrColor: c.lrColor * f.lrScale, tvDensity: c.tvDensity, tvColor: c.tvColor };
    const args: KernelArgs = { buffers, params: { grid: gridShape(g), march: this.params, batch: B, norm: 8 / (3 * B), adam, chunks: this.chunks, count: 0, t: 0 } };
    let se = NaN;
    for (let it = 0; it < f.iterations; it++) {
      const results = await this.pool.run<MarchChunkResult>('recon.march', args, this.chunks);
      se = 0;
      results.forEach((r, k) => { se += r.se; this.grads[k].count = r.count; });
      mergeTouched(this.grads);
      args.params.count = this.grads[0].count;
      await this.pool.run('recon.adam-gather', args, this.chunks);
      m.t++;
      args.params.t = m.t;
      await this.pool.run('recon.adam-apply', args, this.chunks);
      this.grads[0].count = 0;
      this.version++;
    }
    return (4 * se) / (3 * B);
  }
}
