// Forward noising in closed form (Ho et al. 2020 Eq. 4; DFM Sec. 2.2, q(O_t | O_0)):
//   x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps,  eps ~ N(0, I).
import type { Tf, Tensor } from '../tf';
import { alphaBarAt, type NoiseSchedule } from './schedule';

/**
 * `x0`, `noise`: same shape [B, ...]. `t`: one timestep for the whole batch, or one per batch
 * element (length B). Differentiable w.r.t. x0 and noise.
 */
export function addNoise(tf: Tf, schedule: NoiseSchedule, x0: Tensor, noise: Tensor, t: number | readonly number[]): Tensor {
  if (x0.shape.join(',') !== noise.shape.join(',')) {
    throw new Error(`diffusion/add-noise.ts: noise shape [${noise.shape}] differs from x0 shape [${x0.shape}]`);
  }
  return tf.tidy(() => {
    if (typeof t === 'number') {
      const ab = alphaBarAt(schedule, t);
      return tf.add(tf.mul(x0, Math.sqrt(ab)), tf.mul(noise, Math.sqrt(1 - ab)));
    }
    const b = x0.shape[0];
    if (t.length !== b) throw new Error(`diffusion/add-noise.ts: t has ${t.length} entries, batch is ${b}`);
    const bshape = [b, ...x0.shape.slice(1).map(() => 1)];
    const a = tf.tensor(t.map((ti) => Math.sqrt(alphaBarAt(schedule, ti))), bshape, 'float32');
    const s = tf.tensor(t.map((ti) => Math.sqrt(1 - alphaBarAt(schedule, ti))), bshape, 'float32');
    return tf.add(tf.mul(x0, a), tf.mul(noise, s));
  });
}
