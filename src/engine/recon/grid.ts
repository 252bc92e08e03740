// Dense voxel grid storage (DVGO / Plenoxels style): density and SH colour on grid vertices.
//
// Symbols (DVGO, Sun et al. 2022, Eq. 2-3 and 9; Plenoxels, Fridovich-Keil et al. 2022):
//   raw      V^(density)   interpolated *before* the activation ("post-activation")
//   shift    b = log(1 / (1 - alphaInit)^(1/s) - 1), so empty space starts at alphaInit
//   sigma    softplus(raw + shift) * densityScale   (densityScale = 1 / base voxel size)
//   color    sigmoid(sum_k Y_k(d) * c_k) with real SH basis Y_k up to degree 2
import type { Aabb } from './types';

export interface VoxelGrid {
  nx: number;
  ny: number;
  nz: number;
  aabb: Aabb;
  /** Vertex spacing per axis (world units) and its inverse. */
  cell: [number, number, number];
  inv: [number, number, number];
  /** Coefficients per channel: 1, 4 or 9. */
  k: number;
  density: Float32Array;
  /** [vertex][channel][k]. */
  color: Float32Array;
}

export function shCoefCount(degree: number): number {
  return (degree + 1) * (degree + 1);
}

/** Per-axis vertex counts giving about `voxels` cells, proportional to the box extents. */
export function gridDims(aabb: Aabb, voxels: number): [number, number, number] {
  const e = [0, 1, 2].map((i) => aabb.max[i] - aabb.min[i]);
  const s = Math.cbrt(voxels / (e[0] * e[1] * e[2]));
  return [0, 1, 2].map((i) => Math.max(2, Math.round(e[i] * s) + 1)) as [number, number, number];
}

/** Allocates a zeroed Float32Array of n values (shared memory when a KernelPool's threads read it). */
export type FloatAlloc = (n: number) => Float32Array;
const plainFloats: FloatAlloc = (n) => new Float32Array(n);

export function makeGrid(aabb: Aabb, dims: [number, number, number], k: number, alloc: FloatAlloc = plainFloats): VoxelGrid {
  const [nx, ny, nz] = dims;
  const n = nx * ny * nz;
  const cell: [number, number, number] = [0, 0, 0];
  const inv: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    cell[i] = (aabb.max[i] - aabb.min[i]) / (dims[i] - 1);
    inv[i] = 1 / cell[i];
  }
  return {
    nx, ny, nz, k, cell, inv,
    aabb: { min: [...aabb.min], max: [...aabb.max] },
    density: alloc(n),
    color: alloc(n * 3 * k),
  };
}

export function densityShift(alphaInit: number, stepRatio: number): number {
  return Math.log(1 / Math.pow(1 - alphaInit, 1 / stepRatio) - 1);
}

export function softplus(x: number): number {
  return x > 20 ? x : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

const C0 = 0.28209479177387814;
const C1 = 0.4886025119029199;
const C2 = [1.0925484305920792, -1.0925484305920792, 0.31539156525252005, -1.0925484305920792, 0.5462742152960396];

/** Real SH basis values Y_k(d) for unit direction d, written to out[0..k). */
export function shBasis(k: number, x: number, y: number, z: number, out: Float64Array): void {
  out[0] = C0;
  if (k === 1) return;
  out[1] = -C1 * y;
  out[2] = C1 * z;
  out[3] = -C1 * x;
  if (k === 4) return;
  out[4] = C2[0] * x * y;
  out[5] = C2[1] * y * z;
  out[6] = C2[2] * (2 * z * z - x * x - y * y);
  out[7] = C2[3] * x * z;
  out[8] = C2[4] * (x * x - y * y);
}

/** The SH DC coefficient that makes the view-independent colour equal `rgb` after sigmoid. */
export function dcForColor(rgb: number): number {
  const c = Math.min(Math.max(rgb, 1e-4), 1 - 1e-4);
  return Math.log(c / (1 - c)) / C0;
}
export const SH_C0 = C0;

/**
 * Trilinear resampling of `src` onto a new grid over `aabb` with `dims` vertices (used for
 * coarse-to-fine upsampling and box tightening). Points outside `src` clamp to its border.
 */
export function resampleGrid(src: VoxelGrid, aabb: Aabb, dims: [number, number, number], alloc?: FloatAlloc): VoxelGrid {
  const dst = makeGrid(aabb, dims, src.k, alloc);
  const ch = 3 * src.k;
  const { nx, ny, nz } = src;
  let v = 0;
  for (let z = 0; z < dst.nz; z++) {
    const fz = clampCoord((aabb.min[2] + z * dst.cell[2] - src.aabb.min[2]) * src.inv[2], nz);
    for (let y = 0; y < dst.ny; y++) {
      const fy = clampCoord((aabb.min[1] + y * dst.cell[1] - src.aabb.min[1]) * src.inv[1], ny);
      for (let x = 0; x < dst.nx; x++, v++) {
        const fx = clampCoord((aabb.min[0] + x * dst.cell[0] - src.aabb.min[0]) * src.inv[0], nx);
        const ix = Math.min(Math.floor(fx), nx - 2), iy = Math.min(Math.floor(fy), ny - 2);
        const iz = Math.min(Math.floor(fz), nz - 2);
        const tx = fx - ix, ty = fy - iy, tz = fz - iz;
        const b = ix + nx * (iy + ny * iz);
        let d = 0;
        for (let c = 0; c < 8; c++) {
          const w = (c & 1 ? tx : 1 - tx) * (c & 2 ? ty : 1 - ty) * (c & 4 ? tz : 1 - tz);
          const idx = b + (c & 1) + (c & 2 ? nx : 0) + (c & 4 ? nx * ny : 0);
          d += w * src.density[idx];
          const so = idx * ch, dO = v * ch;
          for (let j = 0; j < ch; j++) dst.color[dO + j] += w * src.color[so + j];
        }
        dst.density[v] = d;
      }
    }
  }
  return dst;
}

function clampCoord(f: number, n: number): number {
  return f < 0 ? 0 : f > n - 1 ? n - 1 : f;
}

/** Ray-box slab intersection; writes [tNear, tFar] to out (tFar < tNear when the ray misses). */
export function rayBox(
  aabb: Aabb, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, out: Float64Array,
): void {
  out[0] = -Infinity;
  out[1] = Infinity;
  slab(aabb.min[0], aabb.max[0], ox, dx, out);
  slab(aabb.min[1], aabb.max[1], oy, dy, out);
  slab(aabb.min[2], aabb.max[2], oz, dz, out);
}

function slab(lo: number, hi: number, o: number, d: number, out: Float64Array): void {
  if (d === 0) {
    if (o < lo || o > hi) { out[0] = Infinity; out[1] = -Infinity; }
    return;
  }
  const inv = 1 / d;
  let a = (lo - o) * inv, b = (hi - o) * inv;
  if (a > b) { const t = a; a = b; b = t; }
  if (a > out[0]) out[0] = a;
  if (b < out[1]) out[1] = b;
}
