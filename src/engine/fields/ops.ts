// Differentiable primitives whose gradients run on every backend we ship (cpu, wasm, webgpu).
// - tfjs-wasm has no Conv2DBackpropFilter and no UnsortedSegmentSum kernel (tf.gather's gradient),
//   so convolutions are written as im2col + matMul and row gathers get a scatterND gradient.
// - tfjs-wasm matMul with transposeA/B is 11-17x slower than transpose + matMul (DESIGN.md), so
//   matMul's gradient transposes explicitly.
import type * as tfn from '@tensorflow/tfjs';
import type { Tf } from '../tf';

type Tensor = tfn.Tensor;
type Tensor2D = tfn.Tensor2D;
type Tensor4D = tfn.Tensor4D;

/** a [M, K] x b [K, N] -> [M, N]; gradients dA = dy b^T, dB = a^T dy with explicit transposes. */
export function matMul2d(tf: Tf, a: Tensor2D, b: Tensor2D): Tensor2D {
  const f = tf.customGrad(((x: Tensor, y: Tensor, save: (ts: Tensor[]) => void) => {
    save([x, y]);
    return {
      value: tf.matMul(x as Tensor2D, y as Tensor2D),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, sy] = saved as Tensor2D[];
        return [tf.matMul(dy as Tensor2D, tf.transpose(sy)), tf.matMul(tf.transpose(sx), dy as Tensor2D)];
      },
    };
  }) as unknown as Parameters<Tf['customGrad']>[0]);
  return f(a, b) as Tensor2D;
}

/** x [..., K] x w [K, N] -> [..., N] (dense layer without bias). */
export function denseApply(tf: Tf, x: Tensor, w: Tensor2D): Tensor {
  const k = x.shape[x.shape.length - 1];
  const lead = x.shape.slice(0, -1);
  return tf.tidy(() => tf.reshape(matMul2d(tf, tf.reshape(x, [-1, k]) as Tensor2D, w), [...lead, w.shape[1]]));
}

/**
 * Rows of `params` [M, F] at `indices` (int32 [K]) -> [K, F]. Differentiable w.r.t. params
 * (gradient: scatterND, which sums duplicate indices); not w.r.t. indices.
 */
export function gatherRows(tf: Tf, params: Tensor2D, indices: tfn.Tensor1D): Tensor2D {
  const m = params.shape[0];
  const f = params.shape[1];
  // `indices` goes through `save`: the engine keeps saved tensors alive until backprop, whereas a
  // closure reference would be disposed by the caller's tidy before the backward pass.
  const g = tf.customGrad(((p: Tensor, save: (ts: Tensor[]) => void) => {
    save([indices]);
    return {
      value: tf.gather(p, indices),
      gradFunc: (dy: Tensor, saved: Tensor[]) => tf.scatterND(tf.expandDims(saved[0], 1), dy, [m, f]),
    };
  }) as unknown as Parameters<Tf['customGrad']>[0]);
  return g(params) as Tensor2D;
}

/**
 * 'same'-padded, stride-1 convolution x [B, H, W, Cin] * w [k, k, Cin, Cout] as im2col + matMul
 * (zero padding). Differentiable w.r.t. x and w on every backend.
 */
export function conv2dIm2col(tf: Tf, x: Tensor4D, w: Tensor4D): Tensor4D {
  const [b, h, wd, cin] = x.shape;
  const k = w.shape[0];
  const cout = w.shape[3];
  if (w.shape[2] !== cin) throw new Error(`fields/ops.ts: conv input has ${cin} channels, weights expect ${w.shape[2]}`);
  if (k === 1) return tf.tidy(() => tf.reshape(denseApply(tf, x, tf.reshape(w, [cin, cout]) as Tensor2D), [b, h, wd, cout]));
  const p = (k - 1) / 2;
  return tf.tidy(() => {
    const padded = tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]]);
    const cols: Tensor[] = [];
    for (let dy = 0; dy < k; dy++) {
      for (let dx = 0; dx < k; dx++) cols.push(tf.slice(padded, [0, dy, dx, 0], [b, h, wd, cin]));
    }
    const patches = tf.concat(cols, 3); // [B, H, W, k*k*Cin], ordered (dy, dx, c) like w's layout
    return tf.reshape(denseApply(tf, patches, tf.reshape(w, [k * k * cin, cout]) as Tensor2D), [b, h, wd, cout]) as Tensor4D;
  });
}
