// Sampling along rays: stratified samples between near and far, and hierarchical importance
// sampling from coarse weights (NeRF, Mildenhall et al. 2020, Sec. 5.2, Eq. 5).
//
// Symbols: t_i = sample distance, [e_i, e_{i+1}] = the interval that t_i stands for,
// w_i = coarse compositing weight, PDF p_i = (w_i + pad) / sum_j (w_j + pad), CDF c_k.
//
// Not differentiable: the sample positions carry no gradient with respect to anything (not
// the weights, not near/far). `importanceSample` makes that explicit with a custom gradient of
// zero, so its sorting/searching kernels (which have no gradients in tfjs) never reach the tape.
import type { Tf } from '../tf';
import type * as tfNamespace from '@tensorflow/tfjs';
import type { RaySamples } from './types';

type Tensor = tfNamespace.Tensor;
type Tensor1D = tfNamespace.Tensor1D;
type Tensor2D = tfNamespace.Tensor2D;

/**
 * Interval edges for sorted samples t: midpoints between neighbours, with near/far at the ends.
 * t [N, S], near/far [N] -> edges [N, S + 1].
 */
export function edgesFromSamples(tf: Tf, t: Tensor2D, near: Tensor1D, far: Tensor1D): Tensor2D {
  return tf.tidy(() => {
    const s = t.shape[1];
    const parts: Tensor2D[] = [near.reshape([-1, 1])];
    if (s > 1) {
      const lo = t.slice([0, 0], [-1, s - 1]);
      const hi = t.slice([0, 1], [-1, s - 1]);
      parts.push(lo.add(hi).mul(0.5));
    }
    parts.push(far.reshape([-1, 1]));
    return tf.concat(parts, 1) as Tensor2D; // [N, S + 1]
  });
}

/**
 * Stratified samples (NeRF Eq. 2): t_i = near + (far - near) (i + u_i) / S with u_i ~ U[0, 1)
 * when training, u_i = 1/2 (bin midpoints, deterministic) otherwise.
 * near/far [N] -> t [N, S], edges [N, S + 1].
 */
export function stratifiedSamples(
  tf: Tf, near: Tensor1D, far: Tensor1D, samples: number, training: boolean, seed: number | null,
): RaySamples {
  return tf.tidy(() => {
    const n = near.shape[0];
    const u: Tensor2D = training
      ? tf.randomUniform([n, samples], 0, 1, 'float32', seed ?? undefined)
      : tf.fill([n, samples], 0.5);
    const i = tf.range(0, samples, 1, 'float32').reshape([1, samples]); // [1, S]
    const frac = i.add(u).div(samples); // [N, S] in [0, 1)
    const span = far.sub(near).reshape([-1, 1]); // [N, 1]
    const t = near.reshape([-1, 1]).add(span.mul(frac)) as Tensor2D; // [N, S]
    return { t, edges: edgesFromSamples(tf, t, near, far) };
  });
}

/**
 * out[n, k] = x[n, idx[n, k]]: x [N, M], idx [N, K] int32 -> [N, K]. Written as a gather on the
 * flattened x because tfjs-wasm 4.22's gather with batchDims = 1 returns wrong values (found by
 * src/engine/conformance.test.ts).
 */
export function gatherRows(tf: Tf, x: Tensor2D, idx: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const [n, m] = x.shape;
    const rowStart = tf.range(0, n * m, m, 'int32').reshape([n, 1]); // [N, 1]
    return tf.gather(x.reshape([n * m]), idx.add(rowStart), 0) as Tensor2D; // [N, K]
  });
}

/**
 * Inverse-CDF sampling of `count` distances from piecewise-constant PDFs over intervals, merged
 * with the given samples and sorted (NeRF Sec. 5.2).
 * coarse.t [N, S], coarse.edges [N, S + 1], weights [N, S], u [N, K] sorted in [0, 1)
 * -> t [N, S + K] ascending. Gradient: zero with respect to every input (see header).
 */
function sampleAndMerge(
  tf: Tf, coarseT: Tensor2D, edges: Tensor2D, weights: Tensor2D, u: Tensor2D, padding: number,
): Tensor2D {
  const s = weights.shape[1];
  const count = u.shape[1];
  const stop = tf.customGrad((...args: unknown[]) => {
    const [tc, e, w, uu] = args as Tensor2D[];
    const value = tf.tidy(() => {
      // 1. PDF and CDF over the S intervals: cdf [N, S + 1], cdf[:, 0] = 0, cdf[:, S] = 1.
      const padded = w.maximum(0).add(padding);
      const pdf = padded.div(padded.sum(1, true));
      const cdf = tf.concat([tf.zeros([w.shape[0], 1]), tf.cumsum(pdf, 1)], 1).minimum(1) as Tensor2D;
      // 2. Interval index k with cdf_k <= u < cdf_{k+1}: [N, K] int32 in [0, S - 1].
      const one = tf.scalar(1, 'int32');
      const k = tf.searchSorted(cdf, uu, 'right').sub(one).clipByValue(0, s - 1).cast('int32') as Tensor2D;
      const k1 = k.add(one) as Tensor2D;
      // 3. Invert the linear CDF inside the interval.
      const c0 = gatherRows(tf, cdf, k);
      const c1 = gatherRows(tf, cdf, k1);
      const e0 = gatherRows(tf, e, k);
      const e1 = gatherRows(tf, e, k1);
      const frac = uu.sub(c0).div(c1.sub(c0).maximum(1e-12)).clipByValue(0, 1);
      const fine = e0.add(frac.mul(e1.sub(e0))); // [N, K]
      // 4. Merge with the coarse samples and sort ascending (topk of -t is t ascending).
      const merged = tf.concat([tc, fine], 1);
      return tf.topk(merged.neg(), s + count, true).values.neg() as Tensor2D; // [N, S + K]
    });
    const shapes = [tc.shape, e.shape, w.shape, uu.shape];
    return { value, gradFunc: () => shapes.map((shape) => tf.zeros(shape)) };
  }) as (...inputs: Tensor[]) => Tensor2D;
  return stop(coarseT, edges, weights, u);
}

/**
 * Hierarchical sampling: `count` extra samples per ray drawn from the coarse weights, merged
 * with the coarse samples. Training draws stratified u (k + U[0,1)) / K; otherwise
 * u = (k + 1/2) / K (deterministic). Not differentiable (zero gradient).
 * coarse: t [N, S], edges [N, S + 1]; weights [N, S]; near/far [N] -> t [N, S + K], edges [N, S + K + 1].
 */
export function importanceSample(
  tf: Tf, coarse: RaySamples, weights: Tensor2D, near: Tensor1D, far: Tensor1D,
  count: number, training: boolean, seed: number | null, padding: number,
): RaySamples {
  return tf.tidy(() => {
    const n = weights.shape[0];
    const jitter: Tensor2D = training
      ? tf.randomUniform([n, count], 0, 1, 'float32', seed ?? undefined)
      : tf.fill([n, count], 0.5);
    const u = tf.range(0, count, 1, 'float32').reshape([1, count]).add(jitter).div(count) as Tensor2D;
    const t = sampleAndMerge(tf, coarse.t, coarse.edges, weights, u, padding);
    return { t, edges: edgesFromSamples(tf, t, near, far) };
  });
}
