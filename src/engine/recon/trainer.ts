// The reconstruction optimiser: random ray batches -> march -> analytic grads -> sparse Adam,
// with coarse-to-fine stages. Allocation-free per step; deterministic given the seed and the
// thread count (all randomness comes from one serialisable Prng on the calling thread).
// Parallel (DESIGN.md "Parallel kernels"): the batch is split into one chunk per pool thread;
// each chunk is marched by the 'recon.march' kernel into its own gradient buffers, and
// sparse Adam sums the chunks in chunk order. Grid, rays, batch and gradient buffers live in
// `pool.alloc` memory so the pool's threads see them.
//
// Steps of one training step (DVGO Sec. 4-5, Plenoxels Sec. 3):
//  1. at a stage boundary: tighten the box (after stage 0), trilinearly upsample the grid,
//     reset Adam moments, recompute the occupancy mask;
//  2. draw `batchRays` training rays uniformly (with a jittered first sample each);
//  3. forward composite each ray, loss = mean squared error over rays and channels;
//  4. backward through the compositing and trilinear interpolation into touched vertices;
//  5. sparse Adam + TV on touched vertices, learning rates decayed exponentially (two phases,
//     gather and apply, each split over the pool's threads by vertex ranges);
//  6. every `occupancyEverySteps` steps refresh the empty-space mask;
//  7. with schedule.exposure: Adam on the per-image exposure maps (exposure.ts), whose gradients
//     the march kernel accumulates per chunk.
import type { Capture } from '../data/types';
import { ENGINE_KERNELS } from '../parallel/registry';
import { SerialKernelPool, type KernelArgs, type KernelPool } from '../parallel/kernel-pool';
import { densityShift, gridDims, makeGrid, rayBox, resampleGrid, shCoefCount, type FloatAlloc, type VoxelGrid } from './grid';
import { gridShape, type MarchChunkResult } from './kernels';
import { Marcher, type GradBuffers, type MarchParams } from './marcher';
import { exposureAdamStep, makeExposure, type ExposureState } from './exposure';
import { computeOccupancy } from './occupancy';
import { Prng } from './prng';
import { gridBoxOf, isMapped, WORLD_SPACE, type SceneSpace } from './space';
import { makeMoments, mergeTouched, type AdamMoments, type AdamParams } from './sparse-adam';
import type { Aabb, FitSchedule } from './types';
import { buildTrainRays, type TrainRays } from './train-rays';

export interface TrainerInit {
  schedule: FitSchedule;
  seed: number;
  /** Grid space (space.ts); absent = world box capture.aabb. */
  space?: SceneSpace;
  /** Threads to march ray batches on; default: in process. */
  pool?: KernelPool;
  /** Chunks per batch (default pool.threads). The result depends on this, not on the pool. */
  chunks?: number;
}

export class Trainer {
  readonly schedule: FitSchedule;
  readonly rays: TrainRays;
  totalSteps: number;
  grid: VoxelGrid;
  moments: AdamMoments;
  /** One gradient buffer set per chunk of the batch (= per pool thread). */
  grads: GradBuffers[] = [];
  readonly pool: KernelPool;
  readonly chunks: number;
  occ: Uint8Array | null = null;
  /** Per-image exposure maps (schedule.exposure), else null. */
  exposure: ExposureState | null = null;
  /** Per-chunk exposure gradients [V*6] each (pool memory). */
  private exposureGrads: Float32Array[] = [];
  private lrScale = 1;
  rng: Prng;
  step = 0;
  stage = 0;
  readonly shift: number;
  readonly scale: number;
  readonly params: MarchParams;
  private valid: Int32Array;
  private validCount = 0;
  private readonly marcher = new Marcher();
  private readonly inline = new SerialKernelPool(ENGINE_KERNELS);
  private readonly batch: Int32Array;
  private readonly jitter: Float64Array;
  readonly floats: FloatAlloc;

