// Scene normalisation: map the capture's own world to the engine's world (+Y up, the scene
// near the origin, cameras at a radius in `radiusRange`), and estimate aabb / near / far.
//
// 1. Orientation R: the mean camera up vector is sent to +Y, either exactly ('up') or by the
//    axis-aligned rotation that sends its dominant axis to +Y ('axis', keeps boxes exact).
// 2. Centre c: the centre of given bounds; for per-view depth bounds (LLFF) the mean point at
//    depth sqrt(near * far) along each optical axis; otherwise the least-squares point
//    closest to all optical axes (the cameras' look-at point), or the mean camera centre
//    when the axes do not converge in front of the cameras.
// 3. Scale s: 1 if the median camera distance r to c lies in radiusRange, else the factor
//    that brings r to the nearest end of the range.
// x_norm = s * R * (x - c). Camera rotations become R * R_c2w.
import { multiply4 } from '../camera';
import type { Intrinsics, Mat4 } from '../camera';
import type { CaptureNormalization } from './types';

type Vec3 = [number, number, number];
export interface Aabb { min: Vec3; max: Vec3 }

export interface NormalizeOptions {
  /** 'auto': 'bounds' when the capture gives bounds, else 'cameras'. */
  mode: 'auto' | 'cameras' | 'bounds' | 'none';
  orient: 'axis' | 'up' | 'none';
  radiusRange: [number, number];
}
export const NORMALIZE_DEFAULTS: NormalizeOptions = { mode: 'auto', orient: 'axis', radiusRange: [1.5, 4.5] };

export interface BoundsHint {
  /** Scene box in source units. */
  aabb?: Aabb;
  near?: number;
  far?: number;
  /** Per-view [near, far] depths in source units (LLFF). */
  viewBounds?: Array<[number, number]>;
}

export interface CameraLike { c2w: Mat4; intrinsics: Intrinsics }

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: Vec3) => Math.hypot(a[0], a[1], a[2]);
const col = (m: Mat4, c: number): Vec3 => [m[c], m[4 + c], m[8 + c]];
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1] : 0; };

function rotationToUp(up: Vec3, orient: NormalizeOptions['orient']): number[] {
  const I = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const n = norm(up);
  if (orient === 'none' || n < 1e-3) return I;
  const u: Vec3 = [up[0] / n, up[1] / n, up[2] / n];
  if (orient === 'axis') {
    const a = [0, 1, 2].reduce((best, i) => (Math.abs(u[i]) > Math.abs(u[best]) ? i : best), 0);
    const pos = u[a] > 0;
    if (a === 1) return pos ? I : [1, 0, 0, 0, -1, 0, 0, 0, -1];
    if (a === 2) return pos ? [1, 0, 0, 0, 0, 1, 0, -1, 0] : [1, 0, 0, 0, 0, -1, 0, 1, 0];
    return pos ? [0, -1, 0, 1, 0, 0, 0, 0, 1] : [0, 1, 0, -1, 0, 0, 0, 0, 1];
  }
  // Rodrigues: rotate u onto +Y about axis k = u x Y.
  const k: Vec3 = [-u[2], 0, u[0]];
  const sin = norm(k);
  const cos = u[1];
  if (sin < 1e-9) return cos > 0 ? I : [1, 0, 0, 0, -1, 0, 0, 0, -1];
  const kx = k[0] / sin, ky = k[1] / sin, kz = k[2] / sin;
  const t = 1 - cos;
  return [
    cos + kx * kx * t, kx * ky * t - kz * sin, kx * kz * t + ky * sin,
    ky * kx * t + kz * sin, cos + ky * ky * t, ky * kz * t - kx * sin,
    kz * kx * t - ky * sin, kz * ky * t + kx * sin, cos + kz * kz * t,
  ];
}

