// SplatTrainer: one optimisation step of 3D Gaussian splatting per call (3DGS Sec. 5 and 7):
// render one training view through the tile rasterizer, 0.8 L1 + 0.2 (1 - SSIM) against its
// photo, analytic backward, Adam with the per-parameter learning rates, SH degree raised on
// schedule, densification / pruning / opacity reset. Deterministic given the seed and the
// gradient chunk count (the thread count only decides who computes which chunk).
import type { Capture } from '../data/types';
import type { KernelBuffer, KernelPool } from '../parallel/kernel-pool';
import { Prng } from '../recon/prng';
import { splatCamera, type SplatCamera } from './camera';
import { densifyAndPrune, resetOpacity, type DensifyReport } from './densify';
import { initialSplats, type CaptureWithPoints } from './init';
import type { KernelPlacement } from './adaptive-runner';
import { PooledSplatLoss } from './pooled-loss';
import { GaussianStore, PARAM_KEYS, type ParamKey } from './params';
import { DEFAULT_GRAD_CHUNKS, SplatRasterizer } from './rasterizer';
import { positionLr, type SplatSchedule } from './schedule';
import type { SplatScene } from './types';

export interface SplatTrainerInit {
  schedule: SplatSchedule;
  seed: number;
  /** Random initial Gaussians when the capture has no sparse points. */
  randomInitCount: number;
  pool?: KernelPool;
  gradChunks?: number;
  /** Where kernels run (adaptive-runner.ts); results are the same for every choice. */
  placement?: KernelPlacement;
  /** Start from this scene instead of the initialisation (resume). */
  scene?: SplatScene;
}

export interface StepResult { loss: number; l1: number; ssim: number; mse: number; densify?: DensifyReport }

/** 3DGS's "cameras_extent": 1.1 x the largest distance of a camera centre from their mean. */
export function cameraExtent(cams: SplatCamera[]): number {
  const c = [0, 1, 2].map((a) => cams.reduce((s, k) => s + k.campos[a], 0) / cams.length);
  const d = Math.max(...cams.map((k) => Math.hypot(k.campos[0] - c[0], k.campos[1] - c[1], k.campos[2] - c[2])));
  return 1.1 * (d > 0 ? d : 1);
}

export class SplatTrainer {
  step = 0;
  activeDegree = 0;
  rng: Prng;
  readonly store: GaussianStore;
  readonly rast: SplatRasterizer;
  readonly cameras: SplatCamera[];
  readonly train: number[];
  readonly extent: number;
  readonly bg: [number, number, number];
  /** The schedule in force; a budget-planned fit replaces it when it re-plans (setSchedule). */
  schedule: SplatSchedule;
  private readonly loss: PooledSplatLoss;
  private readonly adamBuffers: Record<string, KernelBuffer> = {};

  constructor(private readonly capture: Capture, readonly init: SplatTrainerInit) {
    const s = init.schedule;
    this.schedule = s;
    this.rng = new Prng(init.seed);
    this.rast = new SplatRasterizer(init.pool, init.gradChunks ?? DEFAULT_GRAD_CHUNKS);
    this.rast.runner.placement = init.placement ?? 'adaptive';
    this.loss = new PooledSplatLoss(this.rast.runner, (C, len) => this.rast.alloc(C, len), this.rast.gradChunks);
    const near = Math.max(1e-3, Math.min(0.2, capture.near > 0 ? capture.near : 0.2));
    this.cameras = capture.views.map((v) => splatCamera(v.intrinsics, v.c2w, near));
    this.train = capture.views.flatMap((v, i) => (v.split === 'train' ? [i] : []));
    if (this.train.length === 0) throw new Error('SplatTrainer: the capture has no views with split "train"');
    // The reference's extent; captures with very few or clustered training cameras (a 2-view
    // test rig, a forward-facing capture) would make it tiny and prune every Gaussian as "too
    // large", so it is at least half the diagonal of the capture's scene box.
    const box = capture.aabb, halfDiag = 0.5 * Math.hypot(box.max[0] - box.min[0], box.max[1] - box.min[1], box.max[2] - box.min[2]);
    this.extent = Math.max(cameraExtent(this.train.map((i) => this.cameras[i])), Number.isFinite(halfDiag) ? halfDiag : 0);
    this.bg = [...capture.background];
    const scene = init.scene ?? initialSplats(capture as CaptureWithPoints, { randomCount: init.randomInitCount, shDegree: s.shDegreeMax }, this.rng);
    if (scene.shDegree !== s.shDegreeMax) throw new Error(`SplatTrainer: scene.shDegree ${scene.shDegree} differs from schedule.shDegreeMax ${s.shDegreeMax}`);
    this.store = new GaussianStore(s.shDegreeMax, (f) => this.rast.alloc(Float32Array, f));
    this.store.reserve(Math.min(scene.count, s.maxGaussians));
    this.store.count = Math.min(scene.count, s.maxGaussians);
    for (const k of PARAM_KEYS) this.store.params[k].set(scene[k].subarray(0, this.store.count * this.store.widths[k]));
  }

