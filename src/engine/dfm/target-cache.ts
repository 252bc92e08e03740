// Fast sampling path of the DFM denoiser: everything that is constant across the denoising steps
// of one sample is computed once (issue 4, item 3: "cache what does not change across steps").
// It computes exactly the same function as `denoise` (denoiser.ts, Eqs. 13-14), only reordered:
//
// Code name      paper symbol / meaning
//   t, edges       deterministic ray samples of the target camera (midpoints, no importance pass)
//   ctxSum         sum_i over context views of trunk_i(f_i (+) gamma(p_i)), context at time 0   [n, S, H]
//   ctxSumSq       the same for squared trunk outputs (aggregate 'meanvar' only)
//   posTerm        W_pos gamma(p_trgt) + b: target-view position term of the first trunk layer [n, S, H]
//   featTerm       W_feat f_trgt + b: the target view's pixel-aligned feature. A point on the ray
//                  through pixel (x, y) of the target camera projects back onto that same pixel
//                  centre, so f_trgt = enc_t(O_det (+) O_t)[y, x] for every sample on the ray:
//                  computed per ray [n, H] instead of per sample.
//   timeTerm       W_time temb(t) + b                                                           [1, H]
//
// Per step: featTerm from enc_t, trunk of the target view, mean (+ variance) with the cached
// context sums, the head, alpha compositing. Not differentiable (sampling only).
import type * as tfn from '@tensorflow/tfjs';
import {
  disposeCameras, encode, fieldHeadFromAggregate, fieldTrunk, makeCameras, projectPoints, trunkFeatureTerm,
  trunkFinish, trunkPositionTerm, trunkTimeTerm, type ConvImpl,
} from '../fields';
import { cameraRays, composite, disposeRays, pointsAlongRays, stratifiedSamples } from '../render';
import { encoderConfigOf, fieldConfigOf } from './config';
import type { DfmConditioning } from './denoiser';
import { ENCODER_PREFIX, JOINT_FIELD_PREFIX, type DfmModel } from './model';
import { cameraAtSize } from './render-util';

type Tensor2D = tfn.Tensor2D;
type Tensor3D = tfn.Tensor3D;
type Tensor4D = tfn.Tensor4D;

interface CacheChunk {
  /** First ray (row-major pixel index) and ray count of the chunk. */
  start: number;
  count: number;
  t: Tensor2D; // [n, S]
  edges: Tensor2D; // [n, S + 1]
  posTerm: Tensor3D; // [n, S, H]
  ctxSum: Tensor3D; // [n, S, H]
  ctxSumSq: Tensor3D | null; // [n, S, H]
}

export interface TargetRenderCache {
  size: number;
  /** Views the joint field aggregates over: context views + the target view. */
  views: number;
  chunks: CacheChunk[];
  /** Convolution implementation for enc_t at sampling time (same weights; 'native' is faster). */
  conv: ConvImpl;
}

export interface TargetCacheOptions {
  /** Rays per chunk (bounded memory). */
  chunk: number;
  conv: ConvImpl;
}

export const TARGET_CACHE_DEFAULTS: TargetCacheOptions = { chunk: 1024, conv: 'native' };

/** Build the per-sample cache for the target camera of `cond`. Dispose with `disposeTargetCache`. */
export function createTargetCache(model: DfmModel, cond: DfmConditioning, options: Partial<TargetCacheOptions> = {}): TargetRenderCache {
  const { tf, config: c } = model;
  const o = { ...TARGET_CACHE_DEFAULTS, ...options };
  const s = c.imageSize; const r = c.render; const fc = fieldConfigOf(c);
  const cam = cameraAtSize(cond.target, s);
  const targetCams = makeCameras(tf, [cond.target], s, s);
  const ctxCond = { features: cond.ctxFeatures, cameras: makeCameras(tf, cond.ctxCameras, s, s), times: cond.ctxCameras.map(() => 0) };
  const rows = Math.max(1, Math.floor(o.chunk / s));
  const chunks: CacheChunk[] = [];
  try {
    for (let y0 = 0; y0 < s; y0 += rows) {
      const h = Math.min(rows, s - y0);
      const n = h * s;
      chunks.push(tf.tidy(() => {
        const rays = cameraRays(tf, cam.intrinsics, cam.c2w, { x0: 0, y0, width: s, height: h });
        const samples = stratifiedSamples(tf, tf.fill([n], r.near), tf.fill([n], r.far), r.samples, false, null);
        const pts = tf.reshape(pointsAlongRays(tf, rays.origins, rays.directions, samples.t), [n * r.samples, 3]) as Tensor2D;
        disposeRays(rays);
        const camPts = projectPoints(tf, targetCams, pts).cam; // [1, nS, 3]
        const posTerm = tf.reshape(trunkPositionTerm(tf, model.store, JOINT_FIELD_PREFIX, fc, camPts), [n, r.samples, fc.hidden]) as Tensor3D;
        const trunk = fieldTrunk(tf, model.store, JOINT_FIELD_PREFIX, fc, ctxCond, pts); // [Vc, nS, H]
        const ctxSum = tf.reshape(tf.sum(trunk, 0), [n, r.samples, fc.hidden]) as Tensor3D;
        const ctxSumSq = fc.aggregate === 'meanvar' ? tf.reshape(tf.sum(tf.square(trunk), 0), [n, r.samples, fc.hidden]) as Tensor3D : null;
        return { start: y0 * s, count: n, t: samples.t, edges: samples.edges, posTerm, ctxSum, ctxSumSq } as unknown as tfn.TensorContainer;
      }) as unknown as CacheChunk);
    }
  } finally {
    disposeCameras(targetCams);
    disposeCameras(ctxCond.cameras);
  }
  return { size: s, views: cond.ctxCameras.length + 1, chunks, conv: o.conv };
}

