// Exclusive cumulative sum along the last axis of [N, S] with a backend-safe gradient.
//
//   y_i = sum_{j<i} x_j        dL/dx_i = sum_{j>i} dL/dy_j
//
// tf.cumsum's own gradient is a *reverse* cumsum, and tfjs-backend-webgpu 4.22 caches its
// reverse-cumsum shader under a key without the axis length while baking the length into the
// code (shaderKey `cum_+_${exclusive}_${reverse}`): after one reverse cumsum of length S, every
// later one of another length is wrong (found by src/engine/conformance.test.ts). The gradient
// here flips, runs a forward exclusive cumsum (correct on every backend), and flips back.
import type { Tf } from '../tf';
import type * as tfNamespace from '@tensorflow/tfjs';

type Tensor = tfNamespace.Tensor;
type Tensor2D = tfNamespace.Tensor2D;

/** x [N, S] -> [N, S], y[:, i] = sum_{j<i} x[:, j]. Differentiable. */
export function exclusiveCumsum(tf: Tf, x: Tensor2D): Tensor2D {
  const op = tf.customGrad((...args: unknown[]) => {
    const [input] = args as [Tensor2D];
    return {
      value: tf.cumsum(input, 1, true),
      gradFunc: (dy: Tensor) => tf.tidy(() => tf.reverse(tf.cumsum(tf.reverse(dy, 1), 1, true), 1)),
    };
  }) as (x: Tensor) => Tensor2D;
  return op(x);
}
