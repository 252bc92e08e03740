// DDPM ancestral step from an x0 estimate: sample the posterior q(x_prev | x_t, x0)
// (Ho et al. 2020, Eq. 6-7; DFM Eq. 2 and 6). Works on strided grids: with abar_t and abar_prev
// of the two grid points, the effective one-step alpha is a = abar_t / abar_prev, beta = 1 - a.
//
//   mean = sqrt(abar_prev) beta / (1 - abar_t) x0 + sqrt(a) (1 - abar_prev) / (1 - abar_t) x_t
//   var  = (1 - abar_prev) / (1 - abar_t) beta                                   (beta tilde, Eq. 7)
//   x_prev = mean + tau sqrt(var) z
import type { Tf } from '../tf';
import { alphaBarAt, type NoiseSchedule } from './schedule';
import { makeTimesteps, nextTimestep } from './timesteps';
import { DDPM_DEFAULTS, type DdpmConfig, type Scheduler, type SchedulerStepInput, type SchedulerStepOutput } from './types';

const FILE = 'diffusion/ddpm.ts';

export class DdpmScheduler implements Scheduler {
  readonly config: DdpmConfig;
  private grid: number[] = [];

  constructor(private readonly tf: Tf, readonly schedule: NoiseSchedule, config: Partial<DdpmConfig> = {}) {
    this.config = { ...DDPM_DEFAULTS, ...config, kind: 'ddpm' };
    if (!(this.config.temperature >= 0)) throw new Error(`${FILE}: temperature must be >= 0, got ${this.config.temperature}`);
    this.setTimesteps(Math.min(this.config.steps, schedule.trainSteps));
  }

  get timesteps(): readonly number[] { return this.grid; }

  setTimesteps(n: number): readonly number[] {
    this.grid = makeTimesteps(this.schedule.trainSteps, n, this.config.spacing);
    return this.grid;
  }

  prevTimestep(t: number): number { return nextTimestep(this.grid, t); }

  /** sqrt of the posterior variance beta tilde between t and prevT. */
  noiseStd(t: number, prevT: number): number {
    if (!(prevT < t)) throw new Error(`${FILE}: prevT (${prevT}) must be < t (${t})`);
    const abT = alphaBarAt(this.schedule, t);
    const abP = alphaBarAt(this.schedule, prevT);
    const beta = 1 - abT / abP;
    return Math.sqrt(((1 - abP) / (1 - abT)) * beta);
  }

  step(input: SchedulerStepInput): SchedulerStepOutput {
    const { tf } = this;
    const { t, prevT } = input;
    const abT = alphaBarAt(this.schedule, t);
    const abP = alphaBarAt(this.schedule, prevT);
    const a = abT / abP;
    const beta = 1 - a;
    const std = this.noiseStd(t, prevT) * this.config.temperature;
    if (std > 0 && !input.noise) throw new Error(`${FILE}: noise is required for t=${t} -> ${prevT}`);
    return tf.tidy(() => {
      const clip = this.config.clipX0;
      const x0 = clip === null ? input.x0Pred.clone() : tf.clipByValue(input.x0Pred, -clip, clip);
      const c0 = (Math.sqrt(abP) * beta) / (1 - abT);
      const ct = (Math.sqrt(a) * (1 - abP)) / (1 - abT);
      let prev = tf.add(tf.mul(x0, c0), tf.mul(input.sample, ct));
      if (std > 0 && input.noise) prev = tf.add(prev, tf.mul(input.noise, std));
      return { prevSample: prev, x0Pred: x0 };
    });
  }
}
