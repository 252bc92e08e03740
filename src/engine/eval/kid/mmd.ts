// Kernel Inception Distance (Bińkowski, Sutherland, Arbel & Gretton 2018, "Demystifying MMD GANs",
// Sec. 5 / App. D): the squared maximum mean discrepancy between two sets of image features under
// the cubic polynomial kernel, estimated without bias and averaged over random subsets.
//
//   k(x, y) = (x·y / d + 1)^3                                   x, y in R^d (feature dim d)
//   MMD²_u(X, Y) = 1/(m(m-1)) sum_{i != j} k(x_i, x_j)           (Gretton et al. 2012, Lemma 6,
//                + 1/(n(n-1)) sum_{i != j} k(y_i, y_j)             the unbiased U-statistic; their
//                - 2/(mn)     sum_{i, j}    k(x_i, y_j)            code uses m = n per subset)
//   KID = mean over S subsets of MMD²_u on (X_s, Y_s), X_s and Y_s drawn without replacement.
//
// Subsets: the paper's code draws 100 subsets of min(1000, n). With our n ≈ 200 that is the whole
// set every time (std 0), so the default here is subsets of floor(min(m, n) / 2) (100 of 200),
// capped at 1000, 100 subsets: `std` is then the spread of the estimate at half the sample size
// (about √2 × the standard error of the full-set estimate, which `full` holds). Values can be
// negative (the estimator is unbiased, so at equal distributions it scatters around 0).
//
// Features are row-major Float32Array/Float64Array [N, d]. Gram matrices are computed once over the
// full sets in float64 and the subsets index into them: O((m + n)² d) + O(S s²).
import { mulberry32 } from '../../data/procedural/prng';

const FILE = 'src/engine/eval/kid/mmd.ts';

export type FeatureMatrix = Float32Array | Float64Array;

export interface KidOptions {
  /** Number of random subsets averaged. */
  subsets: number;
  /** Subset size; 0 = floor(min(m, n) / 2) capped at maxSubsetSize (see the module comment). */
  subsetSize: number;
  /** Upper bound for the automatic subset size (the paper's 1000). */
  maxSubsetSize: number;
  /** Seed of the subset draws (mulberry32). */
  seed: number;
}

export const KID_DEFAULTS: KidOptions = { subsets: 100, subsetSize: 0, maxSubsetSize: 1000, seed: 0 };

export interface KidResult {
  /** Mean of MMD²_u over the subsets. */
  mean: number;
  /** Standard deviation (population) of MMD²_u over the subsets. */
  std: number;
  /** MMD²_u on the full sets (all m and n features, no subsets). */
  full: number;
  subsets: number;
  subsetSize: number;
  /** Feature dimension d. */
  dim: number;
  m: number;
  n: number;
}

