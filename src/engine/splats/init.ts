// Initial Gaussians (3DGS Sec. 5): one isotropic Gaussian per sparse point of the capture's
// structure-from-motion (capture.sparsePoints, written by pose estimation) with its colour, or
// random points inside the capture's box when there are none. Scale: the root mean square
// distance to the 3 nearest neighbours (the reference's distCUDA2), opacity 0.1, identity
// rotation, SH rest zero.
import type { Capture } from '../data/types';
import type { Prng } from '../recon/prng';
import { SH_C0, allocateSplatScene, type ShDegree, type SplatScene } from './types';

/** The optional field branch `poses` adds to Capture, read here without depending on it. */
export type CaptureWithPoints = Capture & { sparsePoints?: { xyz: Float32Array; rgb: Uint8Array } };

const logit = (p: number) => Math.log(p / (1 - p));

/** Mean squared distance of each point to its 3 nearest neighbours [N], with a uniform grid. */
export function meanSqDist3nn(xyz: Float32Array): Float64Array {
  const n = xyz.length / 3, out = new Float64Array(n);
  if (n < 2) return out.fill(1e-2);
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) { lo[a] = Math.min(lo[a], xyz[3 * i + a]); hi[a] = Math.max(hi[a], xyz[3 * i + a]); }
  const ext = hi.map((h, a) => Math.max(h - lo[a], 1e-9));
  const cell = Math.max(Math.cbrt((ext[0] * ext[1] * ext[2]) / n) * 1.5, Math.max(...ext) / 256);
  const dims = ext.map((e) => Math.max(1, Math.min(256, Math.ceil(e / cell))));
  const key = (cx: number, cy: number, cz: number) => cx + dims[0] * (cy + dims[1] * cz);
  const cellOf = (i: number) => [0, 1, 2].map((a) => Math.min(dims[a] - 1, Math.floor((xyz[3 * i + a] - lo[a]) / cell)));
  const start = new Int32Array(dims[0] * dims[1] * dims[2] + 1), order = new Int32Array(n);
  const cells = new Int32Array(n);
  for (let i = 0; i < n; i++) { const c = cellOf(i); cells[i] = key(c[0], c[1], c[2]); start[cells[i] + 1]++; }
  for (let k = 0; k + 1 < start.length; k++) start[k + 1] += start[k];
  const cur = start.slice();
  for (let i = 0; i < n; i++) order[cur[cells[i]]++] = i;
  const best = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    best[0] = best[1] = best[2] = Infinity;
    const c = cellOf(i);
    for (let ring = 0; ; ring++) {
      // Visit the shell of cells at Chebyshev distance `ring`.
      for (let z = c[2] - ring; z <= c[2] + ring; z++) for (let y = c[1] - ring; y <= c[1] + ring; y++) for (let x = c[0] - ring; x <= c[0] + ring; x++) {
        if (Math.max(Math.abs(x - c[0]), Math.abs(y - c[1]), Math.abs(z - c[2])) !== ring) continue;
        if (x < 0 || y < 0 || z < 0 || x >= dims[0] || y >= dims[1] || z >= dims[2]) continue;
        const k = key(x, y, z);
        for (let s = start[k]; s < start[k + 1]; s++) {
          const j = order[s];
          if (j === i) continue;
          const d = (xyz[3 * j] - xyz[3 * i]) ** 2 + (xyz[3 * j + 1] - xyz[3 * i + 1]) ** 2 + (xyz[3 * j + 2] - xyz[3 * i + 2]) ** 2;
          if (d < best[2]) { best[2] = d; best.sort((a, b) => a - b); }
        }
      }
      // Every unvisited point is at least `ring * cell` away.
      const covered = ring >= Math.max(dims[0], dims[1], dims[2]);
      if (covered || (best[2] < Infinity && best[2] <= (ring * cell) ** 2)) break;
    }
    const found = best.filter((b) => b < Infinity);
    out[i] = Math.max(1e-7, found.reduce((a, b) => a + b, 0) / found.length);
  }
  return out;
}

export interface InitOptions { randomCount: number; shDegree: ShDegree }

/** Initial scene for a capture (sparse points when present, else random in capture.aabb). */
export function initialSplats(capture: CaptureWithPoints, opt: InitOptions, rng: Prng): SplatScene {
  const sp = capture.sparsePoints;
  let xyz: Float32Array, rgb: Float32Array;
  if (sp && sp.xyz.length >= 3) {
    if (sp.xyz.length % 3 !== 0 || sp.rgb.length !== sp.xyz.length) {
      throw new Error(`initialSplats: capture.sparsePoints has bad lengths (xyz ${sp.xyz.length}, rgb ${sp.rgb.length}; expected equal multiples of 3)`);
    }
    xyz = sp.xyz;
    rgb = Float32Array.from(sp.rgb, (v) => v / 255);
  } else {
    const n = opt.randomCount, { min, max } = capture.aabb;
    xyz = new Float32Array(3 * n); rgb = new Float32Array(3 * n);
    for (let k = 0; k < 3 * n; k++) { xyz[k] = min[k % 3] + (max[k % 3] - min[k % 3]) * rng.next(); rgb[k] = rng.next(); }
  }
  const n = xyz.length / 3;
  const s = allocateSplatScene(n, opt.shDegree, capture.background);
  s.positions.set(xyz);
  const d2 = meanSqDist3nn(xyz);
  for (let i = 0; i < n; i++) {
    const ls = Math.log(Math.sqrt(d2[i]));
    s.logScales[3 * i] = s.logScales[3 * i + 1] = s.logScales[3 * i + 2] = ls;
    s.opacityLogits[i] = logit(0.1);
  }
  for (let k = 0; k < 3 * n; k++) s.shDc[k] = (rgb[k] - 0.5) / SH_C0;
  return s;
}
