// The prior's own image samples: DDIM (diffusion/ddim.ts, Song et al. 2021 Eq. 12) with classifier-free
// guidance through ddrep/prior.ts guidedPrediction (the same path DDRep/SDS/SJC use), from x_T ~ N(0, I).
// Steps: 1. x_T from the seed;  2. per grid timestep: guided x0_hat (clipped by the scheduler), DDIM step
// to the previous timestep;  3. return x_0 [N, R, R, 3] in [-1, 1] (not clipped beyond the scheduler's x0 clip).
import { DDIM_DEFAULTS, DdimScheduler, sampleLoop, type DdimConfig } from '../diffusion';
import { guidedPrediction } from '../ddrep/prior';
import type { Prior } from '../ddrep/types';
import type { Tf, Tensor } from '../tf';

export interface PriorSampleOptions {
  sampler: DdimConfig;
  /** CFG weight w (diffusion/guidance.ts: 1 = conditional only, 0 = unconditional). */
  guidance: number;
  seed: number;
  /** Image size R of the samples. */
  size: number;
}

export const PRIOR_SAMPLE_DEFAULTS: PriorSampleOptions = {
  sampler: { ...DDIM_DEFAULTS, steps: 50, eta: 0 }, guidance: 3, seed: 0, size: 32,
};

/** One sample per row of `conds` (null row = unconditional). Returns [N, R, R, 3]; the caller disposes it. */
export async function samplePrior(
  tf: Tf, prior: Prior, conds: readonly (readonly number[] | null)[], options: Partial<PriorSampleOptions> = {},
): Promise<Tensor> {
  const o: PriorSampleOptions = { ...PRIOR_SAMPLE_DEFAULTS, ...options, sampler: { ...PRIOR_SAMPLE_DEFAULTS.sampler, ...options.sampler } };
  if (conds.length < 1) throw new Error('prior/sample.ts: conds must hold at least one row');
  const scheduler = new DdimScheduler(tf, prior.schedule, o.sampler);
  return sampleLoop(tf, scheduler, async (xt, t) => {
    const g = await guidedPrediction(tf, prior, xt, t, conds, o.guidance);
    g.eps.dispose();
    return g.x0;
  }, { shape: [conds.length, o.size, o.size, 3], seed: o.seed });
}
