// Scene spaces: where the voxel grid lives relative to the world, for the three scene types.
//
//   world     (object):         grid coordinates u = x (today's bounded box).
//   contract  (unbounded 360°): y = (x - center) / radius, u = contract(y) with the L∞ norm
//             (mip-NeRF 360 Eq. 10 with ||.||∞ as in DVGOv2 / MERF):
//               contract(y) = y                            if ||y||∞ <= 1
//                           = (2 - 1 / ||y||∞) y / ||y||∞   otherwise,
//             so all of space maps into the cube [-2, 2]^3. L∞ rather than L2 because the grid is a
//             cube: the L2 image (a ball of radius 2) would leave the cube's corners, 48 % of the
//             voxels, forever unused, while the L∞ image fills every voxel.
//   ndc       (forward-facing): LLFF / NeRF normalised device coordinates of a reference camera
//             (NeRF supplement, Eq. 25): with p the point in that camera's frame (OpenGL, looking
//             down -z) and depth z = -p_z,
//               u = (ax p_x / z, ay p_y / z, 1 - 2 near / z),  ax = fx / (W / 2), ay = fy / (H / 2),
//             so depth near..infinity maps to u_z in -1..1, linear in disparity 1 / z.
// Density lives in grid units: alpha_i = 1 - exp(-sigma(u_i) * |u_{i+1} - u_i|). Samples are
// placed in world space along each ray with steps dt_world = dc / stretch(x), stretch being the
// local grid-units-per-world-unit along the ray, so they are about uniform in grid coordinates
// (uniform in disparity beyond the unit ball / along the view direction in NDC).
// None of this depends on grid values, so the marcher's analytic backward stays exact.
import type { Aabb } from './types';

export type Vec3 = [number, number, number];
export type { SceneType } from '../data/scene-type';

export type SceneSpace =
  | { kind: 'world' }
  | { kind: 'contract'; center: Vec3; radius: number }
  | {
    kind: 'ndc';
    /** Reference camera centre and its world-to-camera rotation (row-major 3x3, OpenGL axes). */
    origin: Vec3; rotation: number[];
    ax: number; ay: number; near: number;
  };

/** Contracted norm beyond which a ray stops (u reaches 2 - 1 / CONTRACT_MAX_NORM = 1.98). */
export const CONTRACT_MAX_NORM = 50;
/** The NDC grid covers u_x, u_y in +-NDC_XY_EXTENT (other cameras see past the reference frustum). */
export const NDC_XY_EXTENT = 1.5;
const NDC_Z_MAX = 0.995;

export const WORLD_SPACE: SceneSpace = { kind: 'world' };

export function isMapped(space: SceneSpace | undefined): space is Exclude<SceneSpace, { kind: 'world' }> {
  return space !== undefined && space.kind !== 'world';
}

/** The grid box (grid coordinates) that covers the whole space; `worldBox` for 'world'. */
export function gridBoxOf(space: SceneSpace, worldBox: Aabb): Aabb {
  if (space.kind === 'contract') return { min: [-2, -2, -2], max: [2, 2, 2] };
  if (space.kind === 'ndc') return { min: [-NDC_XY_EXTENT, -NDC_XY_EXTENT, -1], max: [NDC_XY_EXTENT, NDC_XY_EXTENT, 1] };
  return { min: [...worldBox.min], max: [...worldBox.max] };
}

/**
 * Map world point x to grid coordinates (out[0..2]); returns the ray-stop measure: ||y||∞ for
 * 'contract', u_z for 'ndc' (+Infinity behind the NDC near plane's camera), 0 for 'world'.
 */
export function toGrid(space: SceneSpace, x: number, y: number, z: number, out: Float64Array): number {
  if (space.kind === 'contract') {
    const r = space.radius, c = space.center;
    const a = (x - c[0]) / r, b = (y - c[1]) / r, d = (z - c[2]) / r;
    const s = Math.max(Math.abs(a), Math.abs(b), Math.abs(d));
    const f = s <= 1 ? 1 : (2 - 1 / s) / s;
    out[0] = a * f; out[1] = b * f; out[2] = d * f;
    return s;
  }
  if (space.kind === 'ndc') {
    const R = space.rotation, o = space.origin;
    const px = x - o[0], py = y - o[1], pz = z - o[2];
    const cx = R[0] * px + R[1] * py + R[2] * pz;
    const cy = R[3] * px + R[4] * py + R[5] * pz;
    const depth = -(R[6] * px + R[7] * py + R[8] * pz);
    if (!(depth > 1e-9)) { out[0] = 0; out[1] = 0; out[2] = -Infinity; return -Infinity; }
    out[0] = (space.ax * cx) / depth; out[1] = (space.ay * cy) / depth; out[2] = 1 - (2 * space.near) / depth;
    return out[2];
  }
  out[0] = x; out[1] = y; out[2] = z;
  return 0;
}

