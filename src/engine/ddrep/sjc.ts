// Score Jacobian Chaining (Wang et al. 2022; official code pals-ttic/sjc run_sjc.py/adapt.py; notes §3.2).
// VE view: sigma = sqrt((1 - abar)/abar), D(x, sigma) = x - sigma eps_hat(x / sqrt(1 + sigma^2), t(sigma)).
// Perturb-and-Average Scoring (PAAS, their Eq. 15/16): score at the inflated level sqrt(2) sigma of a clean
// render x, estimated with n ~ N(0, I):
//   var_red (Eq. 16, default):  grad = (D(x + sigma n, sigma) - x) / sigma        = n - eps_hat
//   plain   (Eq. 15):           grad = (D(x + sigma n, sigma) - (x + sigma n)) / sigma = -eps_hat
// averaged over `paasSamples` draws (their default: one). Update as coded: y.backward(-grad), Adamax,
// lr 0.05; sigma uniform over the discrete levels t in [10, 969] of T = 1000 (their indices [30:-10] of
// SD's sigma list), no annealing in 3-D; CFG 100. The network input (x + sigma n)/sqrt(1 + sigma^2) is
// exactly the VP x_t = sqrt(abar) x + sqrt(1 - abar) n, so the prior is called in its own form.
// SJC's emptiness/depth losses are NeRF-specific and belong to the field representation (not here).
// With a rep that brings its own solver (the voxel field, distill-common.ts pullBack) the step is that
// solver's Adam, not Adamax: the voxel kernels implement sparse Adam only.
import { addNoise } from '../diffusion';
import { hashSeed, mulberry32 } from '../data/procedural/prng';
import { tfSeed, type Tf, type Tensor } from '../tf';
import { checkCount, checkRange, pullBack, randomTimestep, renderViews } from './distill-common';
import { guidedPrediction } from './prior';
import type { DistillRunOptions } from './sds';
import type { DifferentiableRep, Prior, RepView, RunStats } from './types';

export interface SjcConfig {
  kind: 'sjc';
  /** SJC 3-D: 10,000 (30,000 for some prompts). */
  iterations: number;
  /** Adamax lr (SJC: 0.05); null = the rep's suggestedLr. */
  lr: number | null;
  guidance: number;
  /** t range as fractions of T: [0.01, 0.969] = SJC's [10, 969]. */
  tMin: number;
  tMax: number;
  /** PAAS Monte-Carlo draws per step (SJC: 1). */
  paasSamples: number;
  varianceReduction: boolean;
  viewsPerStep: number;
  seed: number;
}

export const SJC_DEFAULTS: SjcConfig = {
  kind: 'sjc', iterations: 10000, lr: 0.05, guidance: 100, tMin: 0.01, tMax: 0.969,
  paasSamples: 1, varianceReduction: true, viewsPerStep: 1, seed: 0,
};

const FILE = 'ddrep/sjc.ts';

export async function sampleSjc<V extends RepView>(
  tf: Tf, rep: DifferentiableRep<V>, prior: Prior, config: Partial<SjcConfig> = {}, run: DistillRunOptions = {},
): Promise<RunStats> {
  const c: SjcConfig = { ...SJC_DEFAULTS, ...config, kind: 'sjc' };
  checkCount(FILE, 'iterations', c.iterations, 0);
  checkCount(FILE, 'viewsPerStep', c.viewsPerStep);
  checkCount(FILE, 'paasSamples', c.paasSamples);
  checkRange(FILE, c.tMin, c.tMax);
  const lr = c.lr ?? rep.suggestedLr;
  if (!(lr > 0)) throw new Error(`${FILE}: lr must be > 0, got ${lr}`);
  const started = Date.now();
  const rng = mulberry32(hashSeed(c.seed, 0x51c));
  const opt = tf.train.adamax(lr);
  const stats: RunStats = { steps: 0, denoiserCalls: 0, seconds: 0, stopped: false, losses: [], unachieved: [] };
  try {
    for (let i = 0; i < c.iterations; i++) {
      if (run.shouldStop?.()) { stats.stopped = true; break; }
      const t = randomTimestep(rng, prior.schedule.trainSteps, c.tMin, c.tMax);
      const views = rep.sampleViews(rng, c.viewsPerStep);
      const x = renderViews(tf, rep, views);
      let sum: Tensor = tf.zerosLike(x);
      for (let j = 0; j < c.paasSamples; j++) {
        const n = tf.randomNormal(x.shape, 0, 1, 'float32', tfSeed(hashSeed(c.seed, i, j, 2)));
        const xt = addNoise(tf, prior.schedule, x, n, t);
        const pred = await guidedPrediction(tf, prior, xt, t, views.map((v) => v.cond), c.guidance);
        stats.denoiserCalls += pred.calls;
        const next = tf.tidy(() => tf.add(sum, c.varianceReduction ? tf.sub(n, pred.eps) : tf.neg(pred.eps)));
        tf.dispose([n, xt, pred.x0, pred.eps, sum]);
        sum = next;
      }
      // PAAS grad (sigma * score); SJC ascends it: y.backward(-grad).
      const g = tf.tidy(() => tf.div(sum, -c.paasSamples));
      await pullBack(tf, rep, views, x, g, opt, lr);
      const ms = tf.tidy(() => tf.mean(tf.square(g)));
      const loss = ms.dataSync()[0];
      tf.dispose([x, sum, g, ms]);
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
