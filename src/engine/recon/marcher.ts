// Ray marching through the voxel grid: forward compositing and its analytic backward pass.
//
// Symbols (NeRF / DVGO Eq. 1): along a ray, samples i at t_i with step dt,
//   alpha_i = 1 - exp(-sigma_i dt),  T_i = prod_{j<i} (1 - alpha_j),  w_i = T_i alpha_i,
//   C = sum_i w_i c_i + T_N * background.
// Backward (derived by hand, checked against finite differences in marcher.test.ts):
//   dC/dc_i     = w_i
//   dC/dsigma_i = dt * (T_{i+1} c_i - (C - A_i)),  A_i = sum_{j<=i} w_j c_j
//   dT_N/dsigma_i = -dt T_N  (for the opacity-entropy prior)
// so one forward sweep that stores per-sample values and one backward sweep suffice.
// Samples are skipped when their cell is marked empty in `occ` (empty-space skipping), when
// w_i < weightThreshold, and marching stops once T < 1e-4 (early termination); skipped samples
// count as alpha = 0 in both passes, so the gradient is exact for the model actually rendered.
// Mapped spaces (space.ts: contracted unbounded scenes, NDC forward-facing scenes) place samples
// by a geometry-only rule and give each its own interval dt_i (the grid-space chord to the next
// sample); the formulas above hold with dt replaced by dt_i, which backward() reads per sample.
import { rayBox, shBasis, softplus, type VoxelGrid } from './grid';
import { isMapped, marchStart, pastEnd, stretchAt, toGrid } from './space';

export interface GradBuffers {
  density: Float32Array;
  color: Float32Array;
  touched: Uint8Array;
  list: Int32Array;
  count: number;
}

export function makeGradBuffers(grid: VoxelGrid): GradBuffers {
  const n = grid.nx * grid.ny * grid.nz;
  return {
    density: new Float32Array(n), color: new Float32Array(n * 3 * grid.k),
    touched: new Uint8Array(n), list: new Int32Array(n), count: 0,
  };
}

export interface MarchParams {
  shift: number;
  scale: number;
  /** World-space step. */
  dt: number;
  near: number;
  far: number;
  weightThreshold: number;
  /**
   * Weight lambda of the opacity-entropy prior lambda * H(1 - T_N) per ray (DVGO's
   * "entropy last" term): pushes each ray to be fully opaque or fully clear, which removes
   * background-coloured fog. dH/dsigma_i = dt T_N log(T_N / (1 - T_N)).
   */
  entropyWeight: number;
  background: [number, number, number];
  /** Cap on samples per ray in mapped spaces (MARCH_MAX_SAMPLES when absent). */
  maxSamples?: number;
}

const T_STOP = 1e-4;
export const MARCH_MAX_SAMPLES = 1024;
const VALS = 7; // per stored sample: T_i, alpha_i, dsigma/draw, r, g, b, dt_i

export class Marcher {
  private cap = 0;
  private sBase = new Int32Array(0);
  private sFrac = new Float64Array(0); // tx, ty, tz
  private sVal = new Float64Array(0); // VALS per sample
  private readonly sh = new Float64Array(9);
  private readonly box = new Float64Array(2);
  private readonly cw = new Float64Array(8);
  private readonly co = new Int32Array(8);
  private u = new Float64Array(3);
  private un = new Float64Array(3);
  count = 0;
  r = 0; g = 0; b = 0; opacity = 0; depth = 0;

  private ensure(n: number): void {
    if (n <= this.cap) return;
    this.cap = n;
    this.sBase = new Int32Array(n);
    this.sFrac = new Float64Array(3 * n);
    this.sVal = new Float64Array(VALS * n);
  }

