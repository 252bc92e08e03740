// The pixelNeRF-style conditional radiance field of DFM Eq. 10-11:
//   S(p) = (sigma(p), c(p), feat(p)) = MLP({ f_i (+) gamma(p_i) }_i),  f_i = F_i(pi(p, phi_i)).
//
// Code name      paper symbol
//   cond.features  F_i = enc_{t_i}(O_i)          [V, Hf, Wf, F]  (context: t = 0, target: t)
//   cond.times     t_i per view; the MLP is time-conditioned per view (DFM supplement: "modify the
//                  MLP of pixelNeRF to support additional time conditioning input")
//   gamma          NeRF positional encoding of p_i, the point in view i's camera frame
//   trunk          per-view layers; then mean (or mean + variance) over views; then the head
//   out feat       the "high-dimensional feature" DFM renders into O_det (Sec. 4.1)
//
// Context views have t = 0 at every denoising step, so for fixed sample points their trunk output
// is constant across steps and can be cached (see dfm/denoiser.ts).
// Differentiable w.r.t. all parameters and the feature maps; not w.r.t. points or cameras.
import type * as tfn from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { dense, initDense, silu, timestepEmbedding } from './layers';
import { hostMemoryBackend } from './ops';
import type { ParamStore } from './params';
import { projectPoints, sampleFeatures, type Projection, type ProjectionCameras } from './projection';
import { poolingWeights, viewColour, viewSight, type ViewVisibility } from './view-visibility';

type Tensor = tfn.Tensor;
type Tensor1D = tfn.Tensor1D;
type Tensor2D = tfn.Tensor2D;
type Tensor3D = tfn.Tensor3D;
type Tensor4D = tfn.Tensor4D;

export interface PixelFieldConfig {
  /** Channels F of the encoder feature maps. */
  featureDim: number;
  hidden: number;
  /** Per-view layers (>= 1) before aggregation. */
  trunkLayers: number;
  /** Layers after aggregation (>= 0) before the output layer. */
  headLayers: number;
  /** Positional-encoding frequencies L (gamma has 3 + 6L channels). */
  posFreqs: number;
  /** Feature channels rendered besides colour and density (DFM's O_det features). */
  outFeatures: number;
  aggregate: 'mean' | 'meanvar';
  timeEmbedDim: number;
  /** sigma = softplus(raw + densityBias). */
  densityBias: number;
}

export const PIXEL_FIELD_DEFAULTS: PixelFieldConfig = {
  featureDim: 32, hidden: 64, trunkLayers: 2, headLayers: 1, posFreqs: 6, outFeatures: 8,
  aggregate: 'mean', timeEmbedDim: 32, densityBias: -1,
};

export interface FieldConditioning {
  /** [V, Hf, Wf, F] pixel-aligned features. */
  features: Tensor4D;
  cameras: ProjectionCameras;
  /** Diffusion timestep of each view (0 for clean context views). */
  times: readonly number[];
  /** Occlusion-aware pooling (inference only; absent: the plain mean of Eq. 10). */
  visibility?: ViewVisibility;
}

export type FieldPointOutput = {
  sigma: Tensor1D; // [N] >= 0
  rgb: Tensor2D; // [N, 3] in (0, 1)
  features: Tensor2D; // [N, outFeatures]
};

/**
 * gamma(x) = [x, sin(2^k pi x), cos(2^k pi x)]_{k < L}; x [..., 3] -> [..., 3 + 6L].
 * Not differentiable w.r.t. x (sample points never are). On host-memory backends (wasm, cpu) it is
 * computed in float64 JS from one sin/cos per coordinate with the double-angle identities
 * sin 2a = 2 sin a cos a, cos 2a = cos^2 a - sin^2 a: 2 instead of 2L transcendental kernels.
 */
export function positionalEncoding(tf: Tf, x: Tensor, freqs: number): Tensor {
  if (hostMemoryBackend(tf)) return positionalEncodingHost(tf, x, freqs);
  const parts: Tensor[] = [x];
  for (let k = 0; k < freqs; k++) {
    const s = tf.mul(x, Math.PI * 2 ** k);
    parts.push(tf.sin(s), tf.cos(s));
  }
  return tf.concat(parts, x.shape.length - 1);
}

