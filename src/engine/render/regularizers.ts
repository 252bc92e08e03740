// Depth regularizers of the DFM supplement (Sec. 2.1: L_depth = L_eas + L_dist, weight 0.02):
// the edge-aware depth smoothness loss (Godard et al. 2017, ref. [10]) and the distortion loss
// (Barron et al., Mip-NeRF 360, 2022, ref. [11]).
import type { Tf } from '../tf';
import type * as tfNamespace from '@tensorflow/tfjs';
import { exclusiveCumsum } from './cumsum';

type Scalar = tfNamespace.Scalar;
type Tensor = tfNamespace.Tensor;
type Tensor2D = tfNamespace.Tensor2D;
type Tensor3D = tfNamespace.Tensor3D;
type Tensor4D = tfNamespace.Tensor4D;

const FILE = 'src/engine/render/regularizers.ts';

function checkWeightsEdges(weights: Tensor2D, edges: Tensor2D): void {
  const [n, s] = weights.shape;
  if (weights.rank !== 2 || edges.rank !== 2 || edges.shape[0] !== n || edges.shape[1] !== s + 1) {
    throw new Error(
      `${FILE}: weights [N, S] and edges [N, S + 1] expected, got [${weights.shape.join(', ')}] and [${edges.shape.join(', ')}]`,
    );
  }
}

/**
 * Map each ray's edges linearly onto [0, 1] using its own first and last edge:
 * s = (e - e_0) / (e_S - e_0). Mip-NeRF 360 evaluates the distortion loss on such normalised
 * distances so that its scale does not depend on the scene size. edges [N, S + 1] -> [N, S + 1].
 */
export function normalizeEdges(tf: Tf, edges: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const s1 = edges.shape[1];
    const first = edges.slice([0, 0], [-1, 1]);
    const last = edges.slice([0, s1 - 1], [-1, 1]);
    return edges.sub(first).div(last.sub(first).maximum(1e-12)) as Tensor2D;
  });
}

/**
 * Distortion loss, Mip-NeRF 360 Eq. 15 (the step-function form of Eq. 14), evaluated in O(S)
 * with prefix sums (the reformulation used by DVGO v2 and nerfacc):
 *
 *   L_dist = sum_{i,j} w_i w_j |m_i - m_j| + 1/3 sum_i w_i^2 (s_{i+1} - s_i)
 *          = 2 sum_i w_i (m_i W_{<i} - (wm)_{<i}) + 1/3 sum_i w_i^2 d_i
 *
 * where s = interval edges, m_i = (s_i + s_{i+1}) / 2 the midpoints (ascending), d_i the
 * lengths, W_{<i} = sum_{j<i} w_j and (wm)_{<i} = sum_{j<i} w_j m_j (exclusive cumulative sums).
 * weights [N, S], edges [N, S + 1] (ascending; pass `normalizeEdges(edges)` for s in [0, 1])
 * -> scalar, the mean over rays. Differentiable with respect to weights and edges.
 */
export function distortionLoss(tf: Tf, weights: Tensor2D, edges: Tensor2D): Scalar {
  checkWeightsEdges(weights, edges);
  return tf.tidy(() => {
    const s = weights.shape[1];
    const lo = edges.slice([0, 0], [-1, s]); // [N, S]
    const hi = edges.slice([0, 1], [-1, s]); // [N, S]
    const mid = lo.add(hi).mul(0.5); // [N, S]
    const len = hi.sub(lo); // [N, S]
    const wBefore = exclusiveCumsum(tf, weights); // [N, S] W_{<i}
    const wmBefore = exclusiveCumsum(tf, weights.mul(mid) as Tensor2D); // [N, S] (wm)_{<i}
    const inter = weights.mul(mid.mul(wBefore).sub(wmBefore)).sum(1).mul(2); // [N]
    const intra = weights.square().mul(len).sum(1).div(3); // [N]
    return inter.add(intra).mean() as Scalar;
  });
}

/**
 * The same loss in its direct O(S^2) form (Mip-NeRF 360 Eq. 14 with the intervals' self term),
 * building the [N, S, S] matrix of |m_i - m_j|. A reference for tests and small S.
 */