  /** Composite one ray; with `store` keep what backward() needs. Jitter in [0, 1). */
  forward(
    grid: VoxelGrid, occ: Uint8Array | null, p: MarchParams,
    ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, jitter: number, store: boolean,
  ): void {
    if (isMapped(grid.space)) { this.forwardMapped(grid, occ, p, ox, oy, oz, dx, dy, dz, jitter, store); return; }
    const box = this.box;
    rayBox(grid.aabb, ox, oy, oz, dx, dy, dz, box);
    const t0 = Math.max(box[0], p.near), t1 = Math.min(box[1], p.far);
    const bg = p.background;
    this.count = 0;
    if (!(t1 > t0)) {
      this.r = bg[0]; this.g = bg[1]; this.b = bg[2]; this.opacity = 0; this.depth = 0;
      return;
    }
    const { nx, ny, nz, k, density: D, color: Cg } = grid;
    const nxy = nx * ny, ch = 3 * k, dt = p.dt;
    const steps = Math.floor((t1 - t0) / dt - jitter) + 1;
    if (store) this.ensure(steps);
    const [mx, my, mz] = grid.aabb.min, [ix_, iy_, iz_] = grid.inv;
    const fx0 = (ox + t0 * dx - mx) * ix_, fy0 = (oy + t0 * dy - my) * iy_, fz0 = (oz + t0 * dz - mz) * iz_;
    const sfx = dt * dx * ix_, sfy = dt * dy * iy_, sfz = dt * dz * iz_;
    const sh = this.sh, cw = this.cw, co = this.co;
    shBasis(k, dx, dy, dz, sh);
    co[0] = 0; co[1] = 1; co[2] = nx; co[3] = nx + 1; co[4] = nxy; co[5] = nxy + 1; co[6] = nxy + nx; co[7] = nxy + nx + 1;
    let T = 1, r = 0, g = 0, b = 0, depth = 0, n = 0;
    const X = nx - 1, Y = ny - 1, Z = nz - 1;
    for (let j = 0; j < steps; j++) {
      const s = j + jitter;
      let fx = fx0 + s * sfx, fy = fy0 + s * sfy, fz = fz0 + s * sfz;
      fx = fx < 0 ? 0 : fx > X ? X : fx;
      fy = fy < 0 ? 0 : fy > Y ? Y : fy;
      fz = fz < 0 ? 0 : fz > Z ? Z : fz;
      let ix = Math.floor(fx), iy = Math.floor(fy), iz = Math.floor(fz);
      if (ix === X) ix--;
      if (iy === Y) iy--;
      if (iz === Z) iz--;
      const base = ix + nx * (iy + ny * iz);
      if (occ !== null && occ[base] === 0) continue;
      const tx = fx - ix, ty = fy - iy, tz = fz - iz, ux = 1 - tx, uy = 1 - ty, uz = 1 - tz;
      cw[0] = ux * uy * uz; cw[1] = tx * uy * uz; cw[2] = ux * ty * uz; cw[3] = tx * ty * uz;
      cw[4] = ux * uy * tz; cw[5] = tx * uy * tz; cw[6] = ux * ty * tz; cw[7] = tx * ty * tz;
      let raw = p.shift;
      for (let c = 0; c < 8; c++) raw += cw[c] * D[base + co[c]];
      const sigma = softplus(raw) * p.scale;
      const e = Math.exp(-sigma * dt);
      const alpha = 1 - e;
      const w = T * alpha;
      if (w < p.weightThreshold) continue;
      let pr = 0, pg = 0, pb = 0;
      for (let c = 0; c < 8; c++) {
        const o = (base + co[c]) * ch, wc = cw[c];
        let ar = 0, ag = 0, ab = 0;
        for (let q = 0; q < k; q++) {
          const y = sh[q];
          ar += y * Cg[o + q]; ag += y * Cg[o + k + q]; ab += y * Cg[o + 2 * k + q];
        }
        pr += wc * ar; pg += wc * ag; pb += wc * ab;
      }
      const cr = 1 / (1 + Math.exp(-pr)), cg = 1 / (1 + Math.exp(-pg)), cb = 1 / (1 + Math.exp(-pb));
      r += w * cr; g += w * cg; b += w * cb;
      depth += w * (t0 + s * dt);
      if (store) {
        this.sBase[n] = base;
        const f = 3 * n, v = VALS * n;
        this.sFrac[f] = tx; this.sFrac[f + 1] = ty; this.sFrac[f + 2] = tz;
        this.sVal[v] = T; this.sVal[v + 1] = alpha; this.sVal[v + 2] = (1 / (1 + Math.exp(-raw))) * p.scale;
        this.sVal[v + 3] = cr; this.sVal[v + 4] = cg; this.sVal[v + 5] = cb; this.sVal[v + 6] = dt;
      }
      n++;
      T *= e;
      if (T < T_STOP) break;
    }
    this.count = store ? n : 0;
    this.r = r + T * bg[0]; this.g = g + T * bg[1]; this.b = b + T * bg[2];
    this.opacity = 1 - T;
    this.depth = depth;
  }