function positionalEncodingHost(tf: Tf, x: Tensor, freqs: number): Tensor {
  const d = x.shape[x.shape.length - 1];
  const width = d * (1 + 2 * freqs);
  const src = x.dataSync() as Float32Array;
  const rows = src.length / d;
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let c = 0; c < d; c++) {
      const v = src[r * d + c];
      out[o + c] = v;
      let sin = Math.sin(Math.PI * v);
      let cos = Math.cos(Math.PI * v);
      for (let k = 0; k < freqs; k++) {
        out[o + d * (1 + 2 * k) + c] = sin;
        out[o + d * (2 + 2 * k) + c] = cos;
        const next = 2 * sin * cos;
        cos = cos * cos - sin * sin;
        sin = next;
      }
    }
  }
  return tf.tensor(out, [...x.shape.slice(0, -1), width]);
}

export function initPixelField(s: ParamStore, prefix: string, c: PixelFieldConfig): void {
  if (c.trunkLayers < 1) throw new Error(`fields/pixel-field.ts: trunkLayers must be >= 1, got ${c.trunkLayers}`);
  initDense(s, `${prefix}.trunk.pos`, 3 + 6 * c.posFreqs, c.hidden);
  initDense(s, `${prefix}.trunk.feat`, c.featureDim, c.hidden);
  initDense(s, `${prefix}.trunk.time`, c.timeEmbedDim, c.hidden);
  for (let j = 1; j < c.trunkLayers; j++) initDense(s, `${prefix}.trunk.l${j}`, c.hidden, c.hidden);
  if (c.aggregate === 'meanvar') initDense(s, `${prefix}.agg`, 2 * c.hidden, c.hidden);
  for (let j = 0; j < c.headLayers; j++) initDense(s, `${prefix}.head.l${j}`, c.hidden, c.hidden);
  initDense(s, `${prefix}.head.out`, c.hidden, 4 + c.outFeatures);
}

/** First trunk layer, position term: W_pos gamma(p_i) + b_pos. camPoints [..., 3] -> [..., hidden]. */
export function trunkPositionTerm(tf: Tf, s: ParamStore, prefix: string, c: PixelFieldConfig, camPoints: Tensor): Tensor {
  return tf.tidy(() => dense(tf, s, `${prefix}.trunk.pos`, positionalEncoding(tf, camPoints, c.posFreqs)));
}

/** First trunk layer, pixel-aligned feature term: W_feat f_i + b_feat. f [..., F] -> [..., hidden]. */
export function trunkFeatureTerm(tf: Tf, s: ParamStore, prefix: string, f: Tensor): Tensor {
  return dense(tf, s, `${prefix}.trunk.feat`, f);
}

/** First trunk layer, time term: W_time temb(t_i) + b_time for each view -> [V, hidden]. */
export function trunkTimeTerm(tf: Tf, s: ParamStore, prefix: string, c: PixelFieldConfig, times: readonly number[]): Tensor2D {
  return tf.tidy(() => dense(tf, s, `${prefix}.trunk.time`, timestepEmbedding(tf, times, c.timeEmbedDim)) as Tensor2D);
}

/** The rest of the trunk from the summed first-layer pre-activation [..., hidden] -> [..., hidden]. */
export function trunkFinish(tf: Tf, s: ParamStore, prefix: string, c: PixelFieldConfig, pre: Tensor): Tensor {
  return tf.tidy(() => {
    let h = silu(tf, pre);
    for (let j = 1; j < c.trunkLayers; j++) h = tf.add(h, silu(tf, dense(tf, s, `${prefix}.trunk.l${j}`, h)));
    return h;
  });
}

/** Per-view trunk: points [N, 3] -> [V, N, hidden]. */
export function fieldTrunk(tf: Tf, s: ParamStore, prefix: string, c: PixelFieldConfig, cond: FieldConditioning, points: Tensor2D): Tensor3D {
  return tf.tidy(() => trunkAt(tf, s, prefix, c, cond, projectPoints(tf, cond.cameras, points)));
}

