// Baked grids of analytic shapes with known area and volume (tests, benchmarks, demos).
//
// The density is built from the signed distance d (negative inside) of the union of the
// shapes so that the surface {d = 0} is exactly the default iso-surface:
// - 'opacity': sigma = (ln 2 / delta) * exp(-d / w)  =>  alpha = 1 - 2^(-exp(-d / w)),
//   which is 0.5 exactly on d = 0 (MESH_DEFAULTS) and saturates quickly inside.
// - 'linear': sigma = clamp(0.5 - d / (2 w), 0, 1) * 100 (a ramp of half-width w), whose
//   level 50 (field 'density') is d = 0; marching cubes is exact on a linear field.
import type { BakedGrid } from '../grid/types';

export type Vec3 = [number, number, number];

export type AnalyticShape =
  | { kind: 'sphere'; center: Vec3; radius: number; color?: Vec3 }
  | { kind: 'box'; center: Vec3; halfSize: Vec3; color?: Vec3 };

export interface AnalyticGridOptions {
  /** Voxels per axis. */
  resolution: number;
  aabb: { min: Vec3; max: Vec3 };
  profile: 'opacity' | 'linear';
  /** Transition width w in voxels. */
  widthVoxels: number;
  /** Colour of empty space (should never show on the surface). */
  emptyColor: Vec3;
}

export const ANALYTIC_GRID_DEFAULTS: AnalyticGridOptions = {
  resolution: 64,
  aabb: { min: [-1, -1, -1], max: [1, 1, 1] },
  profile: 'opacity',
  widthVoxels: 1.5,
  emptyColor: [1, 0, 1],
};

export function signedDistance(shape: AnalyticShape, x: number, y: number, z: number): number {
  if (shape.kind === 'sphere') {
    const [cx, cy, cz] = shape.center;
    return Math.hypot(x - cx, y - cy, z - cz) - shape.radius;
  }
  const q = [x - shape.center[0], y - shape.center[1], z - shape.center[2]].map(
    (v, a) => Math.abs(v) - shape.halfSize[a]);
  const outside = Math.hypot(Math.max(q[0], 0), Math.max(q[1], 0), Math.max(q[2], 0));
  return outside + Math.min(Math.max(q[0], q[1], q[2]), 0);
}

export function analyticGrid(shapes: AnalyticShape[], options: Partial<AnalyticGridOptions> = {}): BakedGrid {
  const o = { ...ANALYTIC_GRID_DEFAULTS, ...options };
  const n = o.resolution;
  const { min, max } = o.aabb;
  const h = [0, 1, 2].map((a) => (max[a] - min[a]) / n);
  const delta = Math.cbrt(h[0] * h[1] * h[2]);
  const w = o.widthVoxels * delta;
  const density = new Float32Array(n * n * n);
  const rgb = new Float32Array(3 * n * n * n);
  for (let k = 0; k < n; k++) {
    const z = min[2] + (k + 0.5) * h[2];
    for (let j = 0; j < n; j++) {
      const y = min[1] + (j + 0.5) * h[1];
      for (let i = 0; i < n; i++) {
        const x = min[0] + (i + 0.5) * h[0];
        let d = Infinity;
        let color = o.emptyColor;
        for (const s of shapes) {
          const ds = signedDistance(s, x, y, z);
          if (ds < d) {
            d = ds;
            color = s.color ?? [0.8, 0.8, 0.8];
          }
        }
        const v = i + n * (j + n * k);
        density[v] = o.profile === 'opacity'
          ? (Math.LN2 / delta) * Math.exp(Math.min(-d / w, 30))
          : 100 * Math.min(Math.max(0.5 - d / (2 * w), 0), 1);
        const c = d < 2 * w ? color : o.emptyColor;
        rgb.set(c, 3 * v);
      }
    }
  }
  return { resolution: [n, n, n], aabb: { min: [...min], max: [...max] }, density, rgb };
}

export function analyticArea(shape: AnalyticShape): number {
  if (shape.kind === 'sphere') return 4 * Math.PI * shape.radius ** 2;
  const [a, b, c] = shape.halfSize.map((v) => 2 * v);
  return 2 * (a * b + b * c + c * a);
}

export function analyticVolume(shape: AnalyticShape): number {
  if (shape.kind === 'sphere') return (4 / 3) * Math.PI * shape.radius ** 3;
  return 8 * shape.halfSize[0] * shape.halfSize[1] * shape.halfSize[2];
}