export function disposeTargetCache(cache: TargetRenderCache): void {
  for (const ch of cache.chunks) {
    for (const t of [ch.t, ch.edges, ch.posTerm, ch.ctxSum, ch.ctxSumSq]) t?.dispose();
  }
  cache.chunks = [];
}

/** Same result as `denoise(model, cond, xt, t)` using the cache: x0 [1, H, W, 3] in [-1, 1], depth [1, H, W]. */
export function denoiseCached(
  model: DfmModel, cond: DfmConditioning, cache: TargetRenderCache, xt: Tensor4D, t: number,
): { x0: Tensor4D; depth: Tensor3D } {
  const { tf, config: c } = model;
  const s = cache.size; const fc = fieldConfigOf(c); const v = cache.views;
  return tf.tidy(() => {
    const enc = { ...encoderConfigOf(c), conv: cache.conv };
    const feats = encode(tf, model.store, ENCODER_PREFIX, enc, tf.concat([xt, cond.detInput], 3) as Tensor4D, [t]); // [1, s, s, F]
    const featRows = tf.reshape(feats, [s * s, fc.featureDim]) as Tensor2D;
    const timeTerm = tf.reshape(trunkTimeTerm(tf, model.store, JOINT_FIELD_PREFIX, fc, [t]), [1, 1, fc.hidden]);
    const rgb: tfn.Tensor[] = []; const depth: tfn.Tensor[] = [];
    for (const ch of cache.chunks) {
      const out = tf.tidy(() => {
        const f = tf.slice(featRows, [ch.start, 0], [ch.count, fc.featureDim]);
        const featTerm = tf.expandDims(trunkFeatureTerm(tf, model.store, JOINT_FIELD_PREFIX, f), 1); // [n, 1, H]
        const h = trunkFinish(tf, model.store, JOINT_FIELD_PREFIX, fc, tf.add(tf.add(ch.posTerm, featTerm), timeTerm)); // [n, S, H]
        const ns = ch.count * ch.t.shape[1];
        const mean = tf.reshape(tf.div(tf.add(ch.ctxSum, h), v), [ns, fc.hidden]);
        let variance: tfn.Tensor | null = null;
        if (ch.ctxSumSq) {
          const ex2 = tf.reshape(tf.div(tf.add(ch.ctxSumSq, tf.square(h)), v), [ns, fc.hidden]);
          variance = tf.relu(tf.sub(ex2, tf.square(mean)));
        }
        const o = fieldHeadFromAggregate(tf, model.store, JOINT_FIELD_PREFIX, fc, mean, variance);
        const [n, S] = ch.t.shape;
        const res = composite(tf, {
          sigma: tf.reshape(o.sigma, [n, S]) as Tensor2D, rgb: tf.reshape(o.rgb, [n, S, 3]) as Tensor3D, t: ch.t, edges: ch.edges,
        }, c.render.background);
        return [res.rgb, res.depth];
      });
      rgb.push(out[0]); depth.push(out[1]);
    }
    const img = tf.reshape(tf.concat(rgb, 0), [1, s, s, 3]);
    return { x0: tf.sub(tf.mul(img, 2), 1) as Tensor4D, depth: tf.reshape(tf.concat(depth, 0), [1, s, s]) as Tensor3D };
  });
}