/** Least-squares point closest to all optical axes, or null if they do not converge in front. */
export function lookAtPoint(cameras: CameraLike[]): Vec3 | null {
  if (cameras.length < 2) return null;
  const A = new Float64Array(9);
  const b = [0, 0, 0];
  for (const cam of cameras) {
    const d = col(cam.c2w, 2).map((x) => -x) as Vec3;
    const o = col(cam.c2w, 3);
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        const p = (r === c ? 1 : 0) - d[r] * d[c];
        A[3 * r + c] += p;
        b[r] += p * o[c];
      }
    }
  }
  const N = cameras.length;
  const det = (m: ArrayLike<number>) =>
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  const D = det(A);
  if (!(D / N ** 3 > 1e-4)) return null;
  const p: Vec3 = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const M = Array.from(A);
    for (let r = 0; r < 3; r++) M[3 * r + i] = b[r];
    p[i] = det(M) / D;
  }
  const centres = cameras.map((c) => col(c.c2w, 3));
  const mean = centres.reduce((s, c) => [s[0] + c[0] / N, s[1] + c[1] / N, s[2] + c[2] / N] as Vec3, [0, 0, 0] as Vec3);
  const spread = Math.sqrt(centres.reduce((s, c) => s + dot(sub(c, mean), sub(c, mean)), 0) / N);
  let inFront = 0;
  for (const cam of cameras) if (dot(sub(p, col(cam.c2w, 3)), col(cam.c2w, 2)) < 0) inFront++;
  const dist = median(centres.map((c) => norm(sub(p, c))));
  if (inFront < 0.75 * N || dist > 20 * spread) return null;
  return p;
}

export function applyNormalizationToPose(c2w: Mat4, n: CaptureNormalization): Mat4 {
  return multiply4(Float64Array.from(n.transform), c2w).map((v, i) => (i < 12 && i % 4 !== 3 ? v / n.scale : v)) as Mat4;
}

export function applyNormalizationToPoint(p: Vec3, n: CaptureNormalization): Vec3 {
  const t = n.transform;
  return [0, 1, 2].map((r) => t[4 * r] * p[0] + t[4 * r + 1] * p[1] + t[4 * r + 2] * p[2] + t[4 * r + 3]) as Vec3;
}

function boxOf(points: Vec3[]): Aabb {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of points) for (let i = 0; i < 3; i++) { min[i] = Math.min(min[i], p[i]); max[i] = Math.max(max[i], p[i]); }
  return { min, max };
}