  constructor(capture: Capture, init: TrainerInit, rays?: TrainRays) {
    this.schedule = { ...init.schedule, stages: init.schedule.stages.map((st) => ({ ...st })) };
    this.pool = init.pool ?? this.inline;
    this.chunks = Math.max(1, Math.round(init.chunks ?? this.pool.threads));
    this.floats = (n) => new Float32Array(this.pool.alloc(4 * n));
    this.rays = this.shareRays(rays ?? buildTrainRays(capture));
    const s = this.schedule;
    this.batch = new Int32Array(this.pool.alloc(4 * s.batchRays));
    this.jitter = new Float64Array(this.pool.alloc(8 * s.batchRays));
    this.totalSteps = s.stages.reduce((n, st) => n + st.steps, 0);
    const space = init.space ?? WORLD_SPACE, box0 = gridBoxOf(space, capture.aabb);
    this.grid = makeGrid(box0, gridDims(box0, s.stages[0].voxels), shCoefCount(s.shDegree), space, this.floats);
    this.shift = densityShift(s.alphaInit, s.stepRatio);
    this.scale = 1 / Math.min(...this.grid.cell);
    this.moments = makeMoments(this.grid, this.floats);
    this.grads = this.makeGrads(this.grid);
    this.rng = new Prng(init.seed);
    if (s.exposure) {
      this.exposure = makeExposure(this.rays.views, this.floats);
      this.exposureGrads = Array.from({ length: this.chunks }, () => this.floats(this.exposure!.params.length));
    }
    this.params = {
      shift: this.shift, scale: this.scale, dt: this.stepWorld(), near: capture.near, far: capture.far,
      weightThreshold: 0, entropyWeight: (init.schedule.entropyWeight ?? 0) / init.schedule.batchRays, background: capture.background,
    };
    this.valid = new Int32Array(this.rays.count);
    this.refreshValidRays();
  }

  get done(): boolean {
    return this.step >= this.totalSteps;
  }

  /**
   * Shrink the remaining steps of the current and later stages by `factor` (at least one
   * step per stage, never below `minFraction` of the planned steps). Used when the wall-clock
   * budget cannot fit the preset; the changed schedule is part of the checkpoint.
   */
  rescaleRemaining(factor: number, minFraction = 0.25): void {
    const st = this.schedule.stages;
    const start = this.stageStart(this.stage);
    const cur = st[this.stage];
    const done = this.step - start;
    const left = cur.steps - done;
    cur.steps = done + Math.max(1, Math.round(Math.max(left * factor, left * minFraction)));
    for (let i = this.stage + 1; i < st.length; i++) st[i].steps = Math.max(1, Math.round(st[i].steps * Math.max(factor, minFraction)));
    this.totalSteps = st.reduce((n, x) => n + x.steps, 0);
  }

  /** Step at which stage `i` starts. */
  stageStart(i: number): number {
    let s = 0;
    for (let j = 0; j < i; j++) s += this.schedule.stages[j].steps;
    return s;
  }

  stepWorld(): number {
    return this.schedule.stepRatio * Math.min(...this.grid.cell);
  }

  /** One Adam step on one ray batch, chunks run in process; returns the batch MSE. */
  trainStep(): number {
    const run = <R>(k: string, a: KernelArgs) => this.inline.runSync<R>(k, a, this.chunks);
    const args = this.beginStep();
    const se = this.afterMarch(run<MarchChunkResult>('recon.march', args), args);
    this.exposureStep();
    run('recon.adam-gather', args);
    this.moments.t++;
    args.params.t = this.moments.t;
    run('recon.adam-apply', args);
    return this.endStep(se);
  }

  /** trainStep() with the chunks run on the pool's threads (same result). */
  async trainStepAsync(): Promise<number> {
    const run = <R>(k: string, a: KernelArgs) => this.pool.run<R>(k, a, this.chunks);
    const args = this.beginStep();
    const se = this.afterMarch(await run<MarchChunkResult>('recon.march', args), args);
    this.exposureStep();
    await run('recon.adam-gather', args);
    this.moments.t++;
    args.params.t = this.moments.t;
    await run('recon.adam-apply', args);
    return this.endStep(se);
  }

