// Rays between the camera module (typed arrays) and the renderer (tensors), and chunked
// rendering of whole images back into typed arrays (previews, evaluation, turntables).
import type { Tf } from '../tf';
import type * as tfNamespace from '@tensorflow/tfjs';
import { generateRays } from '../camera';
import type { Intrinsics, Mat4, Rays } from '../camera';
import { renderRays } from './render-rays';
import type { FieldFn, RayTensors, RenderOptions } from './types';

type Tensor2D = tfNamespace.Tensor2D;

const FILE = 'src/engine/render/rays.ts';

/** Rays [start, start + count) of a `Rays` bundle as tensors: origins/directions [count, 3]. */
export function raysToTensors(tf: Tf, rays: Rays, start = 0, count = rays.count - start): RayTensors {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > rays.count) {
    throw new Error(`${FILE}: range start=${start} count=${count} is outside rays.count=${rays.count}`);
  }
  return {
    origins: tf.tensor2d(rays.origins.subarray(3 * start, 3 * (start + count)), [count, 3]),
    directions: tf.tensor2d(rays.directions.subarray(3 * start, 3 * (start + count)), [count, 3]),
  };
}

/** Rays through the pixel centres of an image or patch, as tensors [H*W, 3] (row-major). */
export function cameraRays(
  tf: Tf, k: Intrinsics, c2w: Mat4, patch?: { x0: number; y0: number; width: number; height: number },
): RayTensors {
  return raysToTensors(tf, generateRays(k, c2w, patch));
}

/** Dispose every tensor of a RayTensors bundle. */
export function disposeRays(rays: RayTensors): void {
  rays.origins.dispose();
  rays.directions.dispose();
  rays.near?.dispose();
  rays.far?.dispose();
}

/** Pixels rendered to typed arrays: rgb [count * 3], depth [count], opacity [count]. */
export interface RenderedPixels {
  rgb: Float32Array;
  depth: Float32Array;
  opacity: Float32Array;
}

/**
 * Render every ray of a bundle in chunks of `chunk` rays (bounded memory), downloading each
 * chunk. No gradients; leaves no tensors behind. Use for previews and evaluation.
 */
export async function renderRaysChunked(
  tf: Tf, field: FieldFn, rays: Rays, options: Partial<RenderOptions> = {}, chunk = 4096,
): Promise<RenderedPixels> {
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error(`${FILE}: chunk must be an integer >= 1, got ${chunk}`);
  if (options.background !== undefined && !Array.isArray(options.background)) {
    throw new Error(`${FILE}: options.background must be a constant colour for chunked rendering`);
  }
  const out: RenderedPixels = {
    rgb: new Float32Array(rays.count * 3),
    depth: new Float32Array(rays.count),
    opacity: new Float32Array(rays.count),
  };
  for (let start = 0; start < rays.count; start += chunk) {
    const count = Math.min(chunk, rays.count - start);
    const [rgb, depth, opacity] = tf.tidy(() => {
      const r = raysToTensors(tf, rays, start, count);
      const res = renderRays(tf, field, r, options);
      return [res.rgb, res.depth, res.opacity] as [Tensor2D, tfNamespace.Tensor1D, tfNamespace.Tensor1D];
    });
    try {
      const [a, b, c] = await Promise.all([rgb.data(), depth.data(), opacity.data()]);
      out.rgb.set(a as Float32Array, 3 * start);
      out.depth.set(b as Float32Array, start);
      out.opacity.set(c as Float32Array, start);
    } finally {
      tf.dispose([rgb, depth, opacity]);
    }
  }
  return out;
}

/** Render a full camera view: rgb [H*W*3], depth and opacity [H*W], row-major. */
export function renderView(
  tf: Tf, field: FieldFn, k: Intrinsics, c2w: Mat4, options: Partial<RenderOptions> = {}, chunk = 4096,
): Promise<RenderedPixels> {
  return renderRaysChunked(tf, field, generateRays(k, c2w), options, chunk);
}

/**
 * Per-ray near/far from an axis-aligned box (slab method), for fields bounded by a grid.
 * Rays that miss the box get near = far (zero-length intervals: they render the background).
 * Distances are clamped to >= minNear. origins/directions [N, 3] -> near, far [N].
 * Not differentiable with respect to the rays (bounds are sampling geometry).
 */
export function rayAabbBounds(
  tf: Tf, rays: RayTensors, boxMin: readonly [number, number, number], boxMax: readonly [number, number, number],
  minNear = 0,
): { near: tfNamespace.Tensor1D; far: tfNamespace.Tensor1D } {
  return tf.tidy(() => {
    const dirs = rays.directions;
    // Avoid division by zero: replace tiny components by a signed epsilon.
    const safe = tf.where(dirs.abs().less(1e-9), tf.onesLike(dirs).mul(1e-9), dirs); // [N, 3]
    const t0 = tf.tensor2d([[...boxMin]], [1, 3]).sub(rays.origins).div(safe); // [N, 3]
    const t1 = tf.tensor2d([[...boxMax]], [1, 3]).sub(rays.origins).div(safe); // [N, 3]
    const near = tf.minimum(t0, t1).max(1).maximum(minNear) as tfNamespace.Tensor1D; // [N]
    const far = tf.maximum(t0, t1).min(1).maximum(near) as tfNamespace.Tensor1D; // [N]
    return { near, far };
  });
}