/** Choose the normalisation, and the scene box and near/far in normalised units. */
export function normalizeScene(
  cameras: CameraLike[], hint: BoundsHint, options: Partial<NormalizeOptions> = {},
): { normalization: CaptureNormalization; aabb: Aabb; near: number; far: number } {
  const opt = { ...NORMALIZE_DEFAULTS, ...options };
  const N = cameras.length;
  const haveBounds = !!hint.aabb || !!hint.viewBounds;
  const method = opt.mode === 'auto' ? (haveBounds ? 'bounds' : 'cameras') : opt.mode === 'bounds' && !haveBounds ? 'cameras' : opt.mode;
  // 'cameras' uses the camera poses only; given bounds are ignored.
  if (method === 'cameras') hint = {};
  const centres = cameras.map((c) => col(c.c2w, 3));
  const forward = (c: CameraLike) => col(c.c2w, 2).map((x) => -x) as Vec3;
  const meanCentre = centres.reduce((s, c) => [s[0] + c[0] / N, s[1] + c[1] / N, s[2] + c[2] / N] as Vec3, [0, 0, 0] as Vec3);

  // 2. Centre (source units).
  let centre: Vec3 = meanCentre;
  let converged = false;
  if (hint.aabb) centre = hint.aabb.min.map((v, i) => (v + hint.aabb!.max[i]) / 2) as Vec3;
  else if (hint.viewBounds) {
    centre = [0, 0, 0];
    cameras.forEach((cam, i) => {
      const [n0, f0] = hint.viewBounds![i];
      const d = Math.sqrt(n0 * f0);
      const f = forward(cam);
      for (let k = 0; k < 3; k++) centre[k] += (centres[i][k] + f[k] * d) / N;
    });
  } else {
    const p = lookAtPoint(cameras);
    if (p) { centre = p; converged = true; }
  }
  const upSum = cameras.reduce((s, c) => { const u = col(c.c2w, 1); return [s[0] + u[0], s[1] + u[1], s[2] + u[2]] as Vec3; }, [0, 0, 0] as Vec3);
  const R = method === 'none' ? [1, 0, 0, 0, 1, 0, 0, 0, 1] : rotationToUp(upSum, opt.orient);
  const c: Vec3 = method === 'none' ? [0, 0, 0] : centre;
  const dists = centres.map((p) => norm(sub(p, centre)));
  const r = median(dists);
  const [lo, hi] = opt.radiusRange;
  const s = method === 'none' || r < 1e-9 ? 1 : r < lo ? lo / r : r > hi ? hi / r : 1;
  const Rc = [0, 1, 2].map((i) => R[3 * i] * c[0] + R[3 * i + 1] * c[1] + R[3 * i + 2] * c[2]);
  const transform = [
    s * R[0], s * R[1], s * R[2], -s * Rc[0],
    s * R[3], s * R[4], s * R[5], -s * Rc[1],
    s * R[6], s * R[7], s * R[8], -s * Rc[2],
    0, 0, 0, 1,
  ];
  const normalization: CaptureNormalization = { method, center: c, scale: s, rotation: R, transform };
  const toNorm = (p: Vec3) => applyNormalizationToPoint(p, normalization);

  // 4. Box and near/far in normalised units.
  const camNorm = centres.map(toNorm);
  const boxDistances = (box: Aabb) => {
    const mid = box.min.map((v, i) => (v + box.max[i]) / 2) as Vec3;
    const half = norm(sub(box.max, mid));
    const d = camNorm.map((p) => norm(sub(p, mid)));
    const minD = Math.min(...d);
    return { near: minD - half > 0.01 * half ? minD - half : 0.02 * Math.max(half, 1e-3), far: Math.max(...d) + half };
  };
  if (hint.aabb) {
    const a = hint.aabb;
    const corners: Vec3[] = [];
    for (let k = 0; k < 8; k++) corners.push([k & 1 ? a.max[0] : a.min[0], k & 2 ? a.max[1] : a.min[1], k & 4 ? a.max[2] : a.min[2]]);
    const aabb = boxOf(corners.map(toNorm));
    const nf = boxDistances(aabb);
    return { normalization, aabb, near: hint.near !== undefined ? hint.near * s : nf.near, far: hint.far !== undefined ? hint.far * s : nf.far };
  }
  if (hint.viewBounds) {
    const pts: Vec3[] = [];
    let maxRayFactor = 1;
    cameras.forEach((cam, i) => {
      const k = cam.intrinsics;
      const [n0, f0] = hint.viewBounds![i];
      for (const [u, v] of [[0, 0], [k.width, 0], [0, k.height], [k.width, k.height]]) {
        const dx = (u - k.cx) / k.fx, dy = -(v - k.cy) / k.fy;
        maxRayFactor = Math.max(maxRayFactor, Math.hypot(dx, dy, 1));
        for (const depth of [n0, f0]) {
          const m = cam.c2w;
          pts.push([0, 1, 2].map((rr) => m[4 * rr] * dx * depth + m[4 * rr + 1] * dy * depth - m[4 * rr + 2] * depth + m[4 * rr + 3]) as Vec3);
        }
      }
    });
    const near = Math.min(...hint.viewBounds.map((b) => b[0])) * s * 0.9;
    const far = Math.max(...hint.viewBounds.map((b) => b[1])) * s * maxRayFactor * 1.05;
    return { normalization, aabb: boxOf(pts.map(toNorm)), near, far };
  }
  const mid = toNorm(centre);
  const nd = camNorm.map((p) => norm(sub(p, mid)));
  const minD = Math.min(...nd);
  let half: number;
  if (converged || method === 'none') {
    const reach = cameras.map((cam, i) => {
      const k = cam.intrinsics;
      const t = Math.min(k.width / (2 * k.fx), k.height / (2 * k.fy));
      return nd[i] * t;
    });
    half = Math.min(median(reach) * 1.1, 0.8 * minD);
    if (!(half > 0)) half = 1;
  } else {
    half = Math.max(2 * median(nd), 1);
  }
  const aabb: Aabb = { min: [mid[0] - half, mid[1] - half, mid[2] - half], max: [mid[0] + half, mid[1] + half, mid[2] + half] };
  const nf = boxDistances(aabb);
  return { normalization, aabb, near: nf.near, far: nf.far };
}
