// Helpers for the render tests (not exported from the module index): finite-difference gradient
// checks and a deterministic pseudo-random generator.
import { mulberry32 } from '../data/procedural/prng';
import type { Tf } from '../tf';
import type * as tfNamespace from '@tensorflow/tfjs';

type Tensor = tfNamespace.Tensor;
type Scalar = tfNamespace.Scalar;

/** Deterministic PRNG in [0, 1) (the data module's mulberry32). */
export const rng = mulberry32;

export function randomArray(n: number, seed: number, lo = 0, hi = 1): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
}

export interface GradCheckResult {
  analytic: Float32Array;
  numeric: Float32Array;
  /** max |a - n| / (atol + rtol |n|) over entries: <= 1 means within tolerance. */
  worst: number;
}

/**
 * Compare tf.grad of a scalar function of one tensor against central finite differences
 * (float32, so eps ~ 1e-3 and tolerances ~ 1e-2 relative). The function must be smooth near x.
 */
export function gradCheck(
  tf: Tf, f: (x: Tensor) => Scalar, x: Float32Array, shape: number[],
  { eps = 1e-3, atol = 2e-3, rtol = 2e-2 } = {},
): GradCheckResult {
  const analytic = tf.tidy(() => tf.grad(f)(tf.tensor(x, shape)).dataSync() as Float32Array).slice();
  const numeric = new Float32Array(x.length);
  const probe = Float32Array.from(x);
  const evalAt = () => tf.tidy(() => f(tf.tensor(probe, shape)).dataSync()[0]);
  for (let i = 0; i < x.length; i++) {
    probe[i] = x[i] + eps;
    const up = evalAt();
    probe[i] = x[i] - eps;
    const down = evalAt();
    probe[i] = x[i];
    numeric[i] = (up - down) / (2 * eps);
  }
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / (atol + rtol * Math.abs(numeric[i])));
  }
  return { analytic, numeric, worst };
}
