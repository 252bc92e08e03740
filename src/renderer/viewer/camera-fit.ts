// Where to put the viewer camera so a scene's bounding box fills the view, and how large the
// ground grid should be. Pure math on plain arrays (no three.js), unit-tested.
export type Vec3 = [number, number, number];

export interface Bounds {
  min: Vec3;
  max: Vec3;
}

export interface CameraFitOptions {
  /** Vertical field of view, degrees. */
  fovDeg: number;
  /** Viewport width / height. */
  aspect: number;
  /** Direction from the target towards the camera (normalised internally). */
  direction: Vec3;
  /** > 1 leaves a border around the bounding sphere. */
  margin: number;
}

export const CAMERA_FIT_DEFAULTS: CameraFitOptions = {
  fovDeg: 45,
  aspect: 16 / 9,
  direction: [1, 0.7, 1.3],
  margin: 1.1,
};

export interface CameraFit {
  position: Vec3;
  target: Vec3;
  near: number;
  far: number;
  /** Bounding-sphere radius. */
  radius: number;
  /** Side length of a ground grid covering the scene (1, 2 or 5 × 10^k). */
  gridSize: number;
  /** Height of the bottom of the bounds, where the grid goes. */
  groundY: number;
}

export function isEmptyBounds(b: Bounds): boolean {
  return b.min.some((v, i) => !Number.isFinite(v) || !Number.isFinite(b.max[i]) || v > b.max[i]);
}

export function fitCameraToBounds(bounds: Bounds, options: Partial<CameraFitOptions> = {}): CameraFit {
  const o = { ...CAMERA_FIT_DEFAULTS, ...options };
  const b = isEmptyBounds(bounds) ? { min: [-0.5, -0.5, -0.5] as Vec3, max: [0.5, 0.5, 0.5] as Vec3 } : bounds;
  const target: Vec3 = [0, 1, 2].map((i) => (b.min[i] + b.max[i]) / 2) as Vec3;
  const half = [0, 1, 2].map((i) => (b.max[i] - b.min[i]) / 2);
  const radius = Math.max(Math.hypot(half[0], half[1], half[2]), 1e-3);
  // 1. The sphere must fit in the narrower of the vertical and horizontal fields of view.
  const vHalf = (o.fovDeg * Math.PI) / 360;
  const hHalf = Math.atan(Math.tan(vHalf) * Math.max(o.aspect, 1e-3));
  const distance = (radius / Math.sin(Math.min(vHalf, hHalf))) * o.margin;
  // 2. Place the camera along the (normalised) viewing direction.
  const len = Math.hypot(...o.direction) || 1;
  const dir = o.direction.map((v) => v / len);
  const position = [0, 1, 2].map((i) => target[i] + dir[i] * distance) as Vec3;
  // 3. Clip planes with room to orbit and zoom out.
  const near = Math.max(distance - radius, distance * 0.01) * 0.1;
  const far = (distance + radius) * 20;
  const extent = Math.max(b.max[0] - b.min[0], b.max[2] - b.min[2], 1e-3);
  return { position, target, near, far, radius, gridSize: niceCeil(extent * 2), groundY: b.min[1] };
}

/** Smallest value of the form {1, 2, 5} × 10^k that is ≥ x. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const exp = Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) {
    const v = m * 10 ** exp;
    if (v >= x * (1 - 1e-9)) return Number(v.toPrecision(6));
  }
  return 10 ** (exp + 1);
}

/** The smallest box holding both (an empty box counts as nothing). */
export function unionBounds(a: Bounds, b: Bounds): Bounds {
  if (isEmptyBounds(a)) return b;
  if (isEmptyBounds(b)) return a;
  return {
    min: [0, 1, 2].map((i) => Math.min(a.min[i], b.min[i])) as Vec3,
    max: [0, 1, 2].map((i) => Math.max(a.max[i], b.max[i])) as Vec3,
  };
}

/** Bounds of a set of points (empty bounds for none). */
export function pointBounds(points: readonly Vec3[]): Bounds {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of points) {
    for (let i = 0; i < 3; i++) {
      min[i] = Math.min(min[i], p[i]);
      max[i] = Math.max(max[i], p[i]);
    }
  }
  return { min, max };
}