export function distortionLossQuadratic(tf: Tf, weights: Tensor2D, edges: Tensor2D): Scalar {
  checkWeightsEdges(weights, edges);
  return tf.tidy(() => {
    const s = weights.shape[1];
    const lo = edges.slice([0, 0], [-1, s]);
    const hi = edges.slice([0, 1], [-1, s]);
    const mid = lo.add(hi).mul(0.5); // [N, S]
    const dist = mid.expandDims(2).sub(mid.expandDims(1)).abs(); // [N, S, S]
    const ww = weights.expandDims(2).mul(weights.expandDims(1)); // [N, S, S]
    const inter = ww.mul(dist).sum([1, 2]); // [N]
    const intra = weights.square().mul(hi.sub(lo)).sum(1).div(3); // [N]
    return inter.add(intra).mean() as Scalar;
  });
}

export interface DepthSmoothnessOptions {
  /** Edge sensitivity gamma in exp(-gamma |dI|); 0 turns it into plain (non edge-aware) smoothness. */
  edgeScale: number;
  /** Divide depth by its per-patch mean first (Godard et al.'s mean-normalised disparity), so
   *  shrinking the scene cannot lower the loss. */
  normalizeDepth: boolean;
}

export const DEPTH_SMOOTHNESS_DEFAULTS: DepthSmoothnessOptions = { edgeScale: 1, normalizeDepth: true };

/**
 * Edge-aware depth smoothness (Godard et al. 2017, Eq. 3), on rendered depth patches:
 *
 *   L_eas = mean |dx D*| exp(-gamma mean_c |dx I|) + mean |dy D*| exp(-gamma mean_c |dy I|)
 *
 * with D* = D / mean(D) per patch when `normalizeDepth`. dx/dy are forward differences.
 * depth [B, H, W], image [B, H, W, C] -> scalar. Differentiable with respect to depth (and to
 * image through the edge weights; pass the target image, as DFM does, to keep them constant).
 */
export function depthSmoothnessLoss(
  tf: Tf, depth: Tensor3D, image: Tensor4D, options: Partial<DepthSmoothnessOptions> = {},
): Scalar {
  const o = { ...DEPTH_SMOOTHNESS_DEFAULTS, ...options };
  const [b, h, w] = depth.shape;
  if (depth.rank !== 3 || image.rank !== 4 || image.shape[0] !== b || image.shape[1] !== h || image.shape[2] !== w) {
    throw new Error(
      `${FILE}: depth [B, H, W] and image [B, H, W, C] expected, got [${depth.shape.join(', ')}] and [${image.shape.join(', ')}]`,
    );
  }
  if (h < 2 || w < 2) throw new Error(`${FILE}: depth patch must be at least 2x2, got ${h}x${w}`);
  if (!Number.isFinite(o.edgeScale) || o.edgeScale < 0) {
    throw new Error(`${FILE}: options.edgeScale must be a finite number >= 0, got ${o.edgeScale}`);
  }
  return tf.tidy(() => {
    let d: Tensor = depth; // [B, H, W]
    if (o.normalizeDepth) d = d.div(d.mean([1, 2], true).add(1e-7));
    const dx = d.slice([0, 0, 1], [-1, -1, w - 1]).sub(d.slice([0, 0, 0], [-1, -1, w - 1])).abs(); // [B, H, W-1]
    const dy = d.slice([0, 1, 0], [-1, h - 1, -1]).sub(d.slice([0, 0, 0], [-1, h - 1, -1])).abs(); // [B, H-1, W]
    const ix = image.slice([0, 0, 1, 0], [-1, -1, w - 1, -1]).sub(image.slice([0, 0, 0, 0], [-1, -1, w - 1, -1]))
      .abs().mean(3); // [B, H, W-1]
    const iy = image.slice([0, 1, 0, 0], [-1, h - 1, -1, -1]).sub(image.slice([0, 0, 0, 0], [-1, h - 1, -1, -1]))
      .abs().mean(3); // [B, H-1, W]
    const wx = tf.exp(ix.mul(-o.edgeScale));
    const wy = tf.exp(iy.mul(-o.edgeScale));
    return dx.mul(wx).mean().add(dy.mul(wy).mean()) as Scalar;
  });
}
