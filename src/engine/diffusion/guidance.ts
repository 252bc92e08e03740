// Classifier-free guidance in the x0 parameterisation (Ho & Salimans 2022; DFM supplement
// Sec. 2.4: guidance weight 2 for RealEstate10k, the context zeroed out for 10% of training steps).
// DFM's code combines the rendered clean estimates as x0 = x0_uncond + w (x0_cond - x0_uncond),
// so w = 1 is plain conditional sampling and w = 0 unconditional. (Ho & Salimans' weight is w - 1.)
// The combination is linear, so it is the same whether applied to x0 or to eps.
import type { Tf, Tensor } from '../tf';

export function applyGuidance(tf: Tf, x0Cond: Tensor, x0Uncond: Tensor, weight: number): Tensor {
  if (!Number.isFinite(weight)) throw new Error(`diffusion/guidance.ts: weight must be finite, got ${weight}`);
  if (x0Cond.shape.join(',') !== x0Uncond.shape.join(',')) {
    throw new Error(`diffusion/guidance.ts: shapes differ: cond [${x0Cond.shape}] vs uncond [${x0Uncond.shape}]`);
  }
  return tf.tidy(() => tf.add(x0Uncond, tf.mul(tf.sub(x0Cond, x0Uncond), weight)));
}

/** Context-dropout decision for one training step (true = drop, i.e. train unconditionally). */
export function dropContext(probability: number, uniform01: number): boolean {
  if (!(probability >= 0 && probability <= 1)) {
    throw new Error(`diffusion/guidance.ts: context dropout probability must be in [0, 1], got ${probability}`);
  }
  return uniform01 < probability;
}
