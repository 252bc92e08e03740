// Occlusion-aware pooling and image-based colour for a finished scene's pixelNeRF field
// (pixel-field.ts queryPixelField uses these when FieldConditioning.visibility is set; inference only,
// never in training or inside the denoiser). Everything here depends on the 3D point and the views,
// never on the camera a render is made from, so the scene stays one 3D field.
import type * as tfn from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { sampleFeatures, type Projection } from './projection';

type Tensor2D = tfn.Tensor2D;
type Tensor3D = tfn.Tensor3D;
type Tensor4D = tfn.Tensor4D;

/**
 * Where each conditioning view sees a surface, for pooling only the views that see a point:
 * view i's weight for point p is sigmoid((D_i(pi_i(p)) + margin - |p_i|) / softness), where
 * D_i is the distance to the first surface along view i's pixel ray and |p_i| the point's
 * distance from camera i. A point hidden behind what view i shows gets weight ~0 from view i,
 * so the features of the occluder do not dilute the views that do see it. A point no view sees
 * falls back to the plain mean (every weight gets `floor`).
 */
export interface ViewVisibility {
  /** [V, Hf, Wf, 1] distance along each pixel's ray to the first surface (large where the ray is empty). */
  surfaceDistance: Tensor4D;
  margin: number;
  softness: number;
  floor: number;
  /**
   * [V, Hf, Wf, 3] each view's own image in [0, 1]. When set, a point's colour comes from the
   * pixels of the views that see it (image-based colour, see viewColour); density, and the colour
   * of points no view sees, still come from the field.
   */
  colours?: Tensor4D;
  /**
   * With colours: the first `photoViews` views are real photos, the rest generated. Where a photo
   * sees a point, its pixels win; generated views colour only what the photos do not see. 0 (the
   * default) treats every view alike.
   */
  photoViews?: number;
}

/**
 * How much each view sees each point, in [0, 1]: [V, N, 1]. The soft depth test of ViewVisibility
 * (sigmoid((D_i + margin - |p_i|) / softness)), and zero where the point projects outside view i's
 * image or lies behind its camera (the feature lookup clamps to the border there, which says nothing).
 */
export function viewSight(tf: Tf, vis: ViewVisibility, proj: Projection): Tensor3D {
  return tf.tidy(() => {
    const [, h, w] = vis.surfaceDistance.shape;
    const surface = sampleFeatures(tf, vis.surfaceDistance, proj.px, proj.py); // [V, N, 1]
    const dist = tf.norm(proj.cam, 'euclidean', 2, true); // [V, N, 1]
    const depthTest = tf.sigmoid(tf.div(tf.sub(tf.add(surface, vis.margin), dist), vis.softness));
    const z = tf.squeeze(tf.slice(proj.cam, [0, 0, 2], [-1, -1, 1]), [2]); // [V, N], < 0 in front (OpenGL)
    const inFrame = tf.logicalAnd(
      tf.logicalAnd(tf.greaterEqual(proj.px, -0.5), tf.lessEqual(proj.px, w - 0.5)),
      tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(proj.py, -0.5), tf.lessEqual(proj.py, h - 0.5)), tf.less(z, 0)),
    );
    return tf.mul(depthTest, tf.expandDims(tf.cast(inFrame, 'float32'), 2)) as Tensor3D;
  });
}

/** Pooling weights [V, N, 1] from the views' sight of each point (normalised over views). */
export function poolingWeights(tf: Tf, vis: ViewVisibility, sight: Tensor3D): Tensor3D {
  return tf.tidy(() => {
    const w = tf.add(sight, vis.floor);
    return tf.div(w, tf.sum(w, 0, true)) as Tensor3D;
  });
}

/**
 * Blend one group of views' pixels over `below` [N, 3]: the sight-weighted mean of the pixels the
 * point projects to in the views that see it, mixed in by coverage = min(1, sum_i sight_i).
 */
function overlaySeenPixels(tf: Tf, sight: Tensor3D, pixels: Tensor3D, below: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const total = tf.sum(sight, 0); // [N, 1]
    const blended = tf.div(tf.sum(tf.mul(sight, pixels), 0), tf.maximum(total, 1e-6)); // [N, 3]
    return tf.add(below, tf.mul(tf.minimum(total, 1), tf.sub(blended, below))) as Tensor2D;
  });
}

/**
 * Image-based colour: generated views' pixels over the field's colour, then the photos' pixels over
 * that (`photoViews`), each where those views see the point. A point no view sees keeps
 * the field's colour. Like pooling, it depends on the point only, so the scene stays one 3D field.
 */
export function viewColour(
  tf: Tf, colours: Tensor4D, photoViews: number, proj: Projection, sight: Tensor3D, fieldRgb: Tensor2D,
): Tensor2D {
  return tf.tidy(() => {
    const pixels = sampleFeatures(tf, colours, proj.px, proj.py); // [V, N, 3]
    const v = pixels.shape[0];
    const photos = Math.min(Math.max(photoViews, 0), v);
    const group = (t: Tensor3D, from: number, count: number) => tf.slice(t, [from, 0, 0], [count, -1, -1]) as Tensor3D;
    let rgb = fieldRgb;
    if (photos < v) rgb = overlaySeenPixels(tf, group(sight, photos, v - photos), group(pixels, photos, v - photos), rgb);
    if (photos > 0) rgb = overlaySeenPixels(tf, group(sight, 0, photos), group(pixels, 0, photos), rgb);
    return rgb;
  });
}
