// The image prior's denoiser eps_theta(x_t, t, c): a small conditional UNet in the style of DDPM/ADM
// (Ho et al. 2020 App. B; Nichol & Dhariwal 2021), sized for a CPU.
//
// Code name    symbol / shape
//   x            x_t, the noisy image [B, R, R, 3] in the VP form (diffusion/add-noise.ts)
//   t            integer train timesteps, one per row [B]
//   cond         c: [sin az, cos az, elevation] per row, or null (the CFG null condition)
//   temb         MLP(sinusoid(t)) [B, E]
//   cemb         MLP(c) [B, E] for conditioned rows; a learned null vector for rows with cond null
//   emb          silu(temb + cemb) [B, E], FiLM input (adaptive group norm) of every residual block
// Steps:
//   1. emb from t and c;  2. conv_in;  3. per level: residual blocks (skips kept), 2x average pool;
//   4. middle: residual block, self-attention over the coarsest grid, residual block;
//   5. per level upward: nearest 2x upsampling, residual blocks on [x | skip];  6. GN, SiLU, conv_out -> eps_hat.
// conv_out and the attention output start at zero, so an untrained model predicts eps_hat = 0.
// Differentiable w.r.t. every parameter and x; not w.r.t. t or c.
import type * as tfn from '@tensorflow/tfjs';
import {
  adaGroupNorm, conv, dense, groupNorm, initAdaGroupNorm, initConv, initDense, initGroupNorm, silu, timestepEmbedding,
  type ParamStore,
} from '../fields';
import type { Tf } from '../tf';
import type { PriorUnetConfig } from './config';

type Tensor2D = tfn.Tensor2D;
type Tensor4D = tfn.Tensor4D;

/** Batched condition: one row per batch element (null = unconditional row), or null for all rows. */
export type CondRows = readonly (readonly number[] | null)[] | null;

const FILE = 'prior/unet.ts';

function initRes(s: ParamStore, n: string, cin: number, cout: number, e: number): void {
  initGroupNorm(s, `${n}.gn1`, cin);
  initConv(s, `${n}.conv1`, 3, cin, cout);
  initAdaGroupNorm(s, `${n}.ada`, cout, e);
  initConv(s, `${n}.conv2`, 3, cout, cout, 0.1);
  if (cin !== cout) initConv(s, `${n}.skip`, 1, cin, cout);
}

function res(tf: Tf, s: ParamStore, n: string, x: Tensor4D, emb: Tensor2D, groups: number): Tensor4D {
  let h = conv(tf, s, `${n}.conv1`, silu(tf, groupNorm(tf, s, `${n}.gn1`, x, groups)) as Tensor4D, 'im2col');
  h = conv(tf, s, `${n}.conv2`, silu(tf, adaGroupNorm(tf, s, `${n}.ada`, h, emb, groups)) as Tensor4D, 'im2col');
  const skip = s.has(`${n}.skip.w`) ? conv(tf, s, `${n}.skip`, x, 'im2col') : x;
  return tf.add(h, skip);
}

function initAttention(s: ParamStore, n: string, c: number): void {
  initGroupNorm(s, `${n}.gn`, c);
  initDense(s, `${n}.qkv`, c, 3 * c);
  initDense(s, `${n}.out`, c, c, true);
}

/** Single-head self-attention over the H*W positions: x + W_o softmax(q k^T / sqrt(C)) v. */
function attention(tf: Tf, s: ParamStore, n: string, x: Tensor4D, groups: number): Tensor4D {
  const [b, h, w, c] = x.shape;
  const qkv = tf.reshape(dense(tf, s, `${n}.qkv`, groupNorm(tf, s, `${n}.gn`, x, groups)), [b, h * w, 3 * c]);
  const q = tf.slice(qkv, [0, 0, 0], [b, h * w, c]);
  const k = tf.slice(qkv, [0, 0, c], [b, h * w, c]);
  const v = tf.slice(qkv, [0, 0, 2 * c], [b, h * w, c]);
  // Explicit transposes: tfjs-wasm matMul with transposeB is many times slower (DESIGN.md).
  const att = tf.softmax(tf.mul(tf.matMul(q, tf.transpose(k, [0, 2, 1])), 1 / Math.sqrt(c))); // [B, HW, HW]
  const o = tf.reshape(tf.matMul(att, v), [b, h, w, c]);
  return tf.add(x, dense(tf, s, `${n}.out`, o)) as Tensor4D;
}

