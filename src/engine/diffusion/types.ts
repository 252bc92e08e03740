// Scheduler configs (JSON, cross IPC, saved with every result) and the scheduler interface.
// A scheduler only does arithmetic on tensors; denoisers (which may render) live elsewhere.
import type { Tensor } from '../tf';

/** How the n inference timesteps are spread over the T training steps. */
export type TimestepSpacing = 'trailing' | 'leading';

export interface DdimConfig {
  kind: 'ddim';
  /** Inference steps n (DFM supplement Sec. 2.4: 50). */
  steps: number;
  /** 0: deterministic DDIM; 1: DDPM-equivalent ancestral noise (Song et al. 2021, Eq. 16). */
  eta: number;
  /** Scale of the injected noise (1 = the model's own variance, < 1 sharper, less diverse). */
  temperature: number;
  spacing: TimestepSpacing;
  /** Clamp x0 estimates to [-clip, clip] before the update; null disables it. */
  clipX0: number | null;
}

export interface DdpmConfig {
  kind: 'ddpm';
  /** Inference steps n (T = ancestral sampling of Ho et al.; fewer = strided DDPM). */
  steps: number;
  temperature: number;
  spacing: TimestepSpacing;
  clipX0: number | null;
}

export type SamplerConfig = DdimConfig | DdpmConfig;

export const DDIM_DEFAULTS: DdimConfig = {
  kind: 'ddim', steps: 50, eta: 0, temperature: 1, spacing: 'trailing', clipX0: 1,
};
export const DDPM_DEFAULTS: DdpmConfig = {
  kind: 'ddpm', steps: 1000, temperature: 1, spacing: 'trailing', clipX0: 1,
};

export interface SchedulerStepInput {
  /** x0 estimate from the denoiser (x0-prediction, DFM Eq. 5: the rendered target view). */
  x0Pred: Tensor;
  /** Current noisy sample x_t, same shape. */
  sample: Tensor;
  t: number;
  /** Previous (less noisy) timestep, -1 for the final step to the clean signal. */
  prevT: number;
  /** DDIM only: overrides config.eta. */
  eta?: number;
  /** Standard normal noise, same shape; required when the step injects noise. */
  noise?: Tensor;
}

export interface SchedulerStepOutput {
  /** x_{prevT}. */
  prevSample: Tensor;
  /** The (possibly clipped) x0 used for the update. */
  x0Pred: Tensor;
}

export interface Scheduler {
  readonly config: SamplerConfig;
  /** Descending inference timesteps after `setTimesteps`. */
  readonly timesteps: readonly number[];
  setTimesteps(n: number): readonly number[];
  /** The timestep that follows t in the current schedule (-1 after the last). */
  prevTimestep(t: number): number;
  /** Standard deviation of the noise injected from t to prevT (before temperature). */
  noiseStd(t: number, prevT: number, eta?: number): number;
  step(input: SchedulerStepInput): SchedulerStepOutput;
}
