import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/procedural/prng';
import { kernelInceptionDistance, mmd2Unbiased, mmd2UnbiasedFromGram, polynomialGram } from './mmd';

/** Standard normal draws (Box-Muller). */
function normals(rand: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-300))) * Math.cos(2 * Math.PI * rand());
  return out;
}

type Mat = number[][];
const matVec = (a: Mat, v: number[]) => a.map((r) => r.reduce((s, x, j) => s + x * v[j], 0));
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const matMul = (a: Mat, b: Mat) => a.map((r) => b[0].map((_, j) => r.reduce((s, x, k) => s + x * b[k][j], 0)));
const trace = (a: Mat) => a.reduce((s, r, i) => s + r[i], 0);
const outer = (a: number[], b: number[]) => a.map((x) => b.map((y) => x * y));
const add = (a: Mat, b: Mat) => a.map((r, i) => r.map((x, j) => x + b[i][j]));

interface Gaussian { mu: number[]; chol: Mat; cov: Mat }
function gaussian(mu: number[], chol: Mat): Gaussian {
  const cov = matMul(chol, chol.map((_, i) => chol.map((r) => r[i])));
  return { mu, chol, cov };
}
function draw(g: Gaussian, n: number, rand: () => number): Float64Array {
  const d = g.mu.length;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = Array.from(normals(rand, d));
    const x = matVec(g.chol, z);
    for (let k = 0; k < d; k++) out[i * d + k] = g.mu[k] + x[k];
  }
  return out;
}

/**
 * Closed form of E k(x, y), k = (x·y/d + 1)^3, x ~ N(a, A), y ~ N(b, B) independent:
 * k = 1 + 3u + 3u² + u³ with u = x·y/d, and (derived by conditioning on y; s = x·y | y ~ N(a·y, yᵀAy))
 *   E[s]  = a·b,   E[s²] = tr((B + bbᵀ)(A + aaᵀ)),
 *   E[s³] = (a·b)³ + 3 (a·b)(aᵀBa) + 3 [(a·b)(bᵀAb + tr(AB)) + 2 aᵀBAb].
 */
function expectedKernel(x: Gaussian, y: Gaussian): number {
  const d = x.mu.length;
  const a = x.mu; const b = y.mu; const A = x.cov; const B = y.cov;
  const ab = dot(a, b);
  const s1 = ab;
  const s2 = trace(matMul(add(B, outer(b, b)), add(A, outer(a, a))));
  const s3 = ab ** 3 + 3 * ab * dot(a, matVec(B, a)) + 3 * (ab * (dot(b, matVec(A, b)) + trace(matMul(A, B))) + 2 * dot(a, matVec(matMul(B, A), b)));
  return 1 + (3 * s1) / d + (3 * s2) / d ** 2 + s3 / d ** 3;
}

/** The estimator written out directly from its definition (no Gram matrices), on explicit rows. */
function bruteForceMmd2(x: Float64Array, y: Float64Array, d: number): number {
  const m = x.length / d; const n = y.length / d;
  const k = (p: Float64Array, i: number, q: Float64Array, j: number) => {
    let s = 0;
    for (let c = 0; c < d; c++) s += p[i * d + c] * q[j * d + c];
    return (s / d + 1) ** 3;
  };
  let xx = 0; let yy = 0; let xy = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) xx += k(x, i, x, j);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) yy += k(y, i, y, j);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) xy += k(x, i, y, j);
  return xx / (m * (m - 1)) + yy / (n * (n - 1)) - (2 * xy) / (m * n);
}

const P = gaussian([0.5, -0.3, 0.8], [[1, 0, 0], [0.4, 0.8, 0], [-0.2, 0.3, 0.6]]);
const Q = gaussian([0.2, 0.1, 1.1], [[0.7, 0, 0], [0.1, 1.1, 0], [0.3, -0.2, 0.9]]);

