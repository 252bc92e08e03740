// Bake a fitted scene to a BakedGrid for meshing/export: density sigma (per world unit) and
// the view-independent (SH degree-0) colour, sampled at voxel centres of a WORLD box.
//
// The box: options.crop (e.g. the artist's crop box from the scene manifest, `cropBox: { min:
// [x,y,z], max: [x,y,z] }` in the scene's world units), else the scene's own box: `aabb` for
// object scenes, `cropBox` (or the uncontracted unit ball's box / the NDC near frustum's box) for
// contracted and NDC scenes, whose grid box is not a world box.
// Mapped scenes (space.ts): a world point x is looked up at u(x); the grid's density is per grid
// unit, so sigma_world = sigma_grid * stretch(x) (exact inside the unit ball, 1 / radius; outside
// it and in NDC the local stretch along the radial / view direction, an approximation that only
// matters for the background, which a crop box leaves out). Points outside the grid are empty.
import type { BakedGrid } from '../grid/types';
import { SH_C0, sigmoid, softplus } from './grid';
import { sceneGrid } from './render-view';
import { stretchAt, toGrid } from './space';
import type { Aabb, FittedScene } from './types';

export interface BakeOptions {
  /** World box to bake (crop box); default: see above. */
  crop?: Aabb;
}

/** The world box bakeGrid uses by default. */
export function defaultBakeBox(s: FittedScene): Aabb {
  const sp = s.space;
  if (!sp || sp.kind === 'world') return s.aabb;
  if (s.cropBox) return s.cropBox;
  if (sp.kind === 'contract') {
    const r = sp.radius, c = sp.center;
    return { min: [c[0] - r, c[1] - r, c[2] - r], max: [c[0] + r, c[1] + r, c[2] + r] };
  }
  // NDC: the reference camera's frustum from near to 4 * near, boxed.
  const R = sp.rotation, o = sp.origin;
  const min: [number, number, number] = [Infinity, Infinity, Infinity], max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const depth of [sp.near, 4 * sp.near]) {
    for (const [a, b] of [[-1, -1], [1, -1], [-1, 1], [1, 1]]) {
      const cam = [(a * depth) / sp.ax, (b * depth) / sp.ay, -depth];
      for (let i = 0; i < 3; i++) {
        const w = o[i] + R[i] * cam[0] + R[3 + i] * cam[1] + R[6 + i] * cam[2];
        min[i] = Math.min(min[i], w); max[i] = Math.max(max[i], w);
      }
    }
  }
  return { min, max };
}

/**
 * Density (per world unit) and degree-0 colour at world point (x, y, z): writes [sigma, r, g, b]
 * to out. Used by bakeGrid and crop-box.ts.
 */
export function makeWorldSampler(s: FittedScene): (x: number, y: number, z: number, out: Float64Array) => void {
  const g = sceneGrid(s), space = g.space, u = new Float64Array(3), ch = 3 * g.k;
  const fwd = space?.kind === 'ndc' ? [-space.rotation[6], -space.rotation[7], -space.rotation[8]] : [0, 0, -1];
  return (x, y, z, out) => {
    let fx: number, fy: number, fz: number, stretch = 1;
    if (space) {
      toGrid(space, x, y, z, u);
      fx = (u[0] - g.aabb.min[0]) * g.inv[0]; fy = (u[1] - g.aabb.min[1]) * g.inv[1]; fz = (u[2] - g.aabb.min[2]) * g.inv[2];
      stretch = stretchAt(space, x, y, z, fwd[0], fwd[1], fwd[2]);
    } else {
      fx = (x - g.aabb.min[0]) * g.inv[0]; fy = (y - g.aabb.min[1]) * g.inv[1]; fz = (z - g.aabb.min[2]) * g.inv[2];
    }
    if (!(fx >= 0 && fx <= g.nx - 1 && fy >= 0 && fy <= g.ny - 1 && fz >= 0 && fz <= g.nz - 1)) {
      out[0] = 0; out[1] = 0; out[2] = 0; out[3] = 0;
      return;
    }
    const ix = Math.min(Math.floor(fx), g.nx - 2), iy = Math.min(Math.floor(fy), g.ny - 2), iz = Math.min(Math.floor(fz), g.nz - 2);
    const tx = fx - ix, ty = fy - iy, tz = fz - iz;
    const b = ix + g.nx * (iy + g.ny * iz);
    let raw = 0, r = 0, gg = 0, bb = 0;
    for (let c = 0; c < 8; c++) {
      const w = (c & 1 ? tx : 1 - tx) * (c & 2 ? ty : 1 - ty) * (c & 4 ? tz : 1 - tz);
      const idx = b + (c & 1) + (c & 2 ? g.nx : 0) + (c & 4 ? g.nx * g.ny : 0);
      raw += w * g.density[idx];
      const o = idx * ch;
      r += w * g.color[o]; gg += w * g.color[o + g.k]; bb += w * g.color[o + 2 * g.k];
    }
    out[0] = softplus(raw + s.densityShift) * s.densityScale * stretch;
    out[1] = sigmoid(SH_C0 * r); out[2] = sigmoid(SH_C0 * gg); out[3] = sigmoid(SH_C0 * bb);
  };
}

/**
 * `resolution` is the voxel count along the longest side of the baked box; other sides scale
 * with it. The baked box is options.crop when given (see the header comment).
 */
export function bakeGrid(s: FittedScene, resolution: number, options: BakeOptions = {}): BakedGrid {
  if (!Number.isInteger(resolution) || resolution < 2 || resolution > 1024) {
    throw new Error(`bakeGrid: resolution has bad value ${resolution} (expected an integer in 2..1024)`);
  }
  const box = options.crop ?? defaultBakeBox(s);
  if (!box || box.min.some((v, i) => !Number.isFinite(v) || !Number.isFinite(box.max[i]) || !(box.max[i] > v))) {
    throw new Error(`bakeGrid: options.crop has bad value ${JSON.stringify(box)} (expected min < max, finite, on every axis)`);
  }
  const ext = [0, 1, 2].map((i) => box.max[i] - box.min[i]);
  const longest = Math.max(...ext);
  const res = ext.map((e) => Math.max(1, Math.round((resolution * e) / longest))) as [number, number, number];
  const n = res[0] * res[1] * res[2];
  const density = new Float32Array(n), rgb = new Float32Array(3 * n);
  const sample = makeWorldSampler(s), out = new Float64Array(4);
  let v = 0;
  for (let z = 0; z < res[2]; z++) {
    const wz = box.min[2] + ((z + 0.5) * ext[2]) / res[2];
    for (let y = 0; y < res[1]; y++) {
      const wy = box.min[1] + ((y + 0.5) * ext[1]) / res[1];
      for (let x = 0; x < res[0]; x++, v++) {
        sample(box.min[0] + ((x + 0.5) * ext[0]) / res[0], wy, wz, out);
        density[v] = out[0];
        rgb[3 * v] = out[1]; rgb[3 * v + 1] = out[2]; rgb[3 * v + 2] = out[3];
      }
    }
  }
  return { resolution: res, aabb: { min: [...box.min], max: [...box.max] }, density, rgb };
}
