// pixelNeRF projection and feature sampling (DFM Eq. 10): for a 3D point p and view i,
// p_i = w2c_i p (camera frame, OpenGL: looks down -Z), p_i^pix = pi(p, phi_i), f_i = F_i(p_i^pix).
//
// Pixel convention (src/engine/camera): pixel (x, y) has its centre at (x + 0.5, y + 0.5), so the
// continuous index coordinate sampled bilinearly is (u - 0.5, v - 0.5). Sampling clamps to the
// border (like grid_sample padding_mode='border'); points behind a camera use depth 1e-4.
// Gradients: sampleFeatures is differentiable w.r.t. the feature maps only (not the points).
import type * as tfn from '@tensorflow/tfjs';
import { invertRigid, scaleIntrinsics, type Intrinsics, type Mat4 } from '../camera';
import type { Tf } from '../tf';
import { gatherRows, matMul2d } from './ops';

type Tensor = tfn.Tensor;
type Tensor2D = tfn.Tensor2D;
type Tensor3D = tfn.Tensor3D;
type Tensor4D = tfn.Tensor4D;

export interface ViewCamera {
  /** Intrinsics of the image the features were computed from (any resolution). */
  intrinsics: Intrinsics;
  /** Camera-to-world, OpenGL convention. */
  c2w: Mat4;
}

/** Camera tensors for V views at the feature-map resolution. Dispose with `disposeCameras`. */
export interface ProjectionCameras {
  count: number;
  featureWidth: number;
  featureHeight: number;
  /** [3, 3V]: blocks R_i^T, so points [N, 3] x rot = [N, 3V] gives R_i p for every view. */
  rot: Tensor2D;
  /** [V, 1, 3] translations of w2c. */
  trans: Tensor3D;
  /** [V, 1] fx, fy, cx, cy in feature-map pixels. */
  fx: Tensor2D; fy: Tensor2D; cx: Tensor2D; cy: Tensor2D;
}

export function makeCameras(tf: Tf, views: readonly ViewCamera[], featureWidth: number, featureHeight: number): ProjectionCameras {
  const v = views.length;
  if (v < 1) throw new Error('fields/projection.ts: at least one view is required');
  const rot = new Float32Array(9 * v);
  const trans = new Float32Array(3 * v);
  const k = { fx: new Float32Array(v), fy: new Float32Array(v), cx: new Float32Array(v), cy: new Float32Array(v) };
  views.forEach((view, i) => {
    const w2c = invertRigid(view.c2w);
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) rot[c * 3 * v + 3 * i + r] = w2c[4 * r + c]; // rot[c][3i + r] = R[r][c]
      trans[3 * i + r] = w2c[4 * r + 3];
    }
    const s = scaleIntrinsics(view.intrinsics, featureWidth, featureHeight);
    k.fx[i] = s.fx; k.fy[i] = s.fy; k.cx[i] = s.cx; k.cy[i] = s.cy;
  });
  return {
    count: v, featureWidth, featureHeight,
    rot: tf.tensor2d(rot, [3, 3 * v]),
    trans: tf.tensor3d(trans, [v, 1, 3]),
    fx: tf.tensor2d(k.fx, [v, 1]), fy: tf.tensor2d(k.fy, [v, 1]),
    cx: tf.tensor2d(k.cx, [v, 1]), cy: tf.tensor2d(k.cy, [v, 1]),
  };
}

export function disposeCameras(c: ProjectionCameras): void {
  for (const t of [c.rot, c.trans, c.fx, c.fy, c.cx, c.cy]) t.dispose();
}

export interface Projection {
  /** [V, N, 3] points in each camera's frame. */
  cam: Tensor3D;
  /** [V, N] continuous pixel-index coordinates (pixel centres at integers) in the feature map. */
  px: Tensor2D;
  py: Tensor2D;
}

/** points [N, 3] (world) -> camera-frame coordinates and feature-map pixel coordinates per view. */
export function projectPoints(tf: Tf, cams: ProjectionCameras, points: Tensor2D): Projection {
  return tf.tidy(() => {
    const n = points.shape[0];
    const v = cams.count;
    const rp = tf.transpose(tf.reshape(matMul2d(tf, points, cams.rot), [n, v, 3]), [1, 0, 2]); // [V, N, 3]
    const cam = tf.add(rp, cams.trans) as Tensor3D;
    const [x, y, z] = tf.unstack(cam, 2) as Tensor2D[];
    const depth = tf.maximum(tf.neg(z), 1e-4);
    const u = tf.add(cams.cx, tf.div(tf.mul(cams.fx, x), depth));
    const vv = tf.sub(cams.cy, tf.div(tf.mul(cams.fy, y), depth));
    return { cam, px: tf.sub(u, 0.5) as Tensor2D, py: tf.sub(vv, 0.5) as Tensor2D };
  });
}

/**
 * Bilinear sampling of features [V, Hf, Wf, F] at (px, py) [V, N] -> [V, N, F] (border clamp).
 * Written as four row gathers with bilinear weights: differentiable w.r.t. `features`.
 */
export function sampleFeatures(tf: Tf, features: Tensor4D, px: Tensor2D, py: Tensor2D): Tensor3D {
  const [v, h, w, f] = features.shape;
  const n = px.shape[1];
  return tf.tidy(() => {
    const x = tf.clipByValue(px, 0, w - 1);
    const y = tf.clipByValue(py, 0, h - 1);
    const x0 = tf.floor(x);
    const y0 = tf.floor(y);
    const wx = tf.reshape(tf.sub(x, x0), [v * n, 1]);
    const wy = tf.reshape(tf.sub(y, y0), [v * n, 1]);
    const x1 = tf.minimum(tf.add(x0, 1), w - 1);
    const y1 = tf.minimum(tf.add(y0, 1), h - 1);
    const base = tf.mul(tf.range(0, v, 1, 'float32').reshape([v, 1]), h * w);
    const idx = (yy: Tensor, xx: Tensor) => tf.cast(tf.reshape(tf.add(base, tf.add(tf.mul(yy, w), xx)), [v * n]), 'int32') as tfn.Tensor1D;
    const flat = tf.reshape(features, [v * h * w, f]) as Tensor2D;
    const g = (yy: Tensor, xx: Tensor) => gatherRows(tf, flat, idx(yy, xx));
    const one = tf.scalar(1);
    const top = tf.add(tf.mul(g(y0, x0), tf.sub(one, wx)), tf.mul(g(y0, x1), wx));
    const bottom = tf.add(tf.mul(g(y1, x0), tf.sub(one, wx)), tf.mul(g(y1, x1), wx));
    return tf.reshape(tf.add(tf.mul(top, tf.sub(one, wy)), tf.mul(bottom, wy)), [v, n, f]) as Tensor3D;
  });
}
