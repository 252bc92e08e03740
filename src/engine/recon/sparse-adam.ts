// Sparse ("lazy") Adam over the vertices touched by the current batch, with a total-variation
// term added on the fly (Plenoxels Eq. 6 uses TV on a voxel subset; we use the squared
// neighbour differences, whose gradient at vertex v is 2 * sum_{u in N(v)} (x_v - x_u)).
// Untouched vertices keep their parameters and moments (like torch.optim.SparseAdam);
// bias correction uses the stage's global step (Kingma & Ba 2015, Alg. 1).
//
// Two phases so that disjoint ranges of the touched list can run on different threads with a
// result independent of the split (the 'recon.adam-*' kernels in kernels.ts):
//   gather: g0[v] = sum_c g_c[v] (chunk order) + TV gradient from the *old* values (Jacobi);
//   apply:  the Adam update of v from g0[v]; clears what it consumed.
// Both read and write only vertex v's own entries (gather reads neighbours' values, which no
// one writes during gather).
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

/** Zeroed moments for `grid`; `alloc` gives the memory (shared for a threaded pool). */
export function makeMoments(grid: VoxelGrid, alloc: (n: number) => Float32Array = (n) => new Float32Array(n)): AdamMoments {
  const n = grid.nx * grid.ny * grid.nz, c = n * 3 * grid.k;
  return { mD: alloc(n), vD: alloc(n), mC: alloc(c), vC: alloc(c), t: 0 };
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
export function mergeTouched(gs: GradBuffers[]): void {
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

/** Gather phase over gs[0].list[from..to): chunk sums plus TV into gs[0]; clears gs[1..]. */
export function gatherRange(grid: VoxelGrid, gs: GradBuffers[], p: AdamParams, from: number, to: number): void {
  const { nx, ny, nz, density: D, color: C } = grid;
  const nxy = nx * ny, ch = 3 * grid.k;
  const tvD = 2 * p.tvDensity, tvC = 2 * p.tvColor;
  const g = gs[0], extra = gs.slice(1);
  for (let i = from; i < to; i++) {
    const v = g.list[i];
    let gv = g.density[v];
    for (const e of extra) { gv += e.density[v]; e.density[v] = 0; e.touched[v] = 0; }
    const x = v % nx, y = Math.floor(v / nx) % ny, z = Math.floor(v / nxy);
    const hasXm = x > 0, hasXp = x + 1 < nx, hasYm = y > 0, hasYp = y + 1 < ny, hasZm = z > 0, hasZp = z + 1 < nz;
    if (tvD > 0) {
      const d = D[v];
      let lap = 0;
      if (hasXm) lap += d - D[v - 1];
      if (hasXp) lap += d - D[v + 1];
      if (hasYm) lap += d - D[v - nx];
      if (hasYp) lap += d - D[v + nx];
      if (hasZm) lap += d - D[v - nxy];
      if (hasZp) lap += d - D[v + nxy];
      gv += tvD * lap;
    }
    g.density[v] = gv;
    const o = v * ch;
    for (let q = 0; q < ch; q++) {
      const j = o + q;
      let gj = g.color[j];
      for (const e of extra) { gj += e.color[j]; e.color[j] = 0; }
      if (tvC > 0) {
        const c = C[j];
        let l = 0;
        if (hasXm) l += c - C[j - ch];
        if (hasXp) l += c - C[j + ch];
        if (hasYm) l += c - C[j - nx * ch];
        if (hasYp) l += c - C[j + nx * ch];
        if (hasZm) l += c - C[j - nxy * ch];
        if (hasZp) l += c - C[j + nxy * ch];
        gj += tvC * l;
      }
      g.color[j] = gj;
    }
  }
}

/** Apply phase over g.list[from..to) at Adam step `t` (already counted); clears g's entries. */
export function applyRange(grid: VoxelGrid, g: GradBuffers, m: AdamMoments, p: AdamParams, t: number, from: number, to: number): void {
  const bc1 = 1 - Math.pow(B1, t), bc2 = 1 - Math.pow(B2, t);
  const aD = p.lrDensity / bc1, aC = p.lrColor / bc1, s2 = 1 / Math.sqrt(bc2);
  const { density: D, color: C } = grid;
  const ch = 3 * grid.k;
  const { mD, vD, mC, vC } = m;
  for (let i = from; i < to; i++) {
    const v = g.list[i];
    const gd = g.density[v];
    const md = B1 * mD[v] + (1 - B1) * gd, vd = B2 * vD[v] + (1 - B2) * gd * gd;
    mD[v] = md; vD[v] = vd;
    D[v] -= (aD * md) / (Math.sqrt(vd) * s2 + EPS);
    g.density[v] = 0;
    g.touched[v] = 0;
    const o = v * ch;
    for (let q = 0; q < ch; q++) {
      const j = o + q, gc = g.color[j];
      const mc = B1 * mC[j] + (1 - B1) * gc, vc = B2 * vC[j] + (1 - B2) * gc * gc;
      mC[j] = mc; vC[j] = vc;
      C[j] -= (aC * mc) / (Math.sqrt(vc) * s2 + EPS);
      g.color[j] = 0;
    }
  }
}

/**
 * One update of all touched vertices on this thread; clears the gradient buffers it consumed.
 * `grads` is one buffer set, or one per chunk of the batch (summed in chunk order).
 */
export function sparseAdamStep(grid: VoxelGrid, grads: GradBuffers | GradBuffers[], m: AdamMoments, p: AdamParams): void {
  const gs = Array.isArray(grads) ? grads : [grads];
  mergeTouched(gs);
  const n = gs[0].count;
  gatherRange(grid, gs, p, 0, n);
  m.t++;
  applyRange(grid, gs[0], m, p, m.t, 0, n);
  gs[0].count = 0;
}
