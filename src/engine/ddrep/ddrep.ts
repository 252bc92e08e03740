// DDRep sampler: the probability-flow ODE / DDIM-eta process pulled back through a diffrep
// (Savani, Finzi, Kolter 2024, Eq. 4-8 and Alg. 1; rebuilt in notes §1.2-1.8, [recon] where marked).
//
// Code name        symbol (VP form of the shared scheduler; notes use the VE form, sigma = sqrt((1-abar)/abar))
//   theta            rep.parameters;  xHat_k = f(theta)(pi_k), the noiseless part of view k (notes §1.4)
//   E                managed noise on the rep's noise canvas, kept through the run [recon §1.4]
//   eps_k            rep.viewNoise(E, pi_k)
//   x_k              x_t = sqrt(abar_t) xHat_k + sqrt(1 - abar_t) eps_k     (= VE x_hat + sigma eps, rescaled)
//   x0, epsHat       guided prior prediction (prior.ts), CFG w
//   xPrev            DDIM-eta step of diffusion/ddim.ts with noise z_k = crop of a canvas draw Z
//   dir, inj         sqrt(1 - abar' - s^2) and temperature * s, s = the DDIM eta-std (Song et al. Eq. 16)
//   E'               (dir E + inj Z) / sqrt(1 - abar')       (notes §1.8: E' = (c E + s Z)/sigma' in VE)
//   target_k         (xPrev_k - sqrt(1 - abar') eps'_k) / sqrt(abar')  = x0 + (dir/sqrt(abar'))(epsHat - eps_k)
//   fit              theta' = argmin (1/K) sum_k ||f(theta')(pi_k) - target_k||^2   (inner-fit.ts, Eq. 5/7/8)
//   U (resample)     RePaint forward steps per reverse step (§3.3, App. C: one per step for NeRFs):
//                    E <- (sqrt(abar/abar') sqrt(1-abar') E + sqrt(1 - abar/abar') Z2) / sqrt(1 - abar)
//                    (the Markov VP forward t' -> t of the managed noise; the signal stays f(theta'))
//   known, mask      RePaint inpainting (Lugmayr et al. 2022): known pixels of xHat and of the target are
//                    replaced by the known image, so the denoiser sees the known image noised with the same
//                    managed noise, q(x_t | known).
// Steps per grid timestep t (prev t'), repeated U + 1 times (never after the final step to t' = -1):
//   1. sample K views; 2. render xHat (no grad), merge known pixels; 3. noise with E; 4. guided prior;
//   5. DDIM-eta step (same scheduler, same noise seeds as diffusion/sample-loop.ts); 6. targets at t';
//   7. joint least-squares fit of theta (warm start); 8. E <- E'; 9. RePaint forward t' -> t if repeating.
// Nothing is differentiated through the prior; the rep's variables are updated in place.
import { addNoise, alphaBarAt, DDIM_DEFAULTS, DdimScheduler, type DdimConfig } from '../diffusion';
import { hashSeed, mulberry32 } from '../data/procedural/prng';
import { tfSeed, type Tf, type Tensor } from '../tf';
import { guidedPrediction } from './prior';
import { INNER_FIT_DEFAULTS, innerFit, type InnerFitOptions } from './inner-fit';
import type { DifferentiableRep, Prior, RepView, RunStats, StepInfo } from './types';

export interface DdrepConfig {
  kind: 'ddrep';
  /**
   * DDIM settings. eta = 1: the paper's value is lost; it says it uses "the complete Langevin SDE given by
   * the DDIM procedure" and RePaint needs a stochastic process (notes §1.6), which points to eta = 1.
   * 50 steps: diffusers' default, the paper's SIREN setting is not given (NeRF: 100).
   */
  sampler: DdimConfig;
  /** CFG weight w (diffusion/guidance.ts convention: 1 = conditional). Paper sweeps 0, 3, 10, 30, 100. */
  guidance: number;
  /** K views per step, fitted jointly (paper NeRF: 8). Single-view reps use their one view. */
  viewsPerStep: number;
  inner: InnerFitOptions;
  /** RePaint resampling: U forward+reverse repeats per step (paper NeRF: 1; 0 = plain DDRep). */
  resample: number;
  seed: number;
}

export const DDREP_DEFAULTS: DdrepConfig = {
  kind: 'ddrep',
  sampler: { ...DDIM_DEFAULTS, steps: 50, eta: 1 },
  guidance: 3,
  viewsPerStep: 8,
  inner: INNER_FIT_DEFAULTS,
  resample: 0,
  seed: 0,
};

/** RePaint inpainting condition: the known image and mask [H, W, 1] (1 = known) seen from a view, or null. */
export type KnownPixels<V extends RepView> = (view: V) => { image: Tensor; mask: Tensor } | null;

