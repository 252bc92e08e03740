// Test helpers (not exported from the module index): an exact Gaussian prior and a linear toy diffrep.
//
// Gaussian data x0 ~ N(mu_c, s_c^2) independently per pixel and channel c (mu may vary per pixel). For the VP forward
// x_t = sqrt(abar) x0 + sqrt(1 - abar) eps the posterior mean is closed-form (Tweedie / Gaussian conditioning):
//   E[x0 | x_t] = mu + s^2 sqrt(abar) / (abar s^2 + 1 - abar) (x_t - sqrt(abar) mu)
import { alphaBarAt, type NoiseSchedule } from '../diffusion';
import type { Tf, Tensor } from '../tf';
import type { DifferentiableRep, Prior, RepView } from './types';

export interface GaussianPrior extends Prior { calls: number }

export function gaussianPrior(
  tf: Tf, schedule: NoiseSchedule, mean: readonly number[] | number[][][], std: readonly number[], prediction: 'epsilon' | 'x0' = 'x0',
): GaussianPrior {
  const prior: GaussianPrior = {
    schedule, prediction, calls: 0,
    denoise(x, t) {
      prior.calls++;
      const ab = alphaBarAt(schedule, t);
      return tf.tidy(() => {
        const mu = tf.tensor(mean as number[]); // [3], or [H, W, 3] (a view-position-dependent mean)
        const s2 = tf.square(tf.tensor1d([...std]));
        const gain = tf.div(tf.mul(s2, Math.sqrt(ab)), tf.add(tf.mul(s2, ab), 1 - ab));
        const x0 = tf.add(mu, tf.mul(gain, tf.sub(x, tf.mul(mu, Math.sqrt(ab)))));
        return prediction === 'x0' ? x0 : tf.div(tf.sub(x, tf.mul(x0, Math.sqrt(ab))), Math.sqrt(1 - ab));
      });
    },
  };
  return prior;
}

/**
 * n independent samples of a 3-D toy diffrep side by side: theta [n, 3], rendered image [1, n, 3] with
 * pixel j = A theta_j (A is 3x3 row-major). The loss of every DDRep/SDS step separates over pixels and
 * Adam's moments are per coordinate, so this is n independent runs in one tensor program.
 */
export function linearToyRep(tf: Tf, A: readonly number[][], n: number, lr = 0.05): DifferentiableRep {
  const theta = tf.tidy(() => tf.variable(tf.zeros([n, 3]), true));
  const At = tf.tidy(() => tf.transpose(tf.tensor2d(A.map((r) => [...r]))));
  const view: RepView = { key: 'image', cond: null };
  return {
    config: { kind: 'linear-toy' },
    parameters: [theta],
    viewSize: [1, n],
    noiseShape: [1, n, 3],
    suggestedLr: lr,
    render: () => tf.tidy(() => tf.reshape(tf.matMul(theta, At), [1, n, 3])),
    sampleViews: () => [view],
    viewNoise: (e) => e.clone(),
    solveLeastSquares(views, targets) {
      // A is invertible: theta_j = A^-1 x_j for the mean target (one view), i.e. Theta = X A^-T.
      const next = tf.tidy(() => {
        const x = tf.reshape(tf.div(tf.addN([...targets]), targets.length), [n, 3]);
        return tf.transpose(solve3(tf, A, tf.transpose(x)));
      });
      theta.assign(next);
      next.dispose();
    },
    dispose: () => { theta.dispose(); At.dispose(); },
  };
}

export function maxAbsDiff(tf: Tf, a: Tensor, b: Tensor): number {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = d.dataSync()[0];
  d.dispose();
  return v;
}

/** A^-1 B for a 3x3 A (cofactor formula, in float64) and B [3, m]. */
function solve3(tf: Tf, A: readonly number[][], B: Tensor): Tensor {
  const [[a, b, c], [d, e, f], [g, h, i]] = A;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (Math.abs(det) < 1e-12) throw new Error('ddrep/test-utils.ts: A is singular');
  const inv = [
    [e * i - f * h, c * h - b * i, b * f - c * e],
    [f * g - d * i, a * i - c * g, c * d - a * f],
    [d * h - e * g, b * g - a * h, a * e - b * d],
  ].map((r) => r.map((v) => v / det));
  return tf.matMul(tf.tensor2d(inv), B);
}