  /** Replace the schedule (same SH degree); steps already taken stay as they were. */
  setSchedule(s: SplatSchedule): void {
    if (s.shDegreeMax !== this.schedule.shDegreeMax) throw new Error(`SplatTrainer.setSchedule: shDegreeMax ${s.shDegreeMax} differs from ${this.schedule.shDegreeMax}`);
    this.schedule = s;
  }

  get done(): boolean { return this.step >= this.schedule.iterations; }

  /** Training view of step k (0-based): a fresh seeded permutation of the train views per epoch. */
  viewAt(k: number): number {
    const n = this.train.length, epoch = Math.floor(k / n);
    const r = new Prng((this.init.seed * 7919 + epoch * 104729) >>> 0);
    const order = this.train.slice();
    for (let i = n - 1; i > 0; i--) { const j = r.int(i + 1); [order[i], order[j]] = [order[j], order[i]]; }
    return order[k % n];
  }

  async trainStep(): Promise<StepResult> {
    const s = this.schedule, st = this.store;
    const k = this.step + 1; // the reference counts iterations from 1
    // One band more every shUpEvery steps (at k = shUpEvery, 2 shUpEvery, ...); written as a
    // threshold so that a re-planned (rescaled) schedule neither skips nor repeats a band.
    if (this.activeDegree < s.shDegreeMax && k >= (this.activeDegree + 1) * s.shUpEvery) this.activeDegree++;
    const vi = this.viewAt(this.step), cam = this.cameras[vi], view = this.capture.views[vi];
    const sh = { degree: this.activeDegree, restPerChannel: st.widths.shRest / 3 };
    const img = await this.rast.forward(st.params, st.count, sh, cam, this.bg);
    const { value: l, grad: dImage } = await this.loss.compute(img, view.image.data, cam.width, cam.height, s.ssimWeight);
    await this.rast.backward(dImage, st.grads);
    if (k < s.densifyUntil) {
      const radii = this.rast.radii, ndc = this.rast.ndcGrad;
      for (let i = 0; i < st.count; i++) {
        if (radii[i] === 0) continue;
        if (radii[i] > st.maxRadii[i]) st.maxRadii[i] = radii[i];
        st.gradAccum[i] += ndc[i]; st.denom[i] += 1;
      }
    }
    const lr: Record<ParamKey, number> = {
      positions: positionLr(s, k, this.extent), logScales: s.lrScaling, rotations: s.lrRotation,
      opacityLogits: s.lrOpacity, shDc: s.lrFeature, shRest: s.lrFeature / s.restLrDivisor,
    };
    await this.adam(k, lr);
    let densify: DensifyReport | undefined;
    if (k < s.densifyUntil && k > s.densifyFrom && k % s.densifyEvery === 0) {
      const maxSide = Math.max(cam.width, cam.height);
      densify = densifyAndPrune(st, s, this.extent, s.pruneScreenFraction * maxSide, this.rng);
    }
    if (k < s.densifyUntil && k % s.opacityResetEvery === 0) resetOpacity(st);
    this.step = k;
    return { ...l, densify };
  }

  /**
   * Adam over the pool in gradChunks Gaussian ranges (params.ts adamRange); SH bands above the
   * active degree are skipped (their gradients and moments are zero).
   */
  private async adam(t: number, lr: Record<ParamKey, number>): Promise<void> {
    const st = this.store, b = this.adamBuffers;
    for (const key of PARAM_KEYS) { b[`p_${key}`] = st.params[key]; b[`g_${key}`] = st.grads[key]; b[`m_${key}`] = st.m[key]; b[`v_${key}`] = st.v[key]; }
    const restPerChannel = st.widths.shRest / 3, restActive = Math.min(restPerChannel, (this.activeDegree + 1) ** 2 - 1);
    await this.rast.runner.run('splats.adam', { buffers: b, params: { n: st.count, t, lr, restPerChannel, restActive } }, this.rast.gradChunks);
  }

  /** The current Gaussians as a SplatScene (copies). */
  toScene(): SplatScene {
    const st = this.store;
    const out = { version: 1, count: st.count, shDegree: this.schedule.shDegreeMax, background: [...this.bg] } as SplatScene;
    for (const k of PARAM_KEYS) out[k] = st.params[k].slice(0, st.count * st.widths[k]);
    return out;
  }
}