/**
 * Where a stopped run continues: `step` outer steps are done (theta after them is already in the rep's
 * variables) and `noise` is the managed noise E at that point, [noiseShape]. Nothing else carries over:
 * the inner fit starts a fresh Adam every step, the per-step draws are seeded by (seed, step), and the
 * view generator is replayed to the same position, so a resumed run equals an uninterrupted one.
 */
export interface DdrepResumeState {
  step: number;
  noise: Tensor;
}

export interface DdrepRunOptions<V extends RepView> {
  known?: KnownPixels<V>;
  onStep?(info: StepInfo): void | Promise<void>;
  shouldStop?(): boolean;
  /** Continue a stopped run (the caller keeps ownership of `noise`). The returned stats count this call's
   *  denoiser calls and losses only; `steps` is the total done. */
  resume?: DdrepResumeState;
  /** Called when shouldStop ends the run early, with the state `resume` takes; `noise` is freed after it returns. */
  onStop?(state: DdrepResumeState): void | Promise<void>;
}

const FILE = 'ddrep/ddrep.ts';

export function resolveDdrepConfig(config: Partial<DdrepConfig>): DdrepConfig {
  const c: DdrepConfig = {
    ...DDREP_DEFAULTS, ...config, kind: 'ddrep',
    sampler: { ...DDREP_DEFAULTS.sampler, ...config.sampler, kind: 'ddim' },
    inner: { ...DDREP_DEFAULTS.inner, ...config.inner },
  };
  if (!Number.isInteger(c.viewsPerStep) || c.viewsPerStep < 1) throw new Error(`${FILE}: viewsPerStep must be a positive integer, got ${c.viewsPerStep}`);
  if (!Number.isInteger(c.resample) || c.resample < 0) throw new Error(`${FILE}: resample must be a non-negative integer, got ${c.resample}`);
  if (!Number.isFinite(c.guidance)) throw new Error(`${FILE}: guidance must be finite, got ${c.guidance}`);
  if (!Number.isInteger(c.seed)) throw new Error(`${FILE}: seed must be an integer, got ${c.seed}`);
  return c;
}

/**
 * RePaint forward t' -> t of the managed noise (Markov VP forward q(x_t | x_t'), signal kept):
 * sqrt(abar_t) s + sqrt(1 - abar_t) E_t = sqrt(abar_t / abar') (sqrt(abar') s + sqrt(1 - abar') E) + sqrt(1 - abar_t / abar') Z
 * for every signal s, i.e. E_t = (sqrt(r (1 - abar')) E + sqrt(1 - r) Z) / sqrt(1 - abar_t), r = abar_t / abar'.
 */
export function repaintForwardNoise(tf: Tf, E: Tensor, Z: Tensor, abT: number, abP: number): Tensor {
  if (!(abT < abP && abP <= 1 && abT > 0)) throw new Error(`${FILE}: need 0 < abar_t < abar_prev <= 1, got ${abT}, ${abP}`);
  const r = abT / abP;
  return tf.tidy(() => tf.div(tf.add(tf.mul(E, Math.sqrt(r * (1 - abP))), tf.mul(Z, Math.sqrt(1 - r))), Math.sqrt(1 - abT)));
}

