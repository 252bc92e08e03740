// Sparse ("lazy") Adam over the vertices touched by the current batch, with a total-variation
// term added on the fly (Plenoxels Eq. 6 uses TV on a voxel subset; we use the squared
// neighbour differences, whose gradient at vertex v is 2 * sum_{u in N(v)} (x_v - x_u)).
// Untouched vertices keep their parameters and moments (like torch.optim.SparseAdam);
// bias correction uses the stage's global step (Kingma & Ba 2015, Alg. 1).
import type { GradBuffers } from './marcher';
import type { VoxelGrid } from './grid';

export interface AdamMoments {
  mD: Float32Array;
  vD: Float32Array;
  mC: Float32Array;
  vC: Float32Array;
  /** Adam steps taken since the moments were (re)created. */
  t: number;
}

export function makeMoments(grid: VoxelGrid): AdamMoments {
  const n = grid.nx * grid.ny * grid.nz, c = n * 3 * grid.k;
  return { mD: new Float32Array(n), vD: new Float32Array(n), mC: new Float32Array(c), vC: new Float32Array(c), t: 0 };
}

export interface AdamParams {
  lrDensity: number;
  lrColor: number;
  tvDensity: number;
  tvColor: number;
}

const B1 = 0.9, B2 = 0.99, EPS = 1e-8;

/**
 * Fold the touched lists of chunk buffers 1.. into chunk 0's (fixed chunk order, so the
 * vertex order of the update depends only on the batch and the chunk count).
 */
function mergeTouched(gs: GradBuffers[]): void {
  const g0 = gs[0];
  for (let c = 1; c < gs.length; c++) {
    const { list, count } = gs[c];
    for (let i = 0; i < count; i++) {
      const v = list[i];
      if (g0.touched[v] === 0) { g0.touched[v] = 1; g0.list[g0.count++] = v; }
    }
    gs[c].count = 0;
  }
}

/**
 * One update of all touched vertices; clears the gradient buffers it consumed. `grads` is one
 * buffer set, or one per chunk of the batch (summed in chunk order).
 */
export function sparseAdamStep(grid: VoxelGrid, grads: GradBuffers | GradBuffers[], m: AdamMoments, p: AdamParams): void {
  const gs = Array.isArray(grads) ? grads : [grads];
  if (gs.length > 1) mergeTouched(gs);
  const g = gs[0], extra = gs.slice(1);
  m.t++;
  const bc1 = 1 - Math.pow(B1, m.t), bc2 = 1 - Math.pow(B2, m.t);
  const aD = p.lrDensity / bc1, aC = p.lrColor / bc1, s2 = 1 / Math.sqrt(bc2);
  const { nx, ny, nz, density: D, color: C } = grid;
  const nxy = nx * ny, ch = 3 * grid.k;
  const tvD = 2 * p.tvDensity, tvC = 2 * p.tvColor;
  for (let i = 0; i < g.count; i++) {
    const v = g.list[i];
    const x = v % nx, y = Math.floor(v / nx) % ny, z = Math.floor(v / nxy);
    const hasXm = x > 0, hasXp = x + 1 < nx, hasYm = y > 0, hasYp = y + 1 < ny, hasZm = z > 0, hasZp = z + 1 < nz;
    // Density.
    const d = D[v];
    let lap = 0;
    if (hasXm) lap += d - D[v - 1];
    if (hasXp) lap += d - D[v + 1];
    if (hasYm) lap += d - D[v - nx];
    if (hasYp) lap += d - D[v + nx];
    if (hasZm) lap += d - D[v - nxy];
    if (hasZp) lap += d - D[v + nxy];
    let gv = g.density[v];
    for (const e of extra) { gv += e.density[v]; e.density[v] = 0; e.touched[v] = 0; }
    const gd = gv + tvD * lap;
    const md = B1 * m.mD[v] + (1 - B1) * gd, vd = B2 * m.vD[v] + (1 - B2) * gd * gd;
    m.mD[v] = md; m.vD[v] = vd;
    D[v] = d - (aD * md) / (Math.sqrt(vd) * s2 + EPS);
    g.density[v] = 0;
    g.touched[v] = 0;
    // Colour coefficients.
    const o = v * ch;
    for (let q = 0; q < ch; q++) {
      const j = o + q, c = C[j];
      let l = 0;
      if (tvC > 0) {
        if (hasXm) l += c - C[j - ch];
        if (hasXp) l += c - C[j + ch];
        if (hasYm) l += c - C[j - nx * ch];
        if (hasYp) l += c - C[j + nx * ch];
        if (hasZm) l += c - C[j - nxy * ch];
        if (hasZp) l += c - C[j + nxy * ch];
      }
      let gj = g.color[j];
      for (const e of extra) { gj += e.color[j]; e.color[j] = 0; }
      const gc = gj + tvC * l;
      const mc = B1 * m.mC[j] + (1 - B1) * gc, vc = B2 * m.vC[j] + (1 - B2) * gc * gc;
      m.mC[j] = mc; m.vC[j] = vc;
      C[j] = c - (aC * mc) / (Math.sqrt(vc) * s2 + EPS);
      g.color[j] = 0;
    }
  }
  g.count = 0;
}
