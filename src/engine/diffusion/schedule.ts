// Noise schedules of the forward process q(x_t | x_{t-1}) = N(sqrt(1 - beta_t) x_{t-1}, beta_t I)
// (DFM Eq. 1; Ho et al. 2020) and the closed form q(x_t | x_0) = N(sqrt(abar_t) x_0, (1 - abar_t) I).
//
// Code name        paper symbol
//   betas[t]         beta_{t+1}          (timestep index t = 0 .. T-1, diffusers convention)
//   alphasCumprod[t] abar_{t+1} = prod_{s<=t} (1 - betas[s])
//   t = -1           "clean" step: abar = 1 (used as the previous timestep of the last DDIM step)
//
// Cosine: Nichol & Dhariwal 2021, Eq. 17: abar(t) = f(t) / f(0), f(t) = cos^2(((t/T + s)/(1 + s)) pi/2),
// betas clipped to maxBeta (0.999) so the last step stays invertible.
// Linear: Ho et al. 2020: betas linear from 1e-4 to 0.02 over 1000 steps (scaled by 1000 / T).

export type NoiseScheduleConfig =
  | { kind: 'cosine'; trainSteps: number; s: number; maxBeta: number }
  | { kind: 'linear'; trainSteps: number; betaStart: number; betaEnd: number };

export const COSINE_SCHEDULE_DEFAULTS: Extract<NoiseScheduleConfig, { kind: 'cosine' }> = {
  kind: 'cosine', trainSteps: 1000, s: 0.008, maxBeta: 0.999,
};
export const LINEAR_SCHEDULE_DEFAULTS: Extract<NoiseScheduleConfig, { kind: 'linear' }> = {
  kind: 'linear', trainSteps: 1000, betaStart: 1e-4, betaEnd: 0.02,
};

export interface NoiseSchedule {
  readonly config: NoiseScheduleConfig;
  /** T, the number of training timesteps. */
  readonly trainSteps: number;
  /** [T] beta_t. */
  readonly betas: Float64Array;
  /** [T] abar_t, strictly decreasing, abar_0 ~ 1, abar_{T-1} ~ 0. */
  readonly alphasCumprod: Float64Array;
}

const FILE = 'diffusion/schedule.ts';

function checkPositiveInt(field: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${FILE}: ${field} must be a positive integer, got ${v}`);
}

/** Build a schedule from a JSON config. Throws naming the bad field. */
export function makeNoiseSchedule(config: NoiseScheduleConfig): NoiseSchedule {
  const T = config.trainSteps;
  checkPositiveInt('trainSteps', T);
  const betas = new Float64Array(T);
  if (config.kind === 'cosine') {
    if (!(config.s >= 0)) throw new Error(`${FILE}: s must be >= 0, got ${config.s}`);
    if (!(config.maxBeta > 0 && config.maxBeta < 1)) throw new Error(`${FILE}: maxBeta must be in (0, 1), got ${config.maxBeta}`);
    const f = (t: number) => Math.cos(((t / T + config.s) / (1 + config.s)) * Math.PI * 0.5) ** 2;
    const f0 = f(0);
    for (let i = 0; i < T; i++) {
      const beta = 1 - f(i + 1) / f0 / (f(i) / f0);
      betas[i] = Math.min(Math.max(beta, 0), config.maxBeta);
    }
  } else if (config.kind === 'linear') {
    const scale = 1000 / T;
    const b0 = scale * config.betaStart;
    const b1 = scale * config.betaEnd;
    if (!(b0 > 0 && b1 < 1 && b0 <= b1)) {
      throw new Error(`${FILE}: betaStart/betaEnd must satisfy 0 < start <= end < 1 after scaling, got ${b0}, ${b1}`);
    }
    for (let i = 0; i < T; i++) betas[i] = T === 1 ? b0 : b0 + ((b1 - b0) * i) / (T - 1);
  } else {
    throw new Error(`${FILE}: unknown schedule kind ${JSON.stringify((config as { kind: unknown }).kind)}`);
  }
  const alphasCumprod = new Float64Array(T);
  let prod = 1;
  for (let i = 0; i < T; i++) {
    prod *= 1 - betas[i];
    alphasCumprod[i] = prod;
  }
  return { config, trainSteps: T, betas, alphasCumprod };
}

/** abar at timestep t; t = -1 means the clean signal (abar = 1). */
export function alphaBarAt(schedule: NoiseSchedule, t: number): number {
  if (t === -1) return 1;
  if (!Number.isInteger(t) || t < 0 || t >= schedule.trainSteps) {
    throw new Error(`${FILE}: timestep must be an integer in [-1, ${schedule.trainSteps - 1}], got ${t}`);
  }
  return schedule.alphasCumprod[t];
}
