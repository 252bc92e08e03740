// The KID feature extractor: a small CNN trained to regress the procedural category's scene
// parameters (scene-targets.ts) from a 32x32 render. Its penultimate layer is the feature used by
// KID (mmd.ts), as the Inception network's pool3 layer is in Bińkowski et al. 2018 — a network that
// knows this category, where an ImageNet network (which we cannot download) would not.
//
//   input  x [B, S, S, 3] in [0, 1]; S = imageSize (32), or a multiple of it (64) box-pooled down
//   stage k (k = 0..K-1): convsPerStage[k] x (3x3 conv 'same' -> ReLU) with channels[k], then 2x2 mean pool
//   flatten [B, (S/2^K)^2 * channels[K-1]] -> dense -> ReLU = feature f [B, featureDim]
//   head   dense f -> [B, T]: the standardised targets (t - targetMean) / targetStd
// Not differentiable w.r.t. nothing in particular: everything is tf ops (conv2dIm2col for wasm grads).
import type * as tfn from '@tensorflow/tfjs';
import { conv, dense, initConv, initDense, ParamStore } from '../../fields';
import type { Tf } from '../../tf';

type Tensor2D = tfn.Tensor2D;
type Tensor4D = tfn.Tensor4D;

const FILE = 'src/engine/eval/kid/feature-net.ts';

export interface KidFeatureConfig {
  imageSize: number;
  channels: number[];
  convsPerStage: number[];
  featureDim: number;
  /** Names of the regression targets (SCENE_TARGET_NAMES when trained on the category). */
  targetNames: string[];
  /** Per-target mean and std of the training set, used to standardise the targets. */
  targetMean: number[];
  targetStd: number[];
}

export const KID_FEATURE_DEFAULTS: Omit<KidFeatureConfig, 'targetNames' | 'targetMean' | 'targetStd'> = {
  imageSize: 32, channels: [16, 32, 64], convsPerStage: [1, 2, 2], featureDim: 128,
};

export interface KidFeatureNet {
  config: KidFeatureConfig;
  store: ParamStore;
}

export function validateKidFeatureConfig(c: KidFeatureConfig, source = FILE): void {
  const bad = (field: string, value: unknown, why: string) => new Error(`${source}: config.${field} ${why}, got ${JSON.stringify(value)}`);
  const posInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  if (!posInt(c.imageSize)) throw bad('imageSize', c.imageSize, 'must be a positive integer');
  if (!Array.isArray(c.channels) || c.channels.length === 0 || !c.channels.every(posInt)) throw bad('channels', c.channels, 'must be a non-empty array of positive integers');
  if (!Array.isArray(c.convsPerStage) || c.convsPerStage.length !== c.channels.length || !c.convsPerStage.every(posInt)) {
    throw bad('convsPerStage', c.convsPerStage, `must hold ${c.channels.length} positive integers (one per stage)`);
  }
  if (c.imageSize % 2 ** c.channels.length !== 0) throw bad('imageSize', c.imageSize, `must be divisible by 2^${c.channels.length} (one pooling per stage)`);
  if (!posInt(c.featureDim)) throw bad('featureDim', c.featureDim, 'must be a positive integer');
  const t = c.targetNames?.length ?? 0;
  if (!Array.isArray(c.targetNames) || t === 0 || !c.targetNames.every((n) => typeof n === 'string')) throw bad('targetNames', c.targetNames, 'must be a non-empty array of strings');
  if (!Array.isArray(c.targetMean) || c.targetMean.length !== t || !c.targetMean.every(Number.isFinite)) throw bad('targetMean', c.targetMean, `must hold ${t} finite numbers`);
  if (!Array.isArray(c.targetStd) || c.targetStd.length !== t || !c.targetStd.every((v) => Number.isFinite(v) && v > 0)) throw bad('targetStd', c.targetStd, `must hold ${t} positive numbers`);
}

export function createKidFeatureNet(tf: Tf, config: KidFeatureConfig, seed: number): KidFeatureNet {
  validateKidFeatureConfig(config);
  const store = new ParamStore(tf, seed);
  let cin = 3;
  config.channels.forEach((c, k) => {
    for (let j = 0; j < config.convsPerStage[k]; j++) { initConv(store, `stage${k}.conv${j}`, 3, cin, c); cin = c; }
  });
  const side = config.imageSize / 2 ** config.channels.length;
  initDense(store, 'feature', side * side * cin, config.featureDim);
  initDense(store, 'head', config.featureDim, config.targetNames.length);
  return { config, store };
}