/** Per-view trunk at projected points -> [V, N, hidden]. */
function trunkAt(tf: Tf, s: ParamStore, prefix: string, c: PixelFieldConfig, cond: FieldConditioning, proj: Projection): Tensor3D {
  const v = cond.cameras.count;
  if (cond.features.shape[0] !== v || cond.times.length !== v) {
    throw new Error(`fields/pixel-field.ts: ${cond.features.shape[0]} feature maps, ${cond.times.length} times, ${v} cameras`);
  }
  if (cond.features.shape[3] !== c.featureDim) {
    throw new Error(`fields/pixel-field.ts: feature maps have ${cond.features.shape[3]} channels, config.featureDim is ${c.featureDim}`);
  }
  return tf.tidy(() => {
    const f = sampleFeatures(tf, cond.features, proj.px, proj.py); // [V, N, F]
    const temb = trunkTimeTerm(tf, s, prefix, c, cond.times); // [V, H]
    const pre = tf.add(tf.add(trunkPositionTerm(tf, s, prefix, c, proj.cam), trunkFeatureTerm(tf, s, prefix, f)), tf.expandDims(temb, 1));
    return trunkFinish(tf, s, prefix, c, pre) as Tensor3D;
  });
}

/**
 * Decode density, colour and features from the aggregated trunk: `mean` [N, hidden] over views and,
 * for aggregate 'meanvar', the (population) `variance` [N, hidden].
 */
export function fieldHeadFromAggregate(
  tf: Tf, s: ParamStore, prefix: string, c: PixelFieldConfig, mean: Tensor, variance: Tensor | null,
): FieldPointOutput {
  return tf.tidy(() => {
    let h: Tensor = mean;
    if (c.aggregate === 'meanvar') {
      if (!variance) throw new Error('fields/pixel-field.ts: aggregate meanvar needs the variance over views');
      h = silu(tf, dense(tf, s, `${prefix}.agg`, tf.concat([mean, variance], 1)));
    }
    for (let j = 0; j < c.headLayers; j++) h = silu(tf, dense(tf, s, `${prefix}.head.l${j}`, h));
    const out = dense(tf, s, `${prefix}.head.out`, h) as Tensor2D; // [N, 4 + Fd]
    const n = out.shape[0];
    const sigma = tf.softplus(tf.add(tf.reshape(tf.slice(out, [0, 0], [n, 1]), [n]), c.densityBias)) as Tensor1D;
    const rgb = tf.sigmoid(tf.slice(out, [0, 1], [n, 3])) as Tensor2D;
    const features = tf.slice(out, [0, 4], [n, c.outFeatures]) as Tensor2D;
    return { sigma, rgb, features };
  });
}

/** Aggregate per-view trunk outputs [V, N, hidden] and decode density, colour and features. */
export function fieldHead(tf: Tf, s: ParamStore, prefix: string, c: PixelFieldConfig, trunk: Tensor3D): FieldPointOutput {
  return tf.tidy(() => {
    if (c.aggregate === 'meanvar') {
      const { mean, variance } = tf.moments(trunk, 0);
      return fieldHeadFromAggregate(tf, s, prefix, c, mean, variance);
    }
    return fieldHeadFromAggregate(tf, s, prefix, c, tf.mean(trunk, 0), null);
  });
}

/** S(p | cond) for points [N, 3]. */
export function queryPixelField(tf: Tf, s: ParamStore, prefix: string, c: PixelFieldConfig, cond: FieldConditioning, points: Tensor2D): FieldPointOutput {
  return tf.tidy(() => {
    if (!cond.visibility) return fieldHead(tf, s, prefix, c, fieldTrunk(tf, s, prefix, c, cond, points));
    const proj = projectPoints(tf, cond.cameras, points);
    const trunk = trunkAt(tf, s, prefix, c, cond, proj); // [V, N, hidden]
    const sight = viewSight(tf, cond.visibility, proj); // [V, N, 1]
    const w = poolingWeights(tf, cond.visibility, sight); // [V, N, 1], sums to 1 over views
    const mean = tf.sum(tf.mul(w, trunk), 0);
    const variance = c.aggregate === 'meanvar' ? tf.sum(tf.mul(w, tf.square(tf.sub(trunk, mean))), 0) : null;
    const out = fieldHeadFromAggregate(tf, s, prefix, c, mean, variance);
    const { colours, photoViews = 0 } = cond.visibility;
    return colours ? { ...out, rgb: viewColour(tf, colours, photoViews, proj, sight, out.rgb) } : out;
  });
}
