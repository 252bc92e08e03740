// Bake a fitted scene to a BakedGrid for meshing/export: density sigma (per world unit) and
// the view-independent (SH degree-0) colour, sampled at voxel centres.
import type { BakedGrid } from '../grid/types';
import { SH_C0, sigmoid, softplus } from './grid';
import { sceneGrid } from './render-view';
import type { FittedScene } from './types';

/** `resolution` is the voxel count along the longest box side; other sides scale with the box. */
export function bakeGrid(s: FittedScene, resolution: number): BakedGrid {
  if (!Number.isInteger(resolution) || resolution < 2 || resolution > 1024) {
    throw new Error(`bakeGrid: resolution has bad value ${resolution} (expected an integer in 2..1024)`);
  }
  const g = sceneGrid(s);
  const ext = [0, 1, 2].map((i) => s.aabb.max[i] - s.aabb.min[i]);
  const longest = Math.max(...ext);
  const res = ext.map((e) => Math.max(1, Math.round((resolution * e) / longest))) as [number, number, number];
  const n = res[0] * res[1] * res[2];
  const density = new Float32Array(n), rgb = new Float32Array(3 * n);
  const ch = 3 * g.k;
  let v = 0;
  for (let z = 0; z < res[2]; z++) {
    const fz = Math.min(g.nz - 1, ((z + 0.5) * ext[2]) / res[2] * g.inv[2]);
    for (let y = 0; y < res[1]; y++) {
      const fy = Math.min(g.ny - 1, ((y + 0.5) * ext[1]) / res[1] * g.inv[1]);
      for (let x = 0; x < res[0]; x++, v++) {
        const fx = Math.min(g.nx - 1, ((x + 0.5) * ext[0]) / res[0] * g.inv[0]);
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
        density[v] = softplus(raw + s.densityShift) * s.densityScale;
        rgb[3 * v] = sigmoid(SH_C0 * r); rgb[3 * v + 1] = sigmoid(SH_C0 * gg); rgb[3 * v + 2] = sigmoid(SH_C0 * bb);
      }
    }
  }
  return { resolution: res, aabb: { min: [...s.aabb.min], max: [...s.aabb.max] }, density, rgb };
}