/** Create every parameter of the UNet under `prefix` (names are stable: they key model files). */
export function initUnet(s: ParamStore, prefix: string, c: PriorUnetConfig): void {
  const e = c.embedDim;
  initDense(s, `${prefix}.time.l0`, c.timeFeatures, e);
  initDense(s, `${prefix}.time.l1`, e, e);
  initDense(s, `${prefix}.cond.l0`, c.condDim, e);
  initDense(s, `${prefix}.cond.l1`, e, e);
  s.add(`${prefix}.cond.null`, [e], { normal: 0.02 });
  initConv(s, `${prefix}.in`, 3, 3, c.channels[0]);
  let prev = c.channels[0];
  const skipCh: number[] = [];
  c.channels.forEach((ch, l) => {
    for (let k = 0; k < c.blocksPerLevel; k++) { initRes(s, `${prefix}.down${l}.${k}`, prev, ch, e); prev = ch; skipCh.push(ch); }
  });
  initRes(s, `${prefix}.mid0`, prev, prev, e);
  initAttention(s, `${prefix}.attn`, prev);
  initRes(s, `${prefix}.mid1`, prev, prev, e);
  for (let l = c.channels.length - 1; l >= 0; l--) {
    for (let k = 0; k < c.blocksPerLevel; k++) {
      initRes(s, `${prefix}.up${l}.${k}`, prev + skipCh.pop()!, c.channels[l], e);
      prev = c.channels[l];
    }
  }
  initGroupNorm(s, `${prefix}.outgn`, prev);
  s.add(`${prefix}.out.w`, [3, 3, prev, 3], 'zeros');
  s.add(`${prefix}.out.b`, [3], 'zeros');
}

/** emb [B, E] from timesteps and conditions (rows with cond null use the learned null embedding). */
function embedding(tf: Tf, s: ParamStore, prefix: string, c: PriorUnetConfig, t: readonly number[], cond: CondRows): Tensor2D {
  const b = t.length;
  const rows = cond ?? Array.from({ length: b }, () => null);
  if (rows.length !== b) throw new Error(`${FILE}: cond has ${rows.length} rows for a batch of ${b}`);
  const flat = new Float32Array(b * c.condDim);
  const mask = new Float32Array(b);
  rows.forEach((r, i) => {
    if (r === null) return;
    if (r.length !== c.condDim || r.some((v) => !Number.isFinite(v))) {
      throw new Error(`${FILE}: cond[${i}] must be ${c.condDim} finite numbers [sin az, cos az, elevation], got [${r.join(', ')}]`);
    }
    flat.set(r, i * c.condDim);
    mask[i] = 1;
  });
  const temb = dense(tf, s, `${prefix}.time.l1`, silu(tf, dense(tf, s, `${prefix}.time.l0`, timestepEmbedding(tf, t, c.timeFeatures))));
  const m = tf.tensor2d(mask, [b, 1]);
  const cmlp = dense(tf, s, `${prefix}.cond.l1`, silu(tf, dense(tf, s, `${prefix}.cond.l0`, tf.tensor2d(flat, [b, c.condDim]))));
  const cemb = tf.add(tf.mul(cmlp, m), tf.mul(tf.reshape(s.v(`${prefix}.cond.null`), [1, -1]), tf.sub(1, m)));
  return silu(tf, tf.add(temb, cemb)) as Tensor2D;
}

/** eps_hat [B, H, W, 3] for x [B, H, W, 3] (H, W divisible by 2^(levels-1)), t [B] integers, cond rows or null. */
export function unetForward(
  tf: Tf, s: ParamStore, prefix: string, c: PriorUnetConfig, x: Tensor4D, t: readonly number[], cond: CondRows,
): Tensor4D {
  const [b, h, w, ch] = x.shape;
  if (ch !== 3) throw new Error(`${FILE}: input must have 3 channels, got shape [${x.shape}]`);
  if (t.length !== b) throw new Error(`${FILE}: ${t.length} timesteps for a batch of ${b}`);
  const div = 2 ** (c.channels.length - 1);
  if (h % div !== 0 || w % div !== 0) throw new Error(`${FILE}: image size ${w}x${h} is not divisible by ${div}`);
  return tf.tidy(() => {
    const emb = embedding(tf, s, prefix, c, t, cond);
    let y = conv(tf, s, `${prefix}.in`, x, 'im2col');
    const skips: Tensor4D[] = [];
    c.channels.forEach((_ch, l) => {
      for (let k = 0; k < c.blocksPerLevel; k++) { y = res(tf, s, `${prefix}.down${l}.${k}`, y, emb, c.groups); skips.push(y); }
      if (l < c.channels.length - 1) y = tf.avgPool(y, 2, 2, 'valid');
    });
    y = res(tf, s, `${prefix}.mid0`, y, emb, c.groups);
    y = attention(tf, s, `${prefix}.attn`, y, c.groups);
    y = res(tf, s, `${prefix}.mid1`, y, emb, c.groups);
    for (let l = c.channels.length - 1; l >= 0; l--) {
      for (let k = 0; k < c.blocksPerLevel; k++) {
        y = res(tf, s, `${prefix}.up${l}.${k}`, tf.concat([y, skips.pop()!], 3), emb, c.groups);
      }
      if (l > 0) y = tf.image.resizeNearestNeighbor(y, [y.shape[1] * 2, y.shape[2] * 2]);
    }
    return conv(tf, s, `${prefix}.out`, silu(tf, groupNorm(tf, s, `${prefix}.outgn`, y, c.groups)) as Tensor4D, 'im2col');
  });
}
