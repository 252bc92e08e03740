// A tiny MLP radiance field for tests, the conformance suite and benchmarks (not exported from
// the module index; real fields live in src/engine/fields).
//
//   h = relu(x W1 + b1), o = h W2 + b2, sigma = softplus(o_0), rgb = sigmoid(o_1..3)
//
// Its dense layers use `matMulExplicit`, whose gradient transposes explicitly before a plain
// matMul: tfjs-wasm's matMul with transposeA/transposeB is 11-17x slower (DESIGN.md).
import type { Tf } from '../tf';
import type * as tfNamespace from '@tensorflow/tfjs';
import type { FieldFn } from './types';

type Tensor = tfNamespace.Tensor;
type Tensor2D = tfNamespace.Tensor2D;
type Tensor3D = tfNamespace.Tensor3D;

/** a [M, K] x b [K, P] -> [M, P]; gradient: da = dy transpose(b), db = transpose(a) dy. */
export function matMulExplicit(tf: Tf, a: Tensor2D, b: Tensor2D): Tensor2D {
  const op = tf.customGrad((...args: unknown[]) => {
    const [x, w, save] = args as [Tensor2D, Tensor2D, (t: Tensor[]) => void];
    save([x, w]);
    return {
      value: tf.matMul(x, w),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [xs, ws] = saved as Tensor2D[];
        return [tf.matMul(dy as Tensor2D, ws.transpose()), tf.matMul(xs.transpose(), dy as Tensor2D)];
      },
    };
  }) as (a: Tensor, b: Tensor) => Tensor2D;
  return op(a, b);
}

/** Parameters of the tiny MLP: w1 [3, H], b1 [H], w2 [H, 4], b2 [4]. */
export interface TinyMlpParams {
  w1: Tensor2D;
  b1: tfNamespace.Tensor1D;
  w2: Tensor2D;
  b2: tfNamespace.Tensor1D;
}

/** Deterministic initial values (plain arrays, so every backend starts from identical bits). */
export function tinyMlpInit(hidden: number, seed = 1): { w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: Float32Array } {
  let a = seed >>> 0;
  const r = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  const fill = (n: number, scale: number) => Float32Array.from({ length: n }, () => 2 * scale * r());
  return { w1: fill(3 * hidden, 1.5), b1: fill(hidden, 0.5), w2: fill(hidden * 4, 1 / Math.sqrt(hidden)), b2: fill(4, 0.1) };
}

/** The field callback for given parameter tensors. points [N, S, 3] -> sigma [N, S], rgb [N, S, 3]. */
export function tinyMlpField(tf: Tf, p: TinyMlpParams): FieldFn {
  return (points: Tensor3D) => {
    const [n, s] = points.shape;
    const x = points.reshape([n * s, 3]) as Tensor2D; // [N*S, 3]
    const h = tf.relu(matMulExplicit(tf, x, p.w1).add(p.b1)) as Tensor2D; // [N*S, H]
    const o = matMulExplicit(tf, h, p.w2).add(p.b2); // [N*S, 4]
    const sigma = tf.softplus(o.slice([0, 0], [-1, 1])).reshape([n, s]) as Tensor2D;
    const rgb = tf.sigmoid(o.slice([0, 1], [-1, 3])).reshape([n, s, 3]) as Tensor3D;
    return { sigma, rgb };
  };
}
