// The image prior model: its config, named parameters (a ParamStore under the prefix 'unet') and noise schedule.
import type * as tfn from '@tensorflow/tfjs';
import { makeNoiseSchedule, type NoiseSchedule } from '../diffusion';
import { ParamStore } from '../fields';
import type { Tf } from '../tf';
import { resolvePriorConfig, type PriorConfig, type PriorConfigInput } from './config';
import { initUnet, unetForward, type CondRows } from './unet';

export const UNET_PREFIX = 'unet';

export interface PriorModel {
  readonly tf: Tf;
  readonly config: PriorConfig;
  readonly store: ParamStore;
  readonly schedule: NoiseSchedule;
}

/** Build the model with seeded initial weights (same seed, same weights on every backend). */
export function createPriorModel(tf: Tf, config: PriorConfigInput = {}, seed = 0): PriorModel {
  const c = resolvePriorConfig(config);
  const store = new ParamStore(tf, seed);
  initUnet(store, UNET_PREFIX, c.unet);
  return { tf, config: c, store, schedule: makeNoiseSchedule(c.schedule) };
}

/** eps_hat [B, H, W, 3] with the model's current weights. */
export function priorEpsilon(model: PriorModel, x: tfn.Tensor4D, t: readonly number[], cond: CondRows): tfn.Tensor4D {
  return unetForward(model.tf, model.store, UNET_PREFIX, model.config.unet, x, t, cond);
}

export function parameterCount(model: PriorModel): number {
  return model.store.count();
}

export function disposePriorModel(model: PriorModel): void {
  model.store.dispose();
}
