// DDIM scheduler, x0-prediction parameterisation (Song et al. 2021, Eq. 12 and 16), as DFM samples
// (supplement Sec. 2.4: 50 DDIM steps; the denoiser returns the rendered clean target view, Eq. 5).
//
// Code name     symbol
//   abT, abP      abar_t, abar_{t_prev}
//   epsHat        eps_theta = (x_t - sqrt(abar_t) x0) / sqrt(1 - abar_t)
//   sigma         sigma_t(eta) = eta sqrt((1 - abar_prev)/(1 - abar_t)) sqrt(1 - abar_t/abar_prev)   (Eq. 16)
//   temperature   tau, scales the injected noise only
//
// Steps:
//   1. optionally clip x0;  2. epsHat from x_t and x0;
//   3. x_prev = sqrt(abar_prev) x0 + sqrt(1 - abar_prev - sigma^2) epsHat + tau sigma z   (Eq. 12)
import type { Tf } from '../tf';
import { alphaBarAt, type NoiseSchedule } from './schedule';
import { makeTimesteps, nextTimestep } from './timesteps';
import { DDIM_DEFAULTS, type DdimConfig, type Scheduler, type SchedulerStepInput, type SchedulerStepOutput } from './types';

const FILE = 'diffusion/ddim.ts';

export class DdimScheduler implements Scheduler {
  readonly config: DdimConfig;
  private grid: number[] = [];

  constructor(private readonly tf: Tf, readonly schedule: NoiseSchedule, config: Partial<DdimConfig> = {}) {
    this.config = { ...DDIM_DEFAULTS, ...config, kind: 'ddim' };
    if (!(this.config.eta >= 0)) throw new Error(`${FILE}: eta must be >= 0, got ${this.config.eta}`);
    if (!(this.config.temperature >= 0)) throw new Error(`${FILE}: temperature must be >= 0, got ${this.config.temperature}`);
    this.setTimesteps(this.config.steps);
  }

  get timesteps(): readonly number[] { return this.grid; }

  setTimesteps(n: number): readonly number[] {
    this.grid = makeTimesteps(this.schedule.trainSteps, n, this.config.spacing);
    return this.grid;
  }

  prevTimestep(t: number): number { return nextTimestep(this.grid, t); }

  noiseStd(t: number, prevT: number, eta = this.config.eta): number {
    const abT = alphaBarAt(this.schedule, t);
    const abP = alphaBarAt(this.schedule, prevT);
    if (!(prevT < t)) throw new Error(`${FILE}: prevT (${prevT}) must be < t (${t})`);
    return eta * Math.sqrt(((1 - abP) / (1 - abT)) * (1 - abT / abP));
  }

  step(input: SchedulerStepInput): SchedulerStepOutput {
    const { tf } = this;
    const { t, prevT } = input;
    const eta = input.eta ?? this.config.eta;
    const abT = alphaBarAt(this.schedule, t);
    const abP = alphaBarAt(this.schedule, prevT);
    const sigma = this.noiseStd(t, prevT, eta);
    const injected = sigma * this.config.temperature;
    if (injected > 0 && !input.noise) throw new Error(`${FILE}: noise is required when eta * temperature > 0 (t=${t})`);
    return tf.tidy(() => {
      const clip = this.config.clipX0;
      const x0 = clip === null ? input.x0Pred.clone() : tf.clipByValue(input.x0Pred, -clip, clip);
      const epsHat = tf.div(tf.sub(input.sample, tf.mul(x0, Math.sqrt(abT))), Math.sqrt(1 - abT));
      const dirCoef = Math.sqrt(Math.max(1 - abP - sigma * sigma, 0));
      let prev = tf.add(tf.mul(x0, Math.sqrt(abP)), tf.mul(epsHat, dirCoef));
      if (injected > 0 && input.noise) prev = tf.add(prev, tf.mul(input.noise, injected));
      return { prevSample: prev, x0Pred: x0 };
    });
  }
}
