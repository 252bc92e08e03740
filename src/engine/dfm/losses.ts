// DFM training losses (Eqs. 8, 9; supplement Eqs. 7-10).
//   L_trgt  = || O^trgt - render(S_{t-1}, phi^trgt) ||^2          (Eq. 8, on a random patch)
//   L_novel = || O^novel - render(S_{t-1}, phi^novel) ||^2        (Eq. 9, on a random patch)
//   L_cond  = || O^trgt_det,rgb - O^trgt ||^2                      (supp. Eq. 10)
//   L_depth = L_eas + L_dist on the rendered target/novel patches   (supp. Eq. 9), weight 0.02
//   L_LPIPS (weight 0.2 in the paper) is not implemented: it needs pretrained VGG weights.
import type * as tfn from '@tensorflow/tfjs';
import { depthSmoothnessLoss, distortionLoss, normalizeEdges, type RenderResult } from '../render';
import type { Tf } from '../tf';

type Scalar = tfn.Scalar;

export function mse(tf: Tf, a: tfn.Tensor, b: tfn.Tensor): Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(a, b)) as Scalar);
}

/** Rendering loss on a patch plus its depth regularizers. gt [P*P, 3]; r rendered for the same rays. */
export function patchLosses(
  tf: Tf, r: RenderResult, gt: tfn.Tensor2D, patch: number,
): { photo: Scalar; eas: Scalar; dist: Scalar } {
  return tf.tidy(() => {
    const photo = mse(tf, r.rgb, gt);
    const depth = tf.reshape(r.depth, [1, patch, patch]) as tfn.Tensor3D;
    const img = tf.reshape(gt, [1, patch, patch, 3]) as tfn.Tensor4D;
    const eas = depthSmoothnessLoss(tf, depth, img);
    const dist = distortionLoss(tf, r.weights, normalizeEdges(tf, r.edges));
    return { photo, eas, dist };
  });
}