function rows(x: FeatureMatrix, dim: number, field: string): number {
  if (!(x instanceof Float32Array || x instanceof Float64Array)) throw new Error(`${FILE}: ${field} must be a Float32Array or Float64Array of [N, ${dim}] features`);
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`${FILE}: dim must be a positive integer, got ${dim}`);
  if (x.length % dim !== 0) throw new Error(`${FILE}: ${field} has ${x.length} values, not a multiple of dim ${dim}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`${FILE}: ${field}[${i}] is ${x[i]} (features must be finite)`);
  }
  return x.length / dim;
}

/** Polynomial-kernel Gram matrix K[i, j] = (a_i·b_j / d + 1)^3, [na, nb] row-major float64. */
export function polynomialGram(a: FeatureMatrix, b: FeatureMatrix, dim: number): Float64Array {
  const na = rows(a, dim, 'a');
  const nb = rows(b, dim, 'b');
  const out = new Float64Array(na * nb);
  for (let i = 0; i < na; i++) {
    const ai = i * dim;
    for (let j = 0; j < nb; j++) {
      const bj = j * dim;
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += a[ai + k] * b[bj + k];
      const v = dot / dim + 1;
      out[i * nb + j] = v * v * v;
    }
  }
  return out;
}

/**
 * MMD²_u from precomputed Gram matrices restricted to index sets ix (into X) and iy (into Y).
 * kxx [m, m], kyy [n, n], kxy [m, n] row-major; needs at least 2 indices on each side.
 */
export function mmd2UnbiasedFromGram(
  kxx: Float64Array, kyy: Float64Array, kxy: Float64Array, m: number, n: number, ix: ArrayLike<number>, iy: ArrayLike<number>,
): number {
  const sm = ix.length;
  const sn = iy.length;
  if (sm < 2 || sn < 2) throw new Error(`${FILE}: the unbiased MMD needs at least 2 samples per set (got ${sm} and ${sn})`);
  let xx = 0;
  for (let a = 0; a < sm; a++) {
    const row = ix[a] * m;
    for (let b = 0; b < sm; b++) if (a !== b) xx += kxx[row + ix[b]];
  }
  let yy = 0;
  for (let a = 0; a < sn; a++) {
    const row = iy[a] * n;
    for (let b = 0; b < sn; b++) if (a !== b) yy += kyy[row + iy[b]];
  }
  let xy = 0;
  for (let a = 0; a < sm; a++) {
    const row = ix[a] * n;
    for (let b = 0; b < sn; b++) xy += kxy[row + iy[b]];
  }
  return xx / (sm * (sm - 1)) + yy / (sn * (sn - 1)) - (2 * xy) / (sm * sn);
}

/** MMD²_u of the full sets X [m, d] and Y [n, d] under the cubic polynomial kernel. */
export function mmd2Unbiased(x: FeatureMatrix, y: FeatureMatrix, dim: number): number {
  const m = rows(x, dim, 'x');
  const n = rows(y, dim, 'y');
  const all = (k: number) => Array.from({ length: k }, (_, i) => i);
  return mmd2UnbiasedFromGram(polynomialGram(x, x, dim), polynomialGram(y, y, dim), polynomialGram(x, y, dim), m, n, all(m), all(n));
}

/** `size` distinct indices of [0, total), partial Fisher-Yates on a scratch permutation. */
function drawSubset(perm: Int32Array, size: number, rand: () => number): Int32Array {
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rand() * (perm.length - i));
    const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
  }
  return perm.slice(0, size);
}

/** KID of feature sets X [m, d] and Y [n, d]: mean and std of MMD²_u over random subsets, plus the full-set value. */
export function kernelInceptionDistance(x: FeatureMatrix, y: FeatureMatrix, dim: number, options: Partial<KidOptions> = {}): KidResult {
  const o = { ...KID_DEFAULTS, ...options };
  const m = rows(x, dim, 'x');
  const n = rows(y, dim, 'y');
  if (m < 2 || n < 2) throw new Error(`${FILE}: KID needs at least 2 feature rows per set (got x: ${m}, y: ${n})`);
  if (!Number.isInteger(o.subsets) || o.subsets < 1) throw new Error(`${FILE}: options.subsets must be a positive integer, got ${o.subsets}`);
  if (!Number.isInteger(o.subsetSize) || o.subsetSize < 0) throw new Error(`${FILE}: options.subsetSize must be a non-negative integer, got ${o.subsetSize}`);
  const size = o.subsetSize > 0 ? o.subsetSize : Math.max(2, Math.min(o.maxSubsetSize, Math.floor(Math.min(m, n) / 2)));
  if (size > m || size > n) throw new Error(`${FILE}: options.subsetSize ${size} exceeds a set size (x: ${m}, y: ${n})`);
  const kxx = polynomialGram(x, x, dim);
  const kyy = polynomialGram(y, y, dim);
  const kxy = polynomialGram(x, y, dim);
  const rand = mulberry32(o.seed);
  const px = Int32Array.from({ length: m }, (_, i) => i);
  const py = Int32Array.from({ length: n }, (_, i) => i);
  const values = new Float64Array(o.subsets);
  for (let s = 0; s < o.subsets; s++) {
    values[s] = mmd2UnbiasedFromGram(kxx, kyy, kxy, m, n, drawSubset(px, size, rand), drawSubset(py, size, rand));
  }
  const mean = values.reduce((a, v) => a + v, 0) / o.subsets;
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / o.subsets);
  const all = (k: number) => Int32Array.from({ length: k }, (_, i) => i);
  const full = mmd2UnbiasedFromGram(kxx, kyy, kxy, m, n, all(m), all(n));
  return { mean, std, full, subsets: o.subsets, subsetSize: size, dim, m, n };
}