describe('unbiased MMD² with the cubic polynomial kernel', () => {
  it('matches the estimator written out from its definition, on the full sets and on index subsets', () => {
    const rand = mulberry32(3);
    const x = draw(P, 23, rand); const y = draw(Q, 17, rand);
    expect(mmd2Unbiased(x, y, 3)).toBeCloseTo(bruteForceMmd2(x, y, 3), 10);
    const ix = [4, 0, 19, 7, 11]; const iy = [16, 2, 9, 5];
    const sub = (f: Float64Array, idx: number[]) => Float64Array.from(idx.flatMap((i) => Array.from(f.subarray(i * 3, i * 3 + 3))));
    const fromGram = mmd2UnbiasedFromGram(polynomialGram(x, x, 3), polynomialGram(y, y, 3), polynomialGram(x, y, 3), 23, 17, ix, iy);
    expect(fromGram).toBeCloseTo(bruteForceMmd2(sub(x, ix), sub(y, iy), 3), 10);
  });

  it('averages to the closed-form population MMD² of two Gaussians (the biased V-statistic does not)', () => {
    const truth = expectedKernel(P, P) + expectedKernel(Q, Q) - 2 * expectedKernel(P, Q);
    expect(truth).toBeGreaterThan(0.05); // the two distributions really differ under this kernel
    const rand = mulberry32(11);
    const reps = 600; const m = 20;
    const u: number[] = []; const v: number[] = [];
    for (let r = 0; r < reps; r++) {
      const x = draw(P, m, rand); const y = draw(Q, m, rand);
      u.push(mmd2Unbiased(x, y, 3));
      // V-statistic: includes the i = j terms, (1/m²) sums everywhere.
      const kxx = polynomialGram(x, x, 3); const kyy = polynomialGram(y, y, 3); const kxy = polynomialGram(x, y, 3);
      const mean = (k: Float64Array) => k.reduce((s, z) => s + z, 0) / k.length;
      v.push(mean(kxx) + mean(kyy) - 2 * mean(kxy));
    }
    const mu = u.reduce((s, z) => s + z, 0) / reps;
    const se = Math.sqrt(u.reduce((s, z) => s + (z - mu) ** 2, 0) / (reps - 1) / reps);
    const muV = v.reduce((s, z) => s + z, 0) / reps;
    const seV = Math.sqrt(v.reduce((s, z) => s + (z - muV) ** 2, 0) / (reps - 1) / reps);
    console.log(`[mmd] population MMD² ${truth.toFixed(4)}; unbiased mean ${mu.toFixed(4)} ± ${se.toFixed(4)} (SE); V-statistic mean ${muV.toFixed(4)} ± ${seV.toFixed(4)}`);
    expect(Math.abs(mu - truth)).toBeLessThan(4 * se);
    expect(Math.abs(muV - truth)).toBeGreaterThan(4 * seV);
  });

  it('averages to 0 for two samples of one distribution', () => {
    const rand = mulberry32(5);
    const u: number[] = [];
    for (let r = 0; r < 600; r++) u.push(mmd2Unbiased(draw(P, 20, rand), draw(P, 20, rand), 3));
    const mu = u.reduce((s, z) => s + z, 0) / u.length;
    const se = Math.sqrt(u.reduce((s, z) => s + (z - mu) ** 2, 0) / (u.length - 1) / u.length);
    expect(Math.abs(mu)).toBeLessThan(4 * se);
  });
});

describe('kernelInceptionDistance', () => {
  const rand = mulberry32(9);
  const x = draw(P, 120, rand); const y = draw(Q, 100, rand); const x2 = draw(P, 100, rand);

  it('uses subsets of half the smaller set by default and reports the full-set estimate', () => {
    const r = kernelInceptionDistance(x, y, 3);
    expect(r.subsetSize).toBe(50);
    expect(r.subsets).toBe(100);
    expect(r.full).toBeCloseTo(mmd2Unbiased(x, y, 3), 12);
    expect(r.std).toBeGreaterThan(0);
    expect(Math.abs(r.mean - r.full)).toBeLessThan(r.std); // subsets scatter around the full estimate
  });

  it('is symmetric: exactly on the full sets, within subset noise on the subset mean', () => {
    const a = kernelInceptionDistance(x, y, 3, { seed: 1 });
    const b = kernelInceptionDistance(y, x, 3, { seed: 1 });
    expect(b.full).toBeCloseTo(a.full, 12);
    expect(Math.abs(a.mean - b.mean)).toBeLessThan(3 * (a.std + b.std) / Math.sqrt(a.subsets));
  });

  it('separates different distributions and not equal ones', () => {
    const same = kernelInceptionDistance(x, x2, 3);
    const diff = kernelInceptionDistance(x, y, 3);
    expect(Math.abs(same.mean)).toBeLessThan(same.std);
    expect(diff.mean).toBeGreaterThan(diff.std * 2);
    expect(diff.mean).toBeGreaterThan(10 * Math.abs(same.mean));
  });

  it('is deterministic by seed and rejects bad input with the field and value', () => {
    expect(kernelInceptionDistance(x, y, 3, { seed: 4 })).toEqual(kernelInceptionDistance(x, y, 3, { seed: 4 }));
    expect(() => kernelInceptionDistance(x, y.subarray(0, 10), 3)).toThrow(/y has 10 values, not a multiple of dim 3/);
    const bad = Float64Array.from(x); bad[7] = NaN;
    expect(() => kernelInceptionDistance(bad, y, 3)).toThrow(/x\[7\] is NaN/);
    expect(() => kernelInceptionDistance(x, y, 3, { subsetSize: 500 })).toThrow(/subsetSize 500 exceeds/);
  });
});
