// Near/far and boxes from sparse structure-from-motion points, robustly: percentiles over
// (camera, point) pairs and over points, never min/max, so a few stray points (sky matches,
// mismatches far behind the scene) do not blow the range up.
import type { CaptureView } from './types';

type Vec3 = [number, number, number];
export interface Box { min: Vec3; max: Vec3 }

export interface SparseBoundsOptions {
  /** Percentiles (0..100) of the distances that set near and far. */
  nearPercentile: number;
  farPercentile: number;
  /** near = nearMargin * p(near), far = farMargin * p(far). */
  nearMargin: number;
  farMargin: number;
  /** At most this many points are used (an even subset). */
  maxPoints: number;
  /** Fewer (camera, point) pairs than this: null (the caller keeps its camera-based guess). */
  minPairs: number;
}
export const SPARSE_BOUNDS_DEFAULTS: SparseBoundsOptions = {
  nearPercentile: 1, farPercentile: 99, nearMargin: 0.8, farMargin: 1.2, maxPoints: 20000, minPairs: 50,
};

/** p-th percentile (0..100) of xs, by sorting a copy (nearest rank). */
export function percentile(xs: ArrayLike<number>, p: number): number {
  const s = Float64Array.from(xs).sort();
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.round((p / 100) * (s.length - 1))))];
}

/**
 * Near/far along unit rays: the distances |p - o| from each camera to the sparse points inside
 * its view frustum (in front, projecting into the image), at the chosen percentiles.
 * xyz: [N*3] in the views' world. Returns null with too few pairs.
 */
export function sparseNearFar(
  views: Pick<CaptureView, 'c2w' | 'intrinsics'>[], xyz: Float32Array, options: Partial<SparseBoundsOptions> = {},
): { near: number; far: number; pairs: number } | null {
  const o = { ...SPARSE_BOUNDS_DEFAULTS, ...options };
  const n = Math.floor(xyz.length / 3);
  const stride = Math.max(1, Math.ceil(n / o.maxPoints));
  const dist: number[] = [];
  for (const v of views) {
    const m = v.c2w, k = v.intrinsics;
    const cx = m[3], cy = m[7], cz = m[11];
    for (let i = 0; i < n; i += stride) {
      const px = xyz[3 * i] - cx, py = xyz[3 * i + 1] - cy, pz = xyz[3 * i + 2] - cz;
      // Camera frame (OpenGL): x = R^T p; the camera looks down -z.
      const x = m[0] * px + m[4] * py + m[8] * pz;
      const y = m[1] * px + m[5] * py + m[9] * pz;
      const depth = -(m[2] * px + m[6] * py + m[10] * pz);
      if (!(depth > 0)) continue;
      const u = k.cx + (k.fx * x) / depth, vv = k.cy - (k.fy * y) / depth;
      if (u < 0 || u > k.width || vv < 0 || vv > k.height) continue;
      dist.push(Math.hypot(px, py, pz));
    }
  }
  if (dist.length < o.minPairs) return null;
  return {
    near: o.nearMargin * percentile(dist, o.nearPercentile),
    far: o.farMargin * percentile(dist, o.farPercentile),
    pairs: dist.length,
  };
}

/**
 * Box of the points within `radius` of `centre`, per axis between the `lo` and `100 - lo`
 * percentiles, padded by `pad` of its size on each side. Null with fewer than `minPoints` points.
 */
export function pointsBox(
  xyz: Float32Array, centre: Vec3, radius: number, lo = 2, pad = 0.1, minPoints = 20,
): Box | null {
  const axes: number[][] = [[], [], []];
  const n = Math.floor(xyz.length / 3);
  for (let i = 0; i < n; i++) {
    const x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
    if (Math.hypot(x - centre[0], y - centre[1], z - centre[2]) > radius) continue;
    axes[0].push(x); axes[1].push(y); axes[2].push(z);
  }
  if (axes[0].length < minPoints) return null;
  const min: Vec3 = [0, 0, 0], max: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const l = percentile(axes[a], lo), h = percentile(axes[a], 100 - lo);
    const e = Math.max(h - l, 1e-3 * radius);
    min[a] = l - pad * e; max[a] = h + pad * e;
  }
  return { min, max };
}
