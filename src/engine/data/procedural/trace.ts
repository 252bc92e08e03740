// Exact ray casting of analytic scenes (no volume rendering, no sampling noise).
// Shading is Lambertian under one directional light (+ ambient), with hard shadows:
//   c = albedo * (ambient + (1 - ambient) * max(0, n . l) * visible)
// Depth is the distance t along the unit ray direction to the first surface.
// The scene is first compiled to flat per-shape records (bases, bounding spheres) so the
// inner loop allocates nothing.
import type { Intrinsics, Mat4 } from '../../camera';
import type { RgbImage } from '../types';
import type { ProceduralScene, Shape, Vec3 } from './scene';
import { normalize3, shapeBounds, shapeCenter } from './scene';

interface Prim {
  shape: Shape;
  kind: 0 | 1 | 2; // sphere, box, cylinder
  // Bounding sphere.
  bx: number; by: number; bz: number; br2: number;
  // Frame: origin p, axes u, v, a (box: rotated x, y, z; cylinder: a = axis).
  px: number; py: number; pz: number;
  ux: number; uy: number; uz: number; vx: number; vy: number; vz: number; ax: number; ay: number; az: number;
  // sphere radius / box half sizes / cylinder h, r0, r1.
  s0: number; s1: number; s2: number;
  centre: Vec3;
}

export interface CompiledScene { scene: ProceduralScene; prims: Prim[]; light: Vec3 }

