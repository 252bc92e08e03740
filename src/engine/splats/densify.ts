// Adaptive density control (3DGS Sec. 5.2): Gaussians whose average view-space positional
// gradient exceeds the threshold are cloned when small (under-reconstruction) or split into
// `splitSamples` Gaussians drawn from the original, with scale / (0.8 x samples), when large
// (over-reconstruction); nearly transparent and oversized Gaussians are pruned; periodically
// every opacity is reset to at most 0.01. New Gaussians start with zero Adam moments.
// Differences from the reference, deliberate: a cap (schedule.maxGaussians) on the count,
// filled in order of decreasing gradient; the screen-size prune (off by default: in the
// reference it compares against max_radii2D right after densification zeroed it, so it
// never fires) uses the radii recorded since the last densification.
import type { Prng } from '../recon/prng';
import { PARAM_KEYS, type GaussianStore } from './params';
import type { SplatSchedule } from './schedule';

export interface DensifyReport { cloned: number; split: number; pruned: number; count: number }

function gaussian(rng: Prng): number {
  const u = Math.max(1e-12, rng.next()), v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function densifyAndPrune(store: GaussianStore, s: SplatSchedule, extent: number, maxScreenRadius: number, rng: Prng): DensifyReport {
  const n = store.count, P = store.params;
  const maxScale = new Float64Array(n);
  for (let i = 0; i < n; i++) maxScale[i] = Math.exp(Math.max(P.logScales[3 * i], P.logScales[3 * i + 1], P.logScales[3 * i + 2]));
  const cand: number[] = [];
  const avg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    avg[i] = store.denom[i] > 0 ? store.gradAccum[i] / store.denom[i] : 0;
    if (avg[i] >= s.densifyGradThreshold) cand.push(i);
  }
  cand.sort((a, b) => avg[b] - avg[a] || a - b);
  const action = new Uint8Array(n); // 0 keep, 1 clone, 2 split
  let budget = s.maxGaussians - n;
  for (const i of cand) {
    const isSplit = maxScale[i] > s.percentDense * extent, cost = isSplit ? s.splitSamples - 1 : 1;
    if (cost > budget) continue;
    budget -= cost;
    action[i] = isSplit ? 2 : 1;
  }
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const pruned = (i: number, logScaleShift: number) =>
    sigmoid(P.opacityLogits[i]) < s.pruneOpacity
    || maxScale[i] * Math.exp(logScaleShift) > s.pruneWorldScale * extent
    || (maxScreenRadius > 0 && logScaleShift === 0 && store.maxRadii[i] > maxScreenRadius);
  // New order: kept originals, then clones, then split children. src[j] = source Gaussian,
  // fresh[j] = start with zero moments.
  const src: number[] = [], fresh: boolean[] = [];
  let nPruned = 0;
  for (let i = 0; i < n; i++) {
    if (action[i] === 2) continue;
    if (pruned(i, 0)) { nPruned++; continue; }
    src.push(i); fresh.push(false);
  }
  let cloned = 0;
  for (let i = 0; i < n; i++) if (action[i] === 1 && !pruned(i, 0)) { src.push(i); fresh.push(true); cloned++; }
  const shrink = Math.log(1 / (0.8 * s.splitSamples));
  const splitStart = src.length;
  let split = 0;
  for (let i = 0; i < n; i++) {
    if (action[i] !== 2) continue;
    split++;
    if (pruned(i, shrink)) { nPruned++; continue; }
    for (let k = 0; k < s.splitSamples; k++) { src.push(i); fresh.push(true); }
  }
  const old = Object.fromEntries(PARAM_KEYS.map((k) => [k, store.params[k].slice(0, n * store.widths[k])]));
  const oldM = Object.fromEntries(PARAM_KEYS.map((k) => [k, store.m[k].slice(0, n * store.widths[k])]));
  const oldV = Object.fromEntries(PARAM_KEYS.map((k) => [k, store.v[k].slice(0, n * store.widths[k])]));
  store.reserve(src.length);
  store.count = src.length;
  // Element loops, not set(subarray()): a subarray per Gaussian and key costs more than the copy.
  for (const k of PARAM_KEYS) {
    const w = store.widths[k], P = store.params[k], M = store.m[k], V = store.v[k], oP = old[k], oM = oldM[k], oV = oldV[k];
    for (let j = 0; j < src.length; j++) {
      const from = src[j] * w, to = j * w;
      for (let a = 0; a < w; a++) P[to + a] = oP[from + a];
      if (fresh[j]) { for (let a = 0; a < w; a++) { M[to + a] = 0; V[to + a] = 0; } } else {
        for (let a = 0; a < w; a++) { M[to + a] = oM[from + a]; V[to + a] = oV[from + a]; }
      }
    }
  }
  // Split children: positions sampled from the parent Gaussian, scales shrunk.
  const p = store.params;
  for (let j = splitStart; j < src.length; j++) {
    const i = src[j];
    const q = old.rotations.subarray(4 * i, 4 * i + 4);
    const ql = Math.hypot(q[0], q[1], q[2], q[3]) || 1;
    const w = q[0] / ql, x = q[1] / ql, y = q[2] / ql, z = q[3] / ql;
    const R = [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y), 2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x), 2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)];
    const u = [0, 1, 2].map((a) => gaussian(rng) * Math.exp(old.logScales[3 * i + a]));
    for (let a = 0; a < 3; a++) {
      p.positions[3 * j + a] = old.positions[3 * i + a] + R[3 * a] * u[0] + R[3 * a + 1] * u[1] + R[3 * a + 2] * u[2];
      p.logScales[3 * j + a] = old.logScales[3 * i + a] + shrink;
    }
  }
  store.gradAccum.fill(0); store.denom.fill(0); store.maxRadii.fill(0);
  return { cloned, split, pruned: nPruned, count: store.count };
}

/** Opacity reset (Sec. 5.2): opacity = min(opacity, 0.01); its Adam moments restart at zero. */
export function resetOpacity(store: GaussianStore): void {
  const cap = Math.log(0.01 / 0.99);
  for (let i = 0; i < store.count; i++) store.params.opacityLogits[i] = Math.min(store.params.opacityLogits[i], cap);
  store.m.opacityLogits.fill(0); store.v.opacityLogits.fill(0);
}
