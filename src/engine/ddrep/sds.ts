// Score Distillation Sampling (Poole et al. 2022, DreamFusion Eq. 3; notes §3.1):
//   grad_theta L_SDS = E_{t, eps}[ w(t) (eps_hat(z_t; y, t) - eps) dx/dtheta ],  z_t = sqrt(abar_t) x + sqrt(1 - abar_t) eps
// with no backprop through the prior, eps drawn fresh at every iteration (this is what makes it mode-seeking;
// notes §1.4), t ~ U[0.02, 0.98] T, w(t) = 1 - abar_t (stable-dreamfusion's "w(t), sigma_t^2"; threestudio
// "sds"), CFG 100 (DreamFusion), Adam (stable-dreamfusion; DreamFusion used Shampoo).
//
// Code name   symbol
//   x           f(theta)(pi_k), [K, H, W, 3]
//   eps         fresh N(0, I) per view and iteration (not the managed canvas noise of DDRep)
//   g           w(t) (eps_hat - eps), the image-space gradient pulled back by J^T (distill-common.ts)
import { addNoise, alphaBarAt } from '../diffusion';
import { hashSeed, mulberry32 } from '../data/procedural/prng';
import { tfSeed, type Tf } from '../tf';
import { checkCount, checkRange, pullBack, randomTimestep, renderViews } from './distill-common';
import { guidedPrediction } from './prior';
import type { DifferentiableRep, Prior, RepView, RunStats, StepInfo } from './types';

export interface SdsConfig {
  kind: 'sds';
  /** Optimisation steps (notes §3.1: 2k-5k for our baseline; DreamFusion: 15k). */
  iterations: number;
  /** Adam lr; null = the rep's suggestedLr (notes §3.1: SIREN 1e-4..1e-3, grids 1e-2..5e-2). */
  lr: number | null;
  /** CFG weight (DreamFusion: 100). */
  guidance: number;
  /** t range as fractions of T (DreamFusion: [0.02, 0.98]). */
  tMin: number;
  tMax: number;
  /** 'sds': w(t) = 1 - abar_t; 'uniform': w = 1. */
  weighting: 'sds' | 'uniform';
  viewsPerStep: number;
  seed: number;
}

export const SDS_DEFAULTS: SdsConfig = {
  kind: 'sds', iterations: 2000, lr: null, guidance: 100, tMin: 0.02, tMax: 0.98, weighting: 'sds', viewsPerStep: 1, seed: 0,
};

const FILE = 'ddrep/sds.ts';

export interface DistillRunOptions {
  onStep?(info: StepInfo): void | Promise<void>;
  shouldStop?(): boolean;
}

export async function sampleSds<V extends RepView>(
  tf: Tf, rep: DifferentiableRep<V>, prior: Prior, config: Partial<SdsConfig> = {}, run: DistillRunOptions = {},
): Promise<RunStats> {
  const c: SdsConfig = { ...SDS_DEFAULTS, ...config, kind: 'sds' };
  checkCount(FILE, 'iterations', c.iterations, 0);
  checkCount(FILE, 'viewsPerStep', c.viewsPerStep);
  checkRange(FILE, c.tMin, c.tMax);
  if (c.weighting !== 'sds' && c.weighting !== 'uniform') throw new Error(`${FILE}: unknown weighting ${JSON.stringify(c.weighting)}`);
  const lr = c.lr ?? rep.suggestedLr;
  if (!(lr > 0)) throw new Error(`${FILE}: lr must be > 0, got ${lr}`);
  const started = Date.now();
  const rng = mulberry32(hashSeed(c.seed, 0x5d5));
  const opt = tf.train.adam(lr);
  const stats: RunStats = { steps: 0, denoiserCalls: 0, seconds: 0, stopped: false, losses: [], unachieved: [] };
  try {
    for (let i = 0; i < c.iterations; i++) {
      if (run.shouldStop?.()) { stats.stopped = true; break; }
      const t = randomTimestep(rng, prior.schedule.trainSteps, c.tMin, c.tMax);
      const w = c.weighting === 'sds' ? 1 - alphaBarAt(prior.schedule, t) : 1;
      const views = rep.sampleViews(rng, c.viewsPerStep);
      const x = renderViews(tf, rep, views);
      const eps = tf.randomNormal(x.shape, 0, 1, 'float32', tfSeed(hashSeed(c.seed, i, 1)));
      const xt = addNoise(tf, prior.schedule, x, eps, t);
      const pred = await guidedPrediction(tf, prior, xt, t, views.map((v) => v.cond), c.guidance);
      stats.denoiserCalls += pred.calls;
      const g = tf.tidy(() => tf.mul(tf.sub(pred.eps, eps), w));
      await pullBack(tf, rep, views, x, g, opt, lr);
      const ms = tf.tidy(() => tf.mean(tf.square(g)));
      const loss = ms.dataSync()[0];
      tf.dispose([x, eps, xt, pred.x0, pred.eps, g, ms]);
      stats.steps = i + 1;
      stats.losses.push(loss);
      stats.unachieved.push(NaN);
      await run.onStep?.({ index: i, total: c.iterations, t, loss, unachieved: NaN, denoiserCalls: stats.denoiserCalls });
    }
  } finally {
    opt.dispose();
  }
  stats.seconds = (Date.now() - started) / 1000;
  return stats;
}
