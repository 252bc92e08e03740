// Small functional layers over a ParamStore. Parameters are created by `init*`, used by the op.
import type * as tfn from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { addBias, conv2dIm2col, denseApply } from './ops';
import type { ParamStore } from './params';

type Tensor = tfn.Tensor;
type Tensor2D = tfn.Tensor2D;
type Tensor4D = tfn.Tensor4D;

export type ConvImpl = 'im2col' | 'native';

export function initDense(s: ParamStore, name: string, inDim: number, outDim: number, zero = false): void {
  s.add(`${name}.w`, [inDim, outDim], zero ? 'zeros' : 'he', inDim);
  s.add(`${name}.b`, [outDim], 'zeros');
}

/** x [..., in] -> [..., out]. */
export function dense(tf: Tf, s: ParamStore, name: string, x: Tensor): Tensor {
  return addBias(tf, denseApply(tf, x, s.v(`${name}.w`) as Tensor2D), s.v(`${name}.b`));
}

export function initConv(s: ParamStore, name: string, k: number, cin: number, cout: number, scale = 1): void {
  if (scale === 1) s.add(`${name}.w`, [k, k, cin, cout], 'he', k * k * cin);
  else s.add(`${name}.w`, [k, k, cin, cout], { normal: scale * Math.sqrt(2 / (k * k * cin)) });
  s.add(`${name}.b`, [cout], 'zeros');
}

/** x [B, H, W, Cin] -> [B, H, W, Cout], 'same' padding, stride 1. */
export function conv(tf: Tf, s: ParamStore, name: string, x: Tensor4D, impl: ConvImpl): Tensor4D {
  const w = s.v(`${name}.w`) as unknown as Tensor4D;
  const y = impl === 'native' ? tf.conv2d(x, w, 1, 'same') : conv2dIm2col(tf, x, w);
  return addBias(tf, y, s.v(`${name}.b`)) as Tensor4D;
}

export function silu(tf: Tf, x: Tensor): Tensor {
  return tf.mul(x, tf.sigmoid(x));
}

/** Group norm without affine: x [B, H, W, C] normalised over (H, W, C/G) per group. */
export function groupNormPlain(tf: Tf, x: Tensor4D, groups: number): Tensor4D {
  const [b, h, w, c] = x.shape;
  const g = Math.min(groups, c);
  if (c % g !== 0) throw new Error(`fields/layers.ts: ${c} channels are not divisible into ${g} groups`);
  const xr = tf.reshape(x, [b, h, w, g, c / g]);
  const { mean, variance } = tf.moments(xr, [1, 2, 4], true);
  return tf.reshape(tf.div(tf.sub(xr, mean), tf.sqrt(tf.add(variance, 1e-5))), [b, h, w, c]);
}

export function initGroupNorm(s: ParamStore, name: string, c: number): void {
  s.add(`${name}.g`, [c], 'ones');
  s.add(`${name}.b`, [c], 'zeros');
}

export function groupNorm(tf: Tf, s: ParamStore, name: string, x: Tensor4D, groups: number): Tensor4D {
  return tf.add(tf.mul(groupNormPlain(tf, x, groups), s.v(`${name}.g`)), s.v(`${name}.b`));
}

/**
 * Adaptive group norm (FiLM from the time embedding): GN(x) * (1 + scale) + shift, where
 * [scale, shift] = dense(emb); the dense layer starts at zero so the block starts as plain GN.
 * emb [B, E].
 */
export function adaGroupNorm(tf: Tf, s: ParamStore, name: string, x: Tensor4D, emb: Tensor2D, groups: number): Tensor4D {
  const c = x.shape[3];
  const ss = dense(tf, s, `${name}.film`, emb); // [B, 2C]
  const scale = tf.reshape(tf.slice(ss, [0, 0], [-1, c]), [-1, 1, 1, c]);
  const shift = tf.reshape(tf.slice(ss, [0, c], [-1, c]), [-1, 1, 1, c]);
  return tf.add(tf.mul(groupNormPlain(tf, x, groups), tf.add(scale, 1)), shift);
}

export function initAdaGroupNorm(s: ParamStore, name: string, c: number, embDim: number): void {
  initDense(s, `${name}.film`, embDim, 2 * c, true);
}

/**
 * Sinusoidal timestep embedding (Vaswani et al.; DDPM): [sin(t w_i), cos(t w_i)],
 * w_i = 10000^(-i / (D/2)). t in training-step units [0, T). Returns [B, D] (not differentiable).
 */
export function timestepEmbedding(tf: Tf, t: readonly number[], dim: number): Tensor2D {
  const half = Math.floor(dim / 2);
  const data = new Float32Array(t.length * dim);
  for (let b = 0; b < t.length; b++) {
    for (let i = 0; i < half; i++) {
      const w = Math.exp((-Math.log(10000) * i) / half);
      data[b * dim + i] = Math.sin(t[b] * w);
      data[b * dim + half + i] = Math.cos(t[b] * w);
    }
  }
  return tf.tensor2d(data, [t.length, dim]);
}