/**
 * Approximate grid units per world unit along unit direction d at x (used only to size steps;
 * the rendered interval is the exact chord length in grid space).
 *   contract: 1 / radius inside the unit ball, 1 / (radius s^2) outside (the radial derivative
 *             of 2 - 1 / s; tangential motion is at most ~2x that for rays from inside the ball).
 *   ndc:      hypot(2 near / z^2 * cos, a / z * sin), cos = |d . forward|.
 */
export function stretchAt(space: SceneSpace, x: number, y: number, z: number, dx: number, dy: number, dz: number): number {
  if (space.kind === 'contract') {
    const r = space.radius, c = space.center;
    const s = Math.max(Math.abs(x - c[0]), Math.abs(y - c[1]), Math.abs(z - c[2])) / r;
    return s <= 1 ? 1 / r : 1 / (r * s * s);
  }
  if (space.kind === 'ndc') {
    const R = space.rotation, o = space.origin;
    const depth = Math.max(space.near, -(R[6] * (x - o[0]) + R[7] * (y - o[1]) + R[8] * (z - o[2])));
    const cos = Math.abs(R[6] * dx + R[7] * dy + R[8] * dz), sin = Math.sqrt(Math.max(0, 1 - cos * cos));
    return Math.hypot((2 * space.near * cos) / (depth * depth), (Math.max(space.ax, space.ay) * sin) / depth);
  }
  return 1;
}

/**
 * True once a ray has left the modelled space for good (the stop measure from toGrid and the grid
 * point u). NDC maps world rays to straight lines, so a ray far outside the lateral extent never
 * comes back (the marcher also stops a NDC ray that leaves the grid box after entering it).
 */
export function pastEnd(space: SceneSpace, measure: number, u: Float64Array): boolean {
  if (space.kind === 'contract') return measure > CONTRACT_MAX_NORM;
  // NDC: past the far end, or back behind the near plane (a ray moving towards the camera's
  // plane never comes back in front of it).
  if (space.kind === 'ndc') {
    return measure > NDC_Z_MAX || !(measure >= -1 - 1e-9) || Math.abs(u[0]) > 2 * NDC_XY_EXTENT || Math.abs(u[1]) > 2 * NDC_XY_EXTENT;
  }
  return false;
}

/**
 * Where a mapped ray's samples start: NDC rays begin at the near plane (Infinity when the ray
 * never gets in front of it), others at `near`.
 */
export function marchStart(space: SceneSpace, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, near: number): number {
  if (space.kind !== 'ndc') return near;
  const R = space.rotation, o = space.origin;
  const depth0 = -(R[6] * (ox - o[0]) + R[7] * (oy - o[1]) + R[8] * (oz - o[2]));
  const rate = -(R[6] * dx + R[7] * dy + R[8] * dz);
  if (depth0 >= space.near) return near;
  if (rate <= 1e-9) return Infinity;
  return Math.max(near, (space.near - depth0) / rate);
}

/** Validate a space read from a file; `bad(field, value)` throws. */
export function checkSpace(v: unknown, bad: (field: string, value: unknown) => never): SceneSpace {
  const s = v as SceneSpace;
  const vec = (a: unknown, n: number) => Array.isArray(a) && a.length === n && a.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!s || typeof s !== 'object') return bad('space', v);
  if (s.kind === 'world') return { kind: 'world' };
  if (s.kind === 'contract') {
    if (!vec(s.center, 3)) bad('space.center', s.center);
    if (!(s.radius > 0)) bad('space.radius', s.radius);
    return { kind: 'contract', center: [...s.center], radius: s.radius };
  }
  if (s.kind === 'ndc') {
    if (!vec(s.origin, 3)) bad('space.origin', s.origin);
    if (!vec(s.rotation, 9)) bad('space.rotation', s.rotation);
    for (const f of ['ax', 'ay', 'near'] as const) if (!(s[f] > 0)) bad(`space.${f}`, s[f]);
    return { kind: 'ndc', origin: [...s.origin], rotation: [...s.rotation], ax: s.ax, ay: s.ay, near: s.near };
  }
  return bad('space.kind', (s as { kind: unknown }).kind);
}