  /** Stage change if due, then draw the batch: ray index and jitter per ray, in that order. */
  private beginStep(): KernelArgs {
    const s = this.schedule;
    while (this.stage + 1 < s.stages.length && this.step >= this.stageStart(this.stage + 1)) this.advanceStage();
    const B = s.batchRays, rng = this.rng;
    for (let b = 0; b < B; b++) {
      this.batch[b] = this.validCount > 0 ? this.valid[rng.int(this.validCount)] : rng.int(this.rays.count);
      this.jitter[b] = rng.next();
    }
    const g = this.grid, { origins, dirs, colors } = this.rays, m = this.moments;
    const buffers: KernelArgs['buffers'] = {
      density: g.density, color: g.color, origins, dirs, colors, batch: this.batch, jitter: this.jitter,
      mD: m.mD, vD: m.vD, mC: m.mC, vC: m.vC,
    };
    if (this.occ) buffers.occ = this.occ;
    if (this.exposure) {
      buffers.exposure = this.exposure.params;
      buffers.viewOf = this.rays.viewOf;
      this.exposureGrads.forEach((ge, c) => { buffers[`gE${c}`] = ge; });
    }
    this.grads.forEach((gb, c) => {
      buffers[`gD${c}`] = gb.density; buffers[`gC${c}`] = gb.color; buffers[`touched${c}`] = gb.touched; buffers[`list${c}`] = gb.list;
    });
    const decay = Math.pow(s.lrDecay, this.step / Math.max(1, this.totalSteps));
    this.lrScale = decay;
    const adam: AdamParams = { lrDensity: s.lrDensity * decay, lrColor: s.lrColor * decay, tvDensity: s.tvDensity, tvColor: s.tvColor };
    return { buffers, params: { grid: gridShape(g), march: this.params, batch: B, norm: 2 / (3 * B), adam, chunks: this.chunks, count: 0, t: 0 } };
  }

  /** Chunk counts in, touched lists merged (chunk order); returns the batch's squared error. */
  private afterMarch(results: MarchChunkResult[], args: KernelArgs): number {
    let se = 0;
    results.forEach((r, c) => { se += r.se; this.grads[c].count = r.count; });
    mergeTouched(this.grads);
    args.params.count = this.grads[0].count;
    return se;
  }

  /** Adam on the exposure maps from the chunks' gradients (chunk order), at the grid's lr decay. */
  private exposureStep(): void {
    if (this.exposure && this.schedule.exposure) exposureAdamStep(this.exposure, this.exposureGrads, this.schedule.exposure, this.lrScale);
  }

  private endStep(se: number): number {
    const s = this.schedule;
    this.grads[0].count = 0;
    this.step++;
    if (s.occupancyEverySteps > 0 && this.stage > 0 && (this.step - this.stageStart(this.stage)) % s.occupancyEverySteps === 0) {
      this.updateOccupancy();
    }
    return se / (3 * s.batchRays);
  }

  updateOccupancy(): void {
    const n = this.grid.nx * this.grid.ny * this.grid.nz;
    const out = this.occ ?? new Uint8Array(this.pool.alloc(n));
    this.occ = computeOccupancy(this.grid, this.shift, this.scale, this.params.dt, this.schedule.occupancyThreshold, out);
  }

  private advanceStage(): void {
    const s = this.schedule;
    let box: Aabb = this.grid.aabb;
    if (this.stage === 0 && s.tightenThreshold > 0) {
      box = this.visibleBox(s.tightenThreshold) ?? box;
    }
    this.stage++;
    this.setGrid(resampleGrid(this.grid, box, gridDims(box, s.stages[this.stage].voxels), this.floats));
    this.occ = null;
    this.updateOccupancy();
  }