  /**
   * forward() for mapped spaces. Sample j sits at world t_j (t_0 = start + jitter * step_0,
   * t_{j+1} = t_j + dc / stretch(t_j), dc = p.dt in grid units) and its interval is the grid-space
   * chord dt_j = |u(t_{j+1}) - u(t_j)|. Samples outside the grid box count as empty; the ray
   * ends past the space's end (space.ts), beyond p.far, or after maxSamples samples.
   */
  private forwardMapped(
    grid: VoxelGrid, occ: Uint8Array | null, p: MarchParams,
    ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, jitter: number, store: boolean,
  ): void {
    const space = grid.space!;
    const cap = p.maxSamples ?? MARCH_MAX_SAMPLES;
    if (store) this.ensure(cap);
    const { nx, ny, nz, k, density: D, color: Cg } = grid;
    const nxy = nx * ny, ch = 3 * k, dc = p.dt;
    const [mx, my, mz] = grid.aabb.min, [ix_, iy_, iz_] = grid.inv;
    const sh = this.sh, cw = this.cw, co = this.co;
    shBasis(k, dx, dy, dz, sh);
    co[0] = 0; co[1] = 1; co[2] = nx; co[3] = nx + 1; co[4] = nxy; co[5] = nxy + 1; co[6] = nxy + nx; co[7] = nxy + nx + 1;
    const X = nx - 1, Y = ny - 1, Z = nz - 1;
    let u = this.u, un = this.un;
    let t = marchStart(space, ox, oy, oz, dx, dy, dz, p.near);
    let T = 1, r = 0, g = 0, b = 0, depth = 0, n = 0;
    if (t < Infinity) t += (jitter * dc) / stretchAt(space, ox + t * dx, oy + t * dy, oz + t * dz, dx, dy, dz);
    let stop = t < Infinity ? toGrid(space, ox + t * dx, oy + t * dy, oz + t * dz, u) : Infinity;
    const straight = space.kind === 'ndc', contract = space.kind === 'contract';
    const invR = space.kind === 'contract' ? 1 / space.radius : 0;
    let entered = false;
    for (let j = 0; j < cap && t <= p.far && !pastEnd(space, stop, u); j++) {
      // Contracted: the stretch follows from ||y||∞ = stop (space.ts stretchAt), no second map.
      const st = contract ? (stop <= 1 ? invR : invR / (stop * stop)) : stretchAt(space, ox + t * dx, oy + t * dy, oz + t * dz, dx, dy, dz);
      const tn = t + dc / st;
      const stopN = toGrid(space, ox + tn * dx, oy + tn * dy, oz + tn * dz, un);
      const ex = un[0] - u[0], ey = un[1] - u[1], ez = un[2] - u[2];
      const dt = Math.sqrt(ex * ex + ey * ey + ez * ez);
      const fx = (u[0] - mx) * ix_, fy = (u[1] - my) * iy_, fz = (u[2] - mz) * iz_;
      const tCur = t;
      { const sw = u; u = un; un = sw; }
      t = tn; stop = stopN;
      if (!(fx >= 0 && fx <= X && fy >= 0 && fy <= Y && fz >= 0 && fz <= Z)) {
        if (straight && entered) break; // a straight line leaves a convex box once
        continue;
      }
      entered = true;
      if (!(dt > 0)) continue;
      let ix = Math.floor(fx), iy = Math.floor(fy), iz = Math.floor(fz);
      if (ix === X) ix--;
      if (iy === Y) iy--;
      if (iz === Z) iz--;
      const base = ix + nx * (iy + ny * iz);
      if (occ !== null && occ[base] === 0) continue;
      const tx = fx - ix, ty = fy - iy, tz = fz - iz, ux = 1 - tx, uy = 1 - ty, uz = 1 - tz;
      cw[0] = ux * uy * uz; cw[1] = tx * uy * uz; cw[2] = ux * ty * uz; cw[3] = tx * ty * uz;
      cw[4] = ux * uy * tz; cw[5] = tx * uy * tz; cw[6] = ux * ty * tz; cw[7] = tx * ty * tz;
      let raw = p.shift;
      for (let c = 0; c < 8; c++) raw += cw[c] * D[base + co[c]];
      const sigma = softplus(raw) * p.scale;
      const e = Math.exp(-sigma * dt);
      const alpha = 1 - e;
      const w = T * alpha;
      if (w < p.weightThreshold) continue;
      let pr = 0, pg = 0, pb = 0;
      for (let c = 0; c < 8; c++) {
        const o = (base + co[c]) * ch, wc = cw[c];
        let ar = 0, ag = 0, ab = 0;
        for (let q = 0; q < k; q++) {
          const y = sh[q];
          ar += y * Cg[o + q]; ag += y * Cg[o + k + q]; ab += y * Cg[o + 2 * k + q];
        }
        pr += wc * ar; pg += wc * ag; pb += wc * ab;
      }
      const cr = 1 / (1 + Math.exp(-pr)), cg = 1 / (1 + Math.exp(-pg)), cb = 1 / (1 + Math.exp(-pb));
      r += w * cr; g += w * cg; b += w * cb;
      depth += w * tCur;
      if (store) {
        this.sBase[n] = base;
        const f = 3 * n, v = VALS * n;
        this.sFrac[f] = tx; this.sFrac[f + 1] = ty; this.sFrac[f + 2] = tz;
        this.sVal[v] = T; this.sVal[v + 1] = alpha; this.sVal[v + 2] = (1 / (1 + Math.exp(-raw))) * p.scale;
        this.sVal[v + 3] = cr; this.sVal[v + 4] = cg; this.sVal[v + 5] = cb; this.sVal[v + 6] = dt;
      }
      n++;
      T *= e;
      if (T < T_STOP) break;
    }
    this.u = u; this.un = un;
    const bg = p.background;
    this.count = store ? n : 0;
    this.r = r + T * bg[0]; this.g = g + T * bg[1]; this.b = b + T * bg[2];
    this.opacity = 1 - T;
    this.depth = depth;
  }