/** Sample theta of `rep` in place (start it at f(theta) ~ 0). The caller keeps ownership of `rep`. */
export async function sampleDdrep<V extends RepView>(
  tf: Tf, rep: DifferentiableRep<V>, prior: Prior, config: Partial<DdrepConfig> = {}, run: DdrepRunOptions<V> = {},
): Promise<RunStats> {
  const c = resolveDdrepConfig(config);
  const started = Date.now();
  const scheduler = new DdimScheduler(tf, prior.schedule, c.sampler);
  const grid = scheduler.timesteps;
  const viewRng = mulberry32(hashSeed(c.seed, 0x6464));
  const start = run.resume?.step ?? 0;
  if (!Number.isInteger(start) || start < 0 || start > grid.length) throw new Error(`${FILE}: resume.step must be an integer in [0, ${grid.length}], got ${start}`);
  if (run.resume && run.resume.noise.shape.join('x') !== rep.noiseShape.join('x')) {
    throw new Error(`${FILE}: resume.noise has shape [${run.resume.noise.shape.join(', ')}], the rep's noise canvas is [${rep.noiseShape.join(', ')}]`);
  }
  // Replay the view draws of the finished steps so the generator is where the stopped run left it.
  for (let i = 0; i < start; i++) {
    const repeats = scheduler.prevTimestep(grid[i]) === -1 ? 0 : c.resample;
    for (let u = 0; u <= repeats; u++) rep.sampleViews(viewRng, c.viewsPerStep);
  }
  let E = run.resume ? run.resume.noise.clone() : tf.randomNormal([...rep.noiseShape], 0, 1, 'float32', tfSeed(c.seed));
  const stats: RunStats = { steps: start, denoiserCalls: 0, seconds: 0, stopped: false, losses: [], unachieved: [] };
  try {
    for (let i = start; i < grid.length; i++) {
      if (run.shouldStop?.()) {
        stats.stopped = true;
        await run.onStop?.({ step: i, noise: E });
        break;
      }
      const t = grid[i];
      const prevT = scheduler.prevTimestep(t);
      const abT = alphaBarAt(prior.schedule, t);
      const abP = alphaBarAt(prior.schedule, prevT);
      const s = scheduler.noiseStd(t, prevT);
      const dir = Math.sqrt(Math.max(1 - abP - s * s, 0));
      const inj = s * c.sampler.temperature;
      const repeats = prevT === -1 ? 0 : c.resample;
      let loss = NaN; let unachieved = NaN; let innerIterations = 0;
      for (let u = 0; u <= repeats; u++) {
        const stepSeed = c.seed + 7919 * (i + 1) + 104729 * u; // u = 0: diffusion/sample-loop.ts's seeds
        const views = rep.sampleViews(viewRng, c.viewsPerStep);
        const known = run.known ? views.map((v) => run.known!(v)) : null;
        const merge = (k: number, x: Tensor) => {
          const kp = known?.[k];
          return kp ? tf.add(tf.mul(kp.mask, kp.image), tf.mul(tf.sub(1, kp.mask), x)) : x;
        };
        const { xt, before } = tf.tidy(() => {
          const rendered = views.map((v) => rep.render(v));
          const xHat = tf.stack(rendered.map((r, k) => merge(k, r)));
          const eps = tf.stack(views.map((v) => rep.viewNoise(E, v)));
          return { xt: addNoise(tf, prior.schedule, xHat, eps, t), before: tf.stack(rendered) };
        });
        const pred = await guidedPrediction(tf, prior, xt, t, views.map((v) => v.cond), c.guidance);
        stats.denoiserCalls += pred.calls;
        const Z = tf.randomNormal([...rep.noiseShape], 0, 1, 'float32', tfSeed(stepSeed));
        const zViews = tf.tidy(() => tf.stack(views.map((v) => rep.viewNoise(Z, v))));
        const out = scheduler.step({ x0Pred: pred.x0, sample: xt, t, prevT, noise: zViews });
        zViews.dispose();
        const nextE = prevT === -1 ? E.clone() : tf.tidy(() => tf.div(tf.add(tf.mul(E, dir), tf.mul(Z, inj)), Math.sqrt(1 - abP)));
        const targets = tf.tidy(() => {
          const tgt = prevT === -1 ? out.prevSample
            : tf.div(tf.sub(out.prevSample, tf.mul(tf.stack(views.map((v) => rep.viewNoise(nextE, v))), Math.sqrt(1 - abP))), Math.sqrt(abP));
          return tf.unstack(tgt).map((x, k) => merge(k, x));
        });
        tf.dispose([xt, pred.x0, pred.eps, out.prevSample, out.x0Pred, Z, E]);
        E = nextE;
        const fit = await innerFit(tf, rep, views, targets, c.inner);
        loss = fit.loss;
        innerIterations += fit.iterations;
        const ratio = tf.tidy(() => {
          const goal = tf.stack(targets);
          const after = tf.stack(views.map((v) => rep.render(v)));
          return tf.div(tf.norm(tf.sub(after, goal)), tf.add(tf.norm(tf.sub(goal, before)), 1e-12));
        });
        unachieved = ratio.dataSync()[0];
        ratio.dispose();
        tf.dispose([...targets, before]);
        if (known) for (const kp of known) if (kp) tf.dispose([kp.image, kp.mask]);
        if (u < repeats) {
          const Z2 = tf.randomNormal([...rep.noiseShape], 0, 1, 'float32', tfSeed(stepSeed + 52361));
          const back = repaintForwardNoise(tf, E, Z2, abT, abP);
          tf.dispose([Z2, E]);
          E = back;
        }
      }
      stats.steps = i + 1;
      stats.losses.push(loss);
      stats.unachieved.push(unachieved);
      await run.onStep?.({ index: i, total: grid.length, t, loss, unachieved, denoiserCalls: stats.denoiserCalls, innerIterations });
    }
  } finally {
    E.dispose();
  }
  stats.seconds = (Date.now() - started) / 1000;
  return stats;
}
