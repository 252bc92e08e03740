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
import { PARAM_KEYS, type GaussianStore, type ParamKey } from './params';
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
  // New order: kept originals (compacted in place: a kept Gaussian only moves down), then
  // clones (copies of kept ones, at their new place), then split children (from a stash of
  // their parents, which the compaction may overwrite). New Gaussians start with zero moments.
  const keep = new Uint8Array(n), splitParents: number[] = [];
  let nPruned = 0, nKept = 0, cloned = 0, split = 0;
  const shrink = Math.log(1 / (0.8 * s.splitSamples));
  for (let i = 0; i < n; i++) {
    if (action[i] === 2) {
      split++;
      if (pruned(i, shrink)) nPruned++; else splitParents.push(i);
    } else if (pruned(i, 0)) nPruned++;
    else { keep[i] = 1; nKept++; if (action[i] === 1) cloned++; }
  }
  const stash = Object.fromEntries(PARAM_KEYS.map((k) => {
    const w = store.widths[k], a = new Float32Array(splitParents.length * w), src = store.params[k];
    splitParents.forEach((i, q) => { for (let c = 0; c < w; c++) a[q * w + c] = src[i * w + c]; });
    return [k, a];
  })) as Record<ParamKey, Float32Array>;
  const count = nKept + cloned + splitParents.length * s.splitSamples;
  store.reserve(count);
  const newPos = new Int32Array(n);
  // Element loops, not set(subarray()): a subarray per Gaussian and key costs more than the copy.
  for (const k of PARAM_KEYS) {
    const w = store.widths[k], P = store.params[k], M = store.m[k], V = store.v[k];
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue;
      if (j !== i) for (let c = 0; c < w; c++) { P[j * w + c] = P[i * w + c]; M[j * w + c] = M[i * w + c]; V[j * w + c] = V[i * w + c]; }
      newPos[i] = j++;
    }
    for (let i = 0; i < n; i++) {
      if (!keep[i] || action[i] !== 1) continue;
      for (let c = 0; c < w; c++) { P[j * w + c] = P[newPos[i] * w + c]; M[j * w + c] = 0; V[j * w + c] = 0; }
      j++;
    }
    const st = stash[k];
    for (let q = 0; q < splitParents.length; q++) {
      for (let r = 0; r < s.splitSamples; r++, j++) for (let c = 0; c < w; c++) { P[j * w + c] = st[q * w + c]; M[j * w + c] = 0; V[j * w + c] = 0; }
    }
  }
  store.count = count;
  // Split children: positions sampled from the parent Gaussian, scales shrunk.
  const p = store.params, R = new Float64Array(9), u = new Float64Array(3);
  for (let q = 0, j = nKept + cloned; q < splitParents.length; q++) {
    const ql = Math.sqrt(stash.rotations[4 * q] ** 2 + stash.rotations[4 * q + 1] ** 2 + stash.rotations[4 * q + 2] ** 2 + stash.rotations[4 * q + 3] ** 2) || 1;
    const w = stash.rotations[4 * q] / ql, x = stash.rotations[4 * q + 1] / ql, y = stash.rotations[4 * q + 2] / ql, z = stash.rotations[4 * q + 3] / ql;
    R[0] = 1 - 2 * (y * y + z * z); R[1] = 2 * (x * y - w * z); R[2] = 2 * (x * z + w * y);
    R[3] = 2 * (x * y + w * z); R[4] = 1 - 2 * (x * x + z * z); R[5] = 2 * (y * z - w * x);
    R[6] = 2 * (x * z - w * y); R[7] = 2 * (y * z + w * x); R[8] = 1 - 2 * (x * x + y * y);
    for (let r = 0; r < s.splitSamples; r++, j++) {
      for (let a = 0; a < 3; a++) u[a] = gaussian(rng) * Math.exp(stash.logScales[3 * q + a]);
      for (let a = 0; a < 3; a++) {
        p.positions[3 * j + a] = stash.positions[3 * q + a] + R[3 * a] * u[0] + R[3 * a + 1] * u[1] + R[3 * a + 2] * u[2];
        p.logScales[3 * j + a] = stash.logScales[3 * q + a] + shrink;
      }
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
