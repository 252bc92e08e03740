// One guided prior evaluation on a batch of noisy views, in both parameterisations.
//
//   x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps           (VP form, diffusion/add-noise.ts)
//   eps prediction -> x0_hat = (x_t - sqrt(1 - abar_t) eps_hat) / sqrt(abar_t)
//   x0 prediction  -> eps_hat = (x_t - sqrt(abar_t) x0_hat) / sqrt(1 - abar_t)
//   CFG (Ho & Salimans 2022) via diffusion/guidance.ts: out = out_u + w (out_c - out_u); linear, so the
//   same whether combined in eps or x0 (w = 1: conditional only, one call; w = 0: unconditional only).
import { alphaBarAt, applyGuidance } from '../diffusion';
import type { Tf, Tensor } from '../tf';
import type { Prior, ViewCondBatch } from './types';

export interface GuidedPrediction {
  /** [B, H, W, 3] */
  x0: Tensor;
  /** [B, H, W, 3] */
  eps: Tensor;
  /** Batched denoiser calls made (1, or 2 with guidance). */
  calls: number;
}

/** `xt` is not disposed. With cond null or every row null, guidance is skipped (one call). */
export async function guidedPrediction(
  tf: Tf, prior: Prior, xt: Tensor, t: number, cond: ViewCondBatch, guidance: number,
): Promise<GuidedPrediction> {
  const conditional = cond !== null && cond.some((c) => c !== null);
  let raw: Tensor;
  let calls = 1;
  if (!conditional || guidance === 1) {
    raw = await prior.denoise(xt, t, conditional ? cond : null);
  } else if (guidance === 0) {
    raw = await prior.denoise(xt, t, null);
  } else {
    const c = await prior.denoise(xt, t, cond);
    const u = await prior.denoise(xt, t, null);
    raw = applyGuidance(tf, c, u, guidance);
    tf.dispose([c, u]);
    calls = 2;
  }
  if (raw.shape.join(',') !== xt.shape.join(',')) {
    const shape = raw.shape;
    raw.dispose();
    throw new Error(`ddrep/prior.ts: denoiser returned shape [${shape}] for input [${xt.shape}] at t=${t}`);
  }
  const ab = alphaBarAt(prior.schedule, t);
  const out = tf.tidy(() => {
    if (prior.prediction === 'epsilon') {
      return { eps: raw.clone(), x0: tf.div(tf.sub(xt, tf.mul(raw, Math.sqrt(1 - ab))), Math.sqrt(ab)) };
    }
    return { x0: raw.clone(), eps: tf.div(tf.sub(xt, tf.mul(raw, Math.sqrt(ab))), Math.sqrt(1 - ab)) };
  });
  raw.dispose();
  return { ...out, calls };
}