  /** Cell (lower-corner vertex index) and weight w_i = T_i alpha_i of stored sample i. */
  sampleCell(i: number): number {
    return this.sBase[i];
  }

  sampleWeight(i: number): number {
    return this.sVal[VALS * i] * this.sVal[VALS * i + 1];
  }

  /** Accumulate dL/dgrid given dL/dC = (gr, gg, gb) for the last stored forward(). */
  backward(grid: VoxelGrid, p: MarchParams, gr: number, gg: number, gb: number, out: GradBuffers): void {
    const k = grid.k;
    const ch = 3 * k, sh = this.sh, cw = this.cw, co = this.co;
    const gD = out.density, gC = out.color, touched = out.touched, list = out.list;
    const Cr = this.r, Cg = this.g, Cb = this.b;
    let Ar = 0, Ag = 0, Ab = 0;
    const TN = Math.min(Math.max(1 - this.opacity, 1e-6), 1 - 1e-6);
    const ent = p.entropyWeight * TN * Math.log(TN / (1 - TN));
    for (let i = 0; i < this.count; i++) {
      const v = VALS * i, f = 3 * i, base = this.sBase[i], dt = this.sVal[v + 6];
      const T = this.sVal[v], alpha = this.sVal[v + 1], dsig = this.sVal[v + 2];
      const cr = this.sVal[v + 3], cg = this.sVal[v + 4], cb = this.sVal[v + 5];
      const w = T * alpha, Tn = T - w;
      Ar += w * cr; Ag += w * cg; Ab += w * cb;
      const dpr = gr * w * cr * (1 - cr), dpg = gg * w * cg * (1 - cg), dpb = gb * w * cb * (1 - cb);
      const dSigma = dt * (gr * (Tn * cr - (Cr - Ar)) + gg * (Tn * cg - (Cg - Ag)) + gb * (Tn * cb - (Cb - Ab)));
      const dRaw = (dSigma + ent * dt) * dsig;
      const tx = this.sFrac[f], ty = this.sFrac[f + 1], tz = this.sFrac[f + 2];
      const ux = 1 - tx, uy = 1 - ty, uz = 1 - tz;
      cw[0] = ux * uy * uz; cw[1] = tx * uy * uz; cw[2] = ux * ty * uz; cw[3] = tx * ty * uz;
      cw[4] = ux * uy * tz; cw[5] = tx * uy * tz; cw[6] = ux * ty * tz; cw[7] = tx * ty * tz;
      for (let c = 0; c < 8; c++) {
        const idx = base + co[c], wc = cw[c];
        if (touched[idx] === 0) { touched[idx] = 1; list[out.count++] = idx; }
        gD[idx] += wc * dRaw;
        const o = idx * ch, er = wc * dpr, eg = wc * dpg, eb = wc * dpb;
        for (let q = 0; q < k; q++) {
          const y = sh[q];
          gC[o + q] += er * y; gC[o + k + q] += eg * y; gC[o + 2 * k + q] += eb * y;
        }
      }
    }
  }
}
