// Time-conditioned image encoder enc_t of DFM Eq. 14 (a compact UNet standing in for the paper's DiT):
// pixel-aligned features F = enc_t(image) at full input resolution.
//
// Steps:
//   1. temb = MLP(sinusoid(t))                                   [B, E]
//   2. conv_in, then per level a residual block with adaptive group norm (FiLM on temb), 2x avg-pool
//   3. a middle block, then per level nearest upsampling, skip concatenation and a residual block
//   4. GN -> SiLU -> conv to `outChannels` feature maps          [B, H, W, F]
// Differentiable w.r.t. every parameter and the input image; not w.r.t. t.
import type * as tfn from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import {
  adaGroupNorm, conv, dense, groupNorm, initAdaGroupNorm, initConv, initDense, initGroupNorm, silu,
  timestepEmbedding, type ConvImpl,
} from './layers';
import type { ParamStore } from './params';

type Tensor2D = tfn.Tensor2D;
type Tensor4D = tfn.Tensor4D;

export interface EncoderConfig {
  /** Input channels (3 for an image; DFM's target encoder also takes O_det colour, depth, features). */
  inChannels: number;
  /** Channels per resolution level; level l runs at H / 2^l. */
  channels: number[];
  /** Feature channels F of the output map. */
  outChannels: number;
  timeEmbedDim: number;
  groups: number;
  /** 'im2col' trains on every backend (wasm lacks Conv2DBackpropFilter); 'native' uses tf.conv2d. */
  conv: ConvImpl;
}

export const ENCODER_DEFAULTS: EncoderConfig = {
  inChannels: 3, channels: [32, 64], outChannels: 32, timeEmbedDim: 64, groups: 8, conv: 'im2col',
};

function initRes(s: ParamStore, n: string, cin: number, cout: number, e: number): void {
  initGroupNorm(s, `${n}.gn1`, cin);
  initConv(s, `${n}.conv1`, 3, cin, cout);
  initAdaGroupNorm(s, `${n}.ada`, cout, e);
  initConv(s, `${n}.conv2`, 3, cout, cout, 0.1);
  if (cin !== cout) initConv(s, `${n}.skip`, 1, cin, cout);
}

function res(tf: Tf, s: ParamStore, n: string, x: Tensor4D, temb: Tensor2D, c: EncoderConfig): Tensor4D {
  let h = conv(tf, s, `${n}.conv1`, silu(tf, groupNorm(tf, s, `${n}.gn1`, x, c.groups)) as Tensor4D, c.conv);
  h = conv(tf, s, `${n}.conv2`, silu(tf, adaGroupNorm(tf, s, `${n}.ada`, h, temb, c.groups)) as Tensor4D, c.conv);
  const skip = s.has(`${n}.skip.w`) ? conv(tf, s, `${n}.skip`, x, c.conv) : x;
  return tf.add(h, skip);
}

export function initEncoder(s: ParamStore, prefix: string, c: EncoderConfig): void {
  if (c.channels.length < 1) throw new Error('fields/encoder.ts: channels must have at least one level');
  const e = c.timeEmbedDim;
  initDense(s, `${prefix}.time.l0`, e, e);
  initDense(s, `${prefix}.time.l1`, e, e);
  initConv(s, `${prefix}.in`, 3, c.inChannels, c.channels[0]);
  let prev = c.channels[0];
  c.channels.forEach((ch, l) => { initRes(s, `${prefix}.down${l}`, prev, ch, e); prev = ch; });
  initRes(s, `${prefix}.mid`, prev, prev, e);
  for (let l = c.channels.length - 2; l >= 0; l--) {
    initRes(s, `${prefix}.up${l}`, prev + c.channels[l], c.channels[l], e);
    prev = c.channels[l];
  }
  initGroupNorm(s, `${prefix}.outgn`, prev);
  initConv(s, `${prefix}.out`, 3, prev, c.outChannels);
}

/** images [B, H, W, inChannels], t: one timestep per batch element -> features [B, H, W, F]. */
export function encode(tf: Tf, s: ParamStore, prefix: string, c: EncoderConfig, images: Tensor4D, t: readonly number[]): Tensor4D {
  const [b, h, w, cin] = images.shape;
  if (cin !== c.inChannels) throw new Error(`fields/encoder.ts: images have ${cin} channels, config.inChannels is ${c.inChannels}`);
  if (t.length !== b) throw new Error(`fields/encoder.ts: ${t.length} timesteps for a batch of ${b}`);
  const div = 2 ** (c.channels.length - 1);
  if (h % div !== 0 || w % div !== 0) throw new Error(`fields/encoder.ts: image size ${w}x${h} is not divisible by ${div}`);
  return tf.tidy(() => {
    const t0 = timestepEmbedding(tf, t, c.timeEmbedDim);
    const temb = dense(tf, s, `${prefix}.time.l1`, silu(tf, dense(tf, s, `${prefix}.time.l0`, t0))) as Tensor2D;
    let x = conv(tf, s, `${prefix}.in`, images, c.conv);
    const skips: Tensor4D[] = [];
    c.channels.forEach((_ch, l) => {
      x = res(tf, s, `${prefix}.down${l}`, x, temb, c);
      if (l < c.channels.length - 1) {
        skips.push(x);
        x = tf.avgPool(x, 2, 2, 'valid');
      }
    });
    x = res(tf, s, `${prefix}.mid`, x, temb, c);
    for (let l = c.channels.length - 2; l >= 0; l--) {
      const skip = skips[l];
      x = tf.image.resizeNearestNeighbor(x, [skip.shape[1], skip.shape[2]]);
      x = res(tf, s, `${prefix}.up${l}`, tf.concat([x, skip], 3), temb, c);
    }
    return conv(tf, s, `${prefix}.out`, silu(tf, groupNorm(tf, s, `${prefix}.outgn`, x, c.groups)) as Tensor4D, c.conv);
  });
}
