// Glue between the pixelNeRF field and the functional renderer (src/engine/render).
import type * as tfn from '@tensorflow/tfjs';
import { scaleIntrinsics } from '../camera';
import { queryPixelField, type FieldConditioning, type PixelFieldConfig, type ViewCamera, type ParamStore } from '../fields';
import { cameraRays, disposeRays, renderRays, type FieldFn, type RenderOptions, type RenderResult } from '../render';
import type { Tf } from '../tf';

type Tensor2D = tfn.Tensor2D;
type Tensor3D = tfn.Tensor3D;

/** FieldFn over the conditional field: points [N, S, 3] -> sigma [N, S], rgb [N, S, 3], features [N, S, F]. */
export function conditionalFieldFn(
  tf: Tf, store: ParamStore, prefix: string, cfg: PixelFieldConfig, cond: FieldConditioning,
): FieldFn {
  return (points: Tensor3D) => {
    const [n, s] = points.shape;
    const o = queryPixelField(tf, store, prefix, cfg, cond, tf.reshape(points, [n * s, 3]) as Tensor2D);
    return {
      sigma: tf.reshape(o.sigma, [n, s]) as Tensor2D,
      rgb: tf.reshape(o.rgb, [n, s, 3]) as Tensor3D,
      features: tf.reshape(o.features, [n, s, cfg.outFeatures]) as Tensor3D,
    };
  };
}

/** The camera re-expressed for a `size` x `size` image. */
export function cameraAtSize(cam: ViewCamera, size: number): ViewCamera {
  const k = cam.intrinsics;
  return k.width === size && k.height === size ? cam : { ...cam, intrinsics: scaleIntrinsics(k, size, size) };
}

export interface Patch { x0: number; y0: number; width: number; height: number }

/** Render a patch (default: the whole image) of `cam` at `size`. Differentiable w.r.t. the field. */
export function renderPatch(
  tf: Tf, field: FieldFn, cam: ViewCamera, size: number, options: Partial<RenderOptions>, patch?: Patch,
): RenderResult {
  const c = cameraAtSize(cam, size);
  const rays = cameraRays(tf, c.intrinsics, c.c2w, patch ?? { x0: 0, y0: 0, width: size, height: size });
  try {
    return renderRays(tf, field, rays, options);
  } finally {
    disposeRays(rays);
  }
}

export interface RenderedImage {
  rgb: tfn.Tensor4D; // [1, h, w, 3]
  depth: Tensor3D; // [1, h, w]
  opacity: Tensor3D; // [1, h, w]
  features: tfn.Tensor4D; // [1, h, w, F]
}

/** Render a whole `size` x `size` image in row chunks of about `chunk` rays (bounded memory). */
export function renderImage(
  tf: Tf, field: FieldFn, cam: ViewCamera, size: number, options: Partial<RenderOptions>, chunk: number,
): RenderedImage {
  return tf.tidy(() => {
    const rows = Math.max(1, Math.floor(chunk / size));
    const rgb: tfn.Tensor[] = []; const depth: tfn.Tensor[] = []; const opacity: tfn.Tensor[] = []; const feats: tfn.Tensor[] = [];
    for (let y0 = 0; y0 < size; y0 += rows) {
      const h = Math.min(rows, size - y0);
      const r = renderPatch(tf, field, cam, size, options, { x0: 0, y0, width: size, height: h });
      rgb.push(r.rgb); depth.push(r.depth); opacity.push(r.opacity);
      if (r.features) feats.push(r.features);
    }
    const f = feats.length ? tf.concat(feats, 0) : tf.zeros([size * size, 0]);
    const fd = f.shape[1] ?? 0;
    return {
      rgb: tf.reshape(tf.concat(rgb, 0), [1, size, size, 3]) as tfn.Tensor4D,
      depth: tf.reshape(tf.concat(depth, 0), [1, size, size]) as Tensor3D,
      opacity: tf.reshape(tf.concat(opacity, 0), [1, size, size]) as Tensor3D,
      features: tf.reshape(f, [1, size, size, fd]) as tfn.Tensor4D,
    };
  });
}