  /**
   * Box around cells that carry rendering weight w_i > threshold on an even subset of the
   * training rays (at most 65536), padded by two cells. Unlike a density threshold this
   * ignores occluded, never-constrained density (e.g. under a base plate).
   */
  private visibleBox(threshold: number): Aabb | null {
    const { origins, dirs } = this.rays;
    const g = this.grid, m = this.marcher;
    const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
    const stride = Math.max(1, Math.floor(this.validCount / 65536));
    for (let i = 0; i < this.validCount; i += stride) {
      const o = 3 * this.valid[i];
      m.forward(g, this.occ, this.params, origins[o], origins[o + 1], origins[o + 2], dirs[o], dirs[o + 1], dirs[o + 2], 0.5, true);
      for (let j = 0; j < m.count; j++) {
        if (m.sampleWeight(j) <= threshold) continue;
        const c = m.sampleCell(j);
        const x = c % g.nx, y = Math.floor(c / g.nx) % g.ny, z = Math.floor(c / (g.nx * g.ny));
        if (x < lo[0]) lo[0] = x; if (y < lo[1]) lo[1] = y; if (z < lo[2]) lo[2] = z;
        if (x > hi[0]) hi[0] = x; if (y > hi[1]) hi[1] = y; if (z > hi[2]) hi[2] = z;
      }
    }
    if (lo[0] === Infinity) return null;
    const box: Aabb = { min: [0, 0, 0], max: [0, 0, 0] };
    for (let a = 0; a < 3; a++) {
      box.min[a] = Math.max(g.aabb.min[a], g.aabb.min[a] + (lo[a] - 2) * g.cell[a]);
      box.max[a] = Math.min(g.aabb.max[a], g.aabb.min[a] + (hi[a] + 3) * g.cell[a]);
    }
    return box;
  }

  /** Install a grid (new stage or restored checkpoint); resets Adam moments and scratch. */
  setGrid(grid: VoxelGrid, moments?: AdamMoments): void {
    this.grid = grid;
    this.moments = moments ?? makeMoments(grid, this.floats);
    this.grads = this.makeGrads(grid);
    this.params.dt = this.stepWorld();
    this.params.weightThreshold = this.stage > 0 ? 1e-4 : 0;
    this.params.entropyWeight = this.stage > 0 ? 0 : (this.schedule.entropyWeight ?? 0) / this.schedule.batchRays;
    this.refreshValidRays();
  }

  /** Per-chunk gradient buffers for `grid` in pool memory ([N], [N*3K], [N], [N] per chunk). */
  private makeGrads(grid: VoxelGrid): GradBuffers[] {
    const n = grid.nx * grid.ny * grid.nz, a = this.pool;
    return Array.from({ length: this.chunks }, () => ({
      density: new Float32Array(a.alloc(4 * n)), color: new Float32Array(a.alloc(4 * n * 3 * grid.k)),
      touched: new Uint8Array(a.alloc(n)), list: new Int32Array(a.alloc(4 * n)), count: 0,
    }));
  }

  /** The rays in pool memory (a copy only when the pool's memory is not plain). */
  private shareRays(r: TrainRays): TrainRays {
    if (this.pool === this.inline) return r;
    const copy = (x: Float32Array) => { const y = new Float32Array(this.pool.alloc(4 * x.length)); y.set(x); return y; };
    const viewOf = new Uint16Array(this.pool.alloc(2 * r.viewOf.length));
    viewOf.set(r.viewOf);
    return { ...r, origins: copy(r.origins), dirs: copy(r.dirs), colors: copy(r.colors), viewOf };
  }

  /** Rays that cross the current box (the others always see the background). */
  private refreshValidRays(): void {
    const { origins, dirs, count } = this.rays;
    const box = new Float64Array(2);
    let n = 0;
    if (isMapped(this.grid.space)) { for (let r = 0; r < count; r++) this.valid[r] = r; this.validCount = count; return; }
    for (let r = 0; r < count; r++) {
      const o = 3 * r;
      rayBox(this.grid.aabb, origins[o], origins[o + 1], origins[o + 2], dirs[o], dirs[o + 1], dirs[o + 2], box);
      if (Math.min(box[1], this.params.far) > Math.max(box[0], this.params.near)) this.valid[n++] = r;
    }
    this.validCount = n;
  }
}
