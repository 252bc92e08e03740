// Differentiable primitives whose gradients run on every backend we ship (cpu, wasm, webgpu).
// - tfjs-wasm has no Conv2DBackpropFilter and no UnsortedSegmentSum kernel (tf.gather's gradient),
//   so convolutions are written as im2col + matMul and row gathers get a scatterND gradient.
// - tfjs-wasm matMul with transposeA/B is 11-17x slower than transpose + matMul (DESIGN.md), so
//   matMul's gradient transposes explicitly.
// - On backends whose tensors live in host memory (wasm, cpu) the generic GatherV2 kernel copies
//   about 30 floats per microsecond, and reducing over a leading axis (a bias gradient) transposes
//   first: there gatherRows copies rows and addBias sums its gradient with typed arrays (see
//   bench/dfm.ts for the train-step time). GPU backends keep the kernels.
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

/** Whether tensors live in host memory, where reading them back (dataSync) is a plain copy. */
export function hostMemoryBackend(tf: Tf): boolean {
  const b = tf.getBackend();
  return b === 'wasm' || b === 'cpu';
}

/** out[r] = src[idx[r]] for rows of width f (host memory); indices are checked. */
function copyRows(src: Float32Array, idx: Int32Array, m: number, f: number): Float32Array {
  const out = new Float32Array(idx.length * f);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    if (!(i >= 0 && i < m)) throw new Error(`fields/ops.ts: gatherRows: indices[${r}] = ${i} is outside [0, ${m})`);
    const from = i * f; const to = r * f;
    for (let j = 0; j < f; j++) out[to + j] = src[from + j];
  }
  return out;
}

/** acc[idx[r]] += dy[r] for rows of width f (host memory): the gather's gradient, duplicates summed. */
function scatterAddRows(dy: Float32Array, idx: Int32Array, m: number, f: number): Float32Array {
  const acc = new Float32Array(m * f);
  for (let r = 0; r < idx.length; r++) {
    const from = r * f; const to = idx[r] * f;
    for (let j = 0; j < f; j++) acc[to + j] += dy[from + j];
  }
  return acc;
}

/**
 * Rows of `params` [M, F] at `indices` (int32 [K]) -> [K, F]. Differentiable w.r.t. params
 * (gradient: a scatter-add, which sums duplicate indices); not w.r.t. indices.
 */
export function gatherRows(tf: Tf, params: Tensor2D, indices: tfn.Tensor1D): Tensor2D {
  const m = params.shape[0];
  const f = params.shape[1];
  const host = hostMemoryBackend(tf);
  // `indices` goes through `save`: the engine keeps saved tensors alive until backprop, whereas a
  // closure reference would be disposed by the caller's tidy before the backward pass.
  const g = tf.customGrad(((p: Tensor, save: (ts: Tensor[]) => void) => {
    save([indices]);
    const value = host
      ? tf.tensor2d(copyRows(p.dataSync() as Float32Array, indices.dataSync() as Int32Array, m, f), [indices.shape[0], f])
      : tf.gather(p, indices);
    return {
      value,
      gradFunc: (dy: Tensor, saved: Tensor[]) => (host
        ? tf.tensor2d(scatterAddRows(dy.dataSync() as Float32Array, saved[0].dataSync() as Int32Array, m, f), [m, f])
        : tf.scatterND(tf.expandDims(saved[0], 1), dy, [m, f])),
    };
  }) as unknown as Parameters<Tf['customGrad']>[0]);
  return g(params) as Tensor2D;
}

/** Column sums of rows [R, C] held in host memory -> [C]. */
function columnSums(rows: Float32Array, c: number): Float32Array {
  const out = new Float32Array(c);
  for (let i = 0; i < rows.length; i += c) for (let j = 0; j < c; j++) out[j] += rows[i + j];
  return out;
}

/** x [..., C] + b [C]; on host-memory backends the bias gradient is summed with typed arrays. */
export function addBias(tf: Tf, x: Tensor, b: Tensor): Tensor {
  const c = b.shape[0];
  if (!hostMemoryBackend(tf)) return tf.add(x, b);
  const f = tf.customGrad(((xx: Tensor, bb: Tensor) => ({
    value: tf.add(xx, bb),
    gradFunc: (dy: Tensor) => [tf.clone(dy), tf.tensor1d(columnSums(dy.dataSync() as Float32Array, c))],
  })) as unknown as Parameters<Tf['customGrad']>[0]);
  return f(x, b);
}

/** im2col patches of x [B, H, W, Cin] for a k x k 'same' convolution -> [B*H*W, k*k*Cin] ordered (dy, dx, c). */
function im2col(tf: Tf, x: Tensor4D, k: number): Tensor2D {
  const [b, h, wd, cin] = x.shape;
  const p = (k - 1) / 2;
  return tf.tidy(() => {
    const padded = tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]]);
    const cols: Tensor[] = [];
    for (let dy = 0; dy < k; dy++) {
      for (let dx = 0; dx < k; dx++) cols.push(tf.slice(padded, [0, dy, dx, 0], [b, h, wd, cin]));
    }
    return tf.reshape(tf.concat(cols, 3), [b * h * wd, k * k * cin]) as Tensor2D;
  });
}

/**
 * 'same'-padded, stride-1 convolution x [B, H, W, Cin] * w [k, k, Cin, Cout] (zero padding),
 * differentiable w.r.t. x and w on every backend. The value is tf.conv2d; the gradient is explicit:
 *   dx = conv2d(dy, w flipped in space with Cin/Cout swapped)   (stride 1, odd k: the transposed
 *        convolution; 9x faster on wasm than tf.conv2dTranspose)
 *   dw = (dy^T im2col(x))^T                  (wasm has no Conv2DBackpropFilter; transposing the
 *        small dy instead of the patch matrix avoids slow wasm transposes)
 * which is the gradient of the im2col + matMul formulation, with fewer and faster kernels.
 */
export function conv2dIm2col(tf: Tf, x: Tensor4D, w: Tensor4D): Tensor4D {
  const [b, h, wd, cin] = x.shape;
  const k = w.shape[0];
  const cout = w.shape[3];
  if (w.shape[2] !== cin) throw new Error(`fields/ops.ts: conv input has ${cin} channels, weights expect ${w.shape[2]}`);
  if (k % 2 !== 1) throw new Error(`fields/ops.ts: conv kernel size must be odd for 'same' padding, got ${k}`);
  if (k === 1) return tf.tidy(() => tf.reshape(denseApply(tf, x, tf.reshape(w, [cin, cout]) as Tensor2D), [b, h, wd, cout]));
  const f = tf.customGrad(((xx: Tensor, ww: Tensor, save: (ts: Tensor[]) => void) => {
    save([xx, ww]);
    return {
      value: tf.conv2d(xx as Tensor4D, ww as Tensor4D, 1, 'same'),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, sw] = saved as Tensor4D[];
        const flipped = tf.transpose(tf.reverse(sw, [0, 1]), [0, 1, 3, 2]) as Tensor4D; // [k, k, Cout, Cin]
        const dx = tf.conv2d(dy as Tensor4D, flipped, 1, 'same');
        const cols = im2col(tf, sx, k); // [BHW, k*k*Cin]
        const dyT = tf.transpose(tf.reshape(dy, [b * h * wd, cout])) as Tensor2D; // [Cout, BHW]
        const dw = tf.reshape(tf.transpose(tf.matMul(dyT, cols)), [k, k, cin, cout]);
        return [dx, dw];
      },
    };
  }) as unknown as Parameters<Tf['customGrad']>[0]);
  return f(x, w) as Tensor4D;
}