export function compileScene(scene: ProceduralScene): CompiledScene {
  const prims = scene.shapes.map((s): Prim => {
    const b = shapeBounds(s);
    const c = b.min.map((v, i) => (v + b.max[i]) / 2);
    const r2 = b.max.reduce((acc, v, i) => acc + (v - c[i]) ** 2, 0) * 1.0001;
    const base = { shape: s, bx: c[0], by: c[1], bz: c[2], br2: r2, centre: shapeCenter(s) };
    if (s.kind === 'sphere') {
      return { ...base, kind: 0, px: s.center[0], py: s.center[1], pz: s.center[2], ux: 1, uy: 0, uz: 0, vx: 0, vy: 1, vz: 0, ax: 0, ay: 0, az: 1, s0: s.radius, s1: 0, s2: 0 };
    }
    if (s.kind === 'box') {
      const th = s.rotationY ?? 0, co = Math.cos(th), si = Math.sin(th);
      // Box axes in world: x' = (cos, 0, -sin), y' = (0, 1, 0), z' = (sin, 0, cos).
      return { ...base, kind: 1, px: s.center[0], py: s.center[1], pz: s.center[2], ux: co, uy: 0, uz: -si, vx: 0, vy: 1, vz: 0, ax: si, ay: 0, az: co, s0: s.halfSize[0], s1: s.halfSize[1], s2: s.halfSize[2] };
    }
    const a = normalize3(s.axis);
    const h: Vec3 = Math.abs(a[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
    const u = normalize3([a[1] * h[2] - a[2] * h[1], a[2] * h[0] - a[0] * h[2], a[0] * h[1] - a[1] * h[0]]);
    const v: Vec3 = [a[1] * u[2] - a[2] * u[1], a[2] * u[0] - a[0] * u[2], a[0] * u[1] - a[1] * u[0]];
    return { ...base, kind: 2, px: s.base[0], py: s.base[1], pz: s.base[2], ux: u[0], uy: u[1], uz: u[2], vx: v[0], vy: v[1], vz: v[2], ax: a[0], ay: a[1], az: a[2], s0: s.height, s1: s.radiusBase, s2: s.radiusTop };
  });
  return { scene, prims, light: normalize3(scene.light.direction) };
}

export interface Hit { t: number; normal: Vec3; shape: Shape | null }

const EPS = 1e-7;
// Scratch: local normal of the last accepted candidate.
const LN = new Float64Array(3);

/** Distance to the prim along the ray if below `best` (local normal in LN), else -1. */
function hitPrim(p: Prim, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, best: number): number {
  // Bounding-sphere rejection.
  const qx = ox - p.bx, qy = oy - p.by, qz = oz - p.bz;
  const qb = qx * dx + qy * dy + qz * dz;
  const qc = qx * qx + qy * qy + qz * qz - p.br2;
  if (qc > 0 && (qb > 0 || qb * qb - qc < 0)) return -1;
  const rx = ox - p.px, ry = oy - p.py, rz = oz - p.pz;
  if (p.kind === 0) {
    const b = rx * dx + ry * dy + rz * dz;
    const c = rx * rx + ry * ry + rz * rz - p.s0 * p.s0;
    const disc = b * b - c;
    if (disc < 0) return -1;
    const sq = Math.sqrt(disc);
    let t = -b - sq;
    if (t <= EPS) t = -b + sq;
    if (t <= EPS || t >= best) return -1;
    LN[0] = (rx + t * dx) / p.s0; LN[1] = (ry + t * dy) / p.s0; LN[2] = (rz + t * dz) / p.s0;
    return t;
  }
  // Local coordinates.
  const lo0 = rx * p.ux + ry * p.uy + rz * p.uz, lo1 = rx * p.vx + ry * p.vy + rz * p.vz, lo2 = rx * p.ax + ry * p.ay + rz * p.az;
  const ld0 = dx * p.ux + dy * p.uy + dz * p.uz, ld1 = dx * p.vx + dy * p.vy + dz * p.vz, ld2 = dx * p.ax + dy * p.ay + dz * p.az;
  let n0 = 0, n1 = 0, n2 = 0;
  let tBest = best;
  let found = false;
  if (p.kind === 1) {
    const lo = [lo0, lo1, lo2], ld = [ld0, ld1, ld2], hs = [p.s0, p.s1, p.s2];
    let tNear = -Infinity, tFar = Infinity, aN = 0, aF = 0;
    for (let i = 0; i < 3; i++) {
      if (Math.abs(ld[i]) < 1e-12) { if (Math.abs(lo[i]) > hs[i]) return -1; continue; }
      let t1 = (-hs[i] - lo[i]) / ld[i], t2 = (hs[i] - lo[i]) / ld[i];
      if (t1 > t2) { const tmp = t1; t1 = t2; t2 = tmp; }
      if (t1 > tNear) { tNear = t1; aN = i; }
      if (t2 < tFar) { tFar = t2; aF = i; }
      if (tNear > tFar) return -1;
    }
    let t = tNear, axis = aN;
    if (t <= EPS) { t = tFar; axis = aF; }
    if (t <= EPS || t >= best) return -1;
    const sgn = lo[axis] + t * ld[axis] > 0 ? 1 : -1;
    n0 = axis === 0 ? sgn : 0; n1 = axis === 1 ? sgn : 0; n2 = axis === 2 ? sgn : 0;
    tBest = t; found = true;
  } else {
    // Capped frustum: x^2 + y^2 = (r0 + k z)^2 for 0 <= z <= h, plus the two caps.
    const h = p.s0, r0 = p.s1, r1 = p.s2, k = (r1 - r0) / h;
    const rz0 = r0 + k * lo2;
    const A = ld0 * ld0 + ld1 * ld1 - k * k * ld2 * ld2;
    const B = 2 * (lo0 * ld0 + lo1 * ld1 - k * ld2 * rz0);
    const C = lo0 * lo0 + lo1 * lo1 - rz0 * rz0;
    let t1 = -1, t2 = -1;
    if (Math.abs(A) > 1e-12) {
      const disc = B * B - 4 * A * C;
      if (disc >= 0) { const sq = Math.sqrt(disc); t1 = (-B - sq) / (2 * A); t2 = (-B + sq) / (2 * A); }
    } else if (Math.abs(B) > 1e-12) t1 = -C / B;
    for (const t of [t1, t2]) {
      if (t <= EPS || t >= tBest) continue;
      const z = lo2 + t * ld2, r = r0 + k * z;
      if (z < 0 || z > h || r < 0) continue;
      tBest = t; found = true;
      n0 = lo0 + t * ld0; n1 = lo1 + t * ld1; n2 = -k * r;
    }
    if (Math.abs(ld2) > 1e-12) {
      for (let cap = 0; cap < 2; cap++) {
        const z = cap === 0 ? 0 : h, r = cap === 0 ? r0 : r1;
        if (r <= 0) continue;
        const t = (z - lo2) / ld2;
        if (t <= EPS || t >= tBest) continue;
        const x = lo0 + t * ld0, y = lo1 + t * ld1;
        if (x * x + y * y > r * r) continue;
        tBest = t; found = true;
        n0 = 0; n1 = 0; n2 = cap === 0 ? -1 : 1;
      }
    }
  }
  if (!found) return -1;
  const wx = n0 * p.ux + n1 * p.vx + n2 * p.ax, wy = n0 * p.uy + n1 * p.vy + n2 * p.ay, wz = n0 * p.uz + n1 * p.vz + n2 * p.az;
  const nn = Math.hypot(wx, wy, wz);
  LN[0] = wx / nn; LN[1] = wy / nn; LN[2] = wz / nn;
  return tBest;
}

function compiled(scene: ProceduralScene | CompiledScene): CompiledScene {
  return 'prims' in scene ? scene : compileScene(scene);
}

/** Nearest intersection along the unit ray o + t d (t < maxT), or null. */
export function intersectScene(sceneIn: ProceduralScene | CompiledScene, o: Vec3, d: Vec3, maxT = Infinity, anyHit = false): Hit | null {
  const cs = compiled(sceneIn);
  let bestT = maxT;
  let shape: Shape | null = null;
  let n0 = 0, n1 = 0, n2 = 0, hit = false;
  for (const p of cs.prims) {
    const t = hitPrim(p, o[0], o[1], o[2], d[0], d[1], d[2], bestT);
    if (t > 0) {
      bestT = t; shape = p.shape; n0 = LN[0]; n1 = LN[1]; n2 = LN[2]; hit = true;
      if (anyHit) break;
    }
  }
  const g = cs.scene.ground;
  if (g && Math.abs(d[1]) > 1e-12) {
    const t = (g.y - o[1]) / d[1];
    const [cx, cz] = g.center ?? [0, 0];
    const x = o[0] + t * d[0] - cx, z = o[2] + t * d[2] - cz;
    if (t > EPS && t < bestT && x * x + z * z <= g.radius * g.radius) {
      bestT = t; shape = null; n0 = 0; n1 = d[1] < 0 ? 1 : -1; n2 = 0; hit = true;
    }
  }
  return hit ? { t: bestT, normal: [n0, n1, n2], shape } : null;
}

/** Radiance leaving the hit point towards the viewer (view-independent). */
export function shade(sceneIn: ProceduralScene | CompiledScene, o: Vec3, d: Vec3, hit: Hit): Vec3 {
  const cs = compiled(sceneIn);
  const scene = cs.scene;
  const p: Vec3 = [o[0] + hit.t * d[0], o[1] + hit.t * d[1], o[2] + hit.t * d[2]];
  let albedo: Vec3;
  if (hit.shape) {
    albedo = hit.shape.color;
    const sp = hit.shape.split;
    if (sp) {
      const c = cs.prims.find((q) => q.shape === hit.shape)?.centre ?? shapeCenter(hit.shape);
      if ((p[0] - c[0]) * sp.normal[0] + (p[1] - c[1]) * sp.normal[1] + (p[2] - c[2]) * sp.normal[2] > 0) albedo = sp.color;
    }
  } else albedo = scene.ground!.color;
  const l = cs.light;
  let n = hit.normal;
  if (n[0] * d[0] + n[1] * d[1] + n[2] * d[2] > 0) n = [-n[0], -n[1], -n[2]];
  let diffuse = Math.max(0, n[0] * l[0] + n[1] * l[1] + n[2] * l[2]);
  if (diffuse > 0 && scene.light.shadows) {
    const q: Vec3 = [p[0] + 1e-5 * n[0], p[1] + 1e-5 * n[1], p[2] + 1e-5 * n[2]];
    if (intersectScene(cs, q, l, Infinity, true)) diffuse = 0;
  }
  const k = scene.light.ambient + (1 - scene.light.ambient) * diffuse;
  return [albedo[0] * k, albedo[1] * k, albedo[2] * k];
}

export interface RenderedView { image: RgbImage; alpha: Float32Array; depth: Float32Array }

/**
 * Render one view. Depth (distance along the ray, 0 = miss) is that of the pixel-centre ray.
 * With supersample = 1, colour and alpha are exact point samples at pixel centres; with
 * n > 1 they are the mean of an n x n grid of rays inside the pixel (box-filtered).
 */
export function renderAnalyticView(
  sceneIn: ProceduralScene | CompiledScene, k: Intrinsics, c2w: Mat4, background: Vec3, supersample = 1,
): RenderedView {
  const cs = compiled(sceneIn);
  const { width, height } = k;
  const data = new Float32Array(width * height * 3);
  const alpha = new Float32Array(width * height);
  const depth = new Float32Array(width * height);
  const o: Vec3 = [c2w[3], c2w[7], c2w[11]];
  const n = Math.max(1, Math.floor(supersample));
  const ray = (px: number, py: number): Vec3 => {
    // Same camera model as camera.pixelRay, at a sub-pixel position (px, py).
    const cx = (px - k.cx) / k.fx, cy = -(py - k.cy) / k.fy;
    return normalize3([c2w[0] * cx + c2w[1] * cy - c2w[2], c2w[4] * cx + c2w[5] * cy - c2w[6], c2w[8] * cx + c2w[9] * cy - c2w[10]]);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const dc = ray(x + 0.5, y + 0.5);
      const centre = intersectScene(cs, o, dc);
      depth[i] = centre ? centre.t : 0;
      let r = 0, g = 0, b = 0, cover = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const d = n === 1 ? dc : ray(x + (sx + 0.5) / n, y + (sy + 0.5) / n);
          const hit = n === 1 ? centre : intersectScene(cs, o, d);
          const c = hit ? shade(cs, o, d, hit) : background;
          r += c[0]; g += c[1]; b += c[2];
          if (hit) cover++;
        }
      }
      const inv = 1 / (n * n);
      data[3 * i] = r * inv;
      data[3 * i + 1] = g * inv;
      data[3 * i + 2] = b * inv;
      alpha[i] = cover * inv;
    }
  }
  return { image: { width, height, data }, alpha, depth };
}