export function disposeKidFeatureNet(net: KidFeatureNet): void {
  net.store.dispose();
}

/** Mean over f x f blocks: [B, H, W, C] -> [B, H/f, W/f, C] (plain ops, so gradients exist on every backend). */
export function meanPool(tf: Tf, x: Tensor4D, f: number): Tensor4D {
  if (f === 1) return x;
  const [b, h, w, c] = x.shape;
  return tf.mean(tf.reshape(x, [b, h / f, f, w / f, f, c]), [2, 4]) as Tensor4D;
}

/** x [B, S, S, 3] in [0, 1] (S = imageSize or an integer multiple) -> { feature [B, F], prediction [B, T] (standardised) }. */
export function kidFeatureForward(tf: Tf, net: KidFeatureNet, x: Tensor4D): { feature: Tensor2D; prediction: Tensor2D } {
  const { config: c, store } = net;
  const [b, h, w, ch] = x.shape;
  const f = h / c.imageSize;
  if (h !== w || ch !== 3 || !Number.isInteger(f) || f < 1) {
    throw new Error(`${FILE}: input must be [B, S, S, 3] with S a multiple of ${c.imageSize}, got [${x.shape.join(', ')}]`);
  }
  let y = tf.sub(meanPool(tf, x, f), 0.5) as Tensor4D;
  c.channels.forEach((_, k) => {
    for (let j = 0; j < c.convsPerStage[k]; j++) y = tf.relu(conv(tf, store, `stage${k}.conv${j}`, y, 'im2col'));
    y = meanPool(tf, y, 2);
  });
  const flat = tf.reshape(y, [b, -1]);
  const feature = tf.relu(dense(tf, store, 'feature', flat)) as Tensor2D;
  const prediction = dense(tf, store, 'head', feature) as Tensor2D;
  return { feature, prediction };
}

/**
 * Features of N images given as one flat array [N, S, S, 3] (S = imageSize or a multiple, e.g. 64),
 * in batches; returns [N, featureDim] row-major. Leaves no tensors behind.
 */
export function extractFeatures(tf: Tf, net: KidFeatureNet, images: Float32Array, size: number, batch = 64): Float32Array {
  const px = size * size * 3;
  if (!(images instanceof Float32Array) || images.length % px !== 0 || images.length === 0) {
    throw new Error(`${FILE}: images must be a non-empty Float32Array of [N, ${size}, ${size}, 3] values, got ${images?.length}`);
  }
  const n = images.length / px;
  const d = net.config.featureDim;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i += batch) {
    const k = Math.min(batch, n - i);
    const feats = tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(i * px, (i + k) * px), [k, size, size, 3]);
      return kidFeatureForward(tf, net, x).feature;
    });
    out.set(feats.dataSync(), i * d);
    feats.dispose();
  }
  return out;
}

/**
 * The camera azimuth (radians, atan2(sin, cos) of the de-standardised 'camera.sinAzimuth' / 'camera.cosAzimuth'
 * predictions) the network reads from each of N images [N, S, S, 3] in [0, 1]. What eval-prior's
 * viewConsistency compares with the azimuth a view was asked for (notes §4.3 "view agreement").
 */
export function predictAzimuths(tf: Tf, net: KidFeatureNet, images: Float32Array, size: number, batch = 64): Float32Array {
  const { targetNames, targetMean, targetStd } = net.config;
  const si = targetNames.indexOf('camera.sinAzimuth');
  const ci = targetNames.indexOf('camera.cosAzimuth');
  if (si < 0 || ci < 0) throw new Error(`${FILE}: the network has no camera.sinAzimuth / camera.cosAzimuth targets (has ${targetNames.join(', ')})`);
  const px = size * size * 3;
  if (images.length % px !== 0 || images.length === 0) throw new Error(`${FILE}: images must hold [N, ${size}, ${size}, 3] values, got ${images.length}`);
  const n = images.length / px;
  const t = targetNames.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += batch) {
    const k = Math.min(batch, n - i);
    const pred = tf.tidy(() => kidFeatureForward(tf, net, tf.tensor4d(images.subarray(i * px, (i + k) * px), [k, size, size, 3])).prediction);
    const p = pred.dataSync();
    pred.dispose();
    for (let j = 0; j < k; j++) {
      const sin = p[j * t + si] * targetStd[si] + targetMean[si];
      const cos = p[j * t + ci] * targetStd[ci] + targetMean[ci];
      out[i + j] = Math.atan2(sin, cos);
    }
  }
  return out;
}
