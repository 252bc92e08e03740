// Reading a BakedGrid: validation, the scalar field to contour, trilinear colour lookup.
//
// Symbols (NeRF quadrature, Mildenhall et al. 2020 Eq. 3): sigma = density, delta = voxel
// size, alpha = 1 - exp(-sigma * delta) = opacity of one voxel of the medium.
import type { BakedGrid } from '../grid/types';
import type { ScalarVolume } from './marching-cubes';
import type { MeshField } from './types';

const FILE = 'src/engine/mesh/grid-sampling.ts';

export function validateGrid(grid: BakedGrid): void {
  const r = grid.resolution;
  if (!Array.isArray(r) || r.length !== 3 || !r.every((n) => Number.isInteger(n) && n >= 2)) {
    throw new Error(`${FILE}: grid.resolution must be three integers >= 2, got ${JSON.stringify(r)}`);
  }
  const count = r[0] * r[1] * r[2];
  if (!(grid.density instanceof Float32Array) || grid.density.length !== count) {
    throw new Error(`${FILE}: grid.density must be a Float32Array of length ${count}, got length ${grid.density?.length}`);
  }
  if (!(grid.rgb instanceof Float32Array) || grid.rgb.length !== 3 * count) {
    throw new Error(`${FILE}: grid.rgb must be a Float32Array of length ${3 * count}, got length ${grid.rgb?.length}`);
  }
  const { min, max } = grid.aabb ?? {};
  for (let a = 0; a < 3; a++) {
    if (!Number.isFinite(min?.[a]) || !Number.isFinite(max?.[a]) || !(max[a] > min[a])) {
      throw new Error(`${FILE}: grid.aabb axis ${a} must be finite with max > min, got min ${min?.[a]} max ${max?.[a]}`);
    }
  }
}

export function voxelSize(grid: BakedGrid): [number, number, number] {
  const { min, max } = grid.aabb;
  return [0, 1, 2].map((a) => (max[a] - min[a]) / grid.resolution[a]) as [number, number, number];
}

/** The delta used for opacity: the geometric mean voxel edge (exact for cubic voxels). */
export function opacityStep(grid: BakedGrid): number {
  const [a, b, c] = voxelSize(grid);
  return Math.cbrt(a * b * c);
}

export function defaultIsoLevel(grid: BakedGrid, field: MeshField): number {
  return field === 'opacity' ? 0.5 : Math.LN2 / opacityStep(grid);
}

/**
 * The field to contour on voxel centres. With closeBoundary the volume is padded by one
 * sample of "empty" on every side so surfaces that touch the grid box come out closed.
 */
export function scalarVolume(grid: BakedGrid, field: MeshField, iso: number, closeBoundary: boolean): ScalarVolume {
  const [nx, ny, nz] = grid.resolution;
  const h = voxelSize(grid);
  const delta = opacityStep(grid);
  const pad = closeBoundary ? 1 : 0;
  const dims: [number, number, number] = [nx + 2 * pad, ny + 2 * pad, nz + 2 * pad];
  const empty = iso > 0 ? 0 : iso - 1;
  const values = new Float32Array(dims[0] * dims[1] * dims[2]);
  if (pad) values.fill(empty);
  const src = grid.density;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const srcRow = nx * (y + ny * z);
      const dstRow = pad + dims[0] * (y + pad + dims[1] * (z + pad));
      for (let x = 0; x < nx; x++) {
        const sigma = src[srcRow + x];
        const s = Number.isFinite(sigma) ? sigma : sigma === Infinity ? 1e30 : 0;
        values[dstRow + x] = field === 'opacity' ? 1 - Math.exp(-Math.max(0, s) * delta) : s;
      }
    }
  }
  const origin = [0, 1, 2].map((a) => grid.aabb.min[a] + (0.5 - pad) * h[a]) as [number, number, number];
  return { dims, values, origin, spacing: h };
}

/**
 * Trilinear colour at world point p into out[o..o+2]. With weighting 'opacity' each corner
 * weight is multiplied by the corner's alpha (renormalised), so empty voxels do not tint
 * the surface; if all corners are empty it falls back to plain trilinear.
 */
export function sampleColor(
  grid: BakedGrid, px: number, py: number, pz: number, weighting: 'opacity' | 'plain',
  out: Float32Array, o: number, delta = opacityStep(grid),
): void {
  const [nx, ny, nz] = grid.resolution;
  const { min, max } = grid.aabb;
  const cell = (p: number, a: number, n: number): [number, number] => {
    const u = ((p - min[a]) / (max[a] - min[a])) * n - 0.5;
    const i = Math.min(Math.max(Math.floor(u), 0), n - 2);
    return [i, Math.min(Math.max(u - i, 0), 1)];
  };
  const [i, fx] = cell(px, 0, nx);
  const [j, fy] = cell(py, 1, ny);
  const [k, fz] = cell(pz, 2, nz);
  let r = 0, g = 0, b = 0, wsum = 0;
  let pr = 0, pg = 0, pb = 0;
  for (let c = 0; c < 8; c++) {
    const dx = c & 1, dy = (c >> 1) & 1, dz = (c >> 2) & 1;
    const w = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz);
    const s = i + dx + nx * (j + dy + ny * (k + dz));
    const cr = grid.rgb[3 * s], cg = grid.rgb[3 * s + 1], cb = grid.rgb[3 * s + 2];
    pr += w * cr; pg += w * cg; pb += w * cb;
    if (weighting === 'opacity') {
      const sigma = grid.density[s];
      const alpha = sigma > 0 ? 1 - Math.exp(-sigma * delta) : 0;
      const wa = w * alpha;
      r += wa * cr; g += wa * cg; b += wa * cb; wsum += wa;
    }
  }
  if (weighting === 'opacity' && wsum > 1e-8) {
    pr = r / wsum; pg = g / wsum; pb = b / wsum;
  }
  out[o] = clamp01(pr);
  out[o + 1] = clamp01(pg);
  out[o + 2] = clamp01(pb);
}

const clamp01 = (v: number): number => (v > 0 ? (v < 1 ? v : 1) : 0);
