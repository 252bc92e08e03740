import { describe, expect, it } from 'vitest';
import { marchingCubes } from './marching-cubes';
import { CUBE_EDGES, CUBE_FACES, cornerOffset, faceIsAmbiguous, triangulateCase } from './mc-cases';
import { edgeReport, signedVolume } from './mesh-stats';

function ambiguityVariants(mask: number): number[] {
  const amb = [0, 1, 2, 3, 4, 5].filter((f) => faceIsAmbiguous(mask, f));
  return Array.from({ length: 1 << amb.length }, (_, bits) =>
    amb.reduce((acc, f, i) => acc | (((bits >> i) & 1) << f), 0));
}

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('marching-cubes case derivation', () => {
  it('faces are counter-clockwise seen from outside', () => {
    for (const [f, cyc] of CUBE_FACES.entries()) {
      const [a, b, c] = cyc.slice(0, 3).map(cornerOffset);
      const u = b.map((v, i) => v - a[i]);
      const v = c.map((x, i) => x - b[i]);
      const n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
      const centre = cyc.map(cornerOffset).reduce<number[]>((s, p) => s.map((x, i) => x + p[i] / 4), [0, 0, 0]);
      const outward = centre.map((x) => x - 0.5);
      expect(n.reduce((s, x, i) => s + x * outward[i], 0), `face ${f}`).toBeGreaterThan(0);
    }
  });

  it('every case gives triangles whose normals point from inside to outside corners', () => {
    let cases = 0;
    for (let mask = 0; mask < 256; mask++) {
      for (const joined of ambiguityVariants(mask)) {
        const { triangles, centroids } = triangulateCase(mask, joined);
        cases++;
        if (mask === 0 || mask === 255) {
          expect(triangles.length).toBe(0);
          continue;
        }
        expect(triangles.length % 3).toBe(0);
        // Edge midpoints stand in for vertices; centroids average their loop.
        const point = (code: number): number[] => {
          const edges = code < 12 ? [code] : centroids[code - 12];
          const sum = [0, 0, 0];
          for (const e of edges) {
            const [p, q] = CUBE_EDGES[e].map(cornerOffset);
            for (let a = 0; a < 3; a++) sum[a] += (p[a] + q[a]) / 2 / edges.length;
          }
          return sum;
        };
        const inside = [0, 1, 2, 3, 4, 5, 6, 7].filter((c) => (mask >> c) & 1).map(cornerOffset);
        const outside = [0, 1, 2, 3, 4, 5, 6, 7].filter((c) => !((mask >> c) & 1)).map(cornerOffset);
        const mean = (ps: number[][]): number[] => ps.reduce((s, p) => s.map((x, i) => x + p[i] / ps.length), [0, 0, 0]);
        const dir = mean(outside).map((x, i) => x - mean(inside)[i]);
        let flux = 0;
        for (let t = 0; t < triangles.length; t += 3) {
          const [a, b, c] = [triangles[t], triangles[t + 1], triangles[t + 2]].map(point);
          const u = b.map((x, i) => x - a[i]);
          const v = c.map((x, i) => x - a[i]);
          flux += dir[0] * (u[1] * v[2] - u[2] * v[1]) + dir[1] * (u[2] * v[0] - u[0] * v[2]) + dir[2] * (u[0] * v[1] - u[1] * v[0]);
        }
        // Complementary masks with balanced corners have dir = 0; all others must agree.
        if (Math.hypot(...dir) > 1e-9) expect(flux, `mask ${mask}`).toBeGreaterThan(0);
      }
    }
    expect(cases).toBeGreaterThan(256);
  });

  it('random fields give closed, manifold, consistently oriented surfaces', () => {
    const rnd = lcg(7);
    for (let trial = 0; trial < 3; trial++) {
      const n = 14;
      const values = new Float32Array(n * n * n);
      for (let z = 1; z < n - 1; z++) {
        for (let y = 1; y < n - 1; y++) for (let x = 1; x < n - 1; x++) values[x + n * (y + n * z)] = rnd();
      }
      const m = marchingCubes({ dims: [n, n, n], values, origin: [0, 0, 0], spacing: [1, 1, 1] }, 0.5);
      const report = edgeReport(m);
      expect(m.indices.length).toBeGreaterThan(1000);
      expect(report).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, inconsistentEdges: 0 });
      expect(signedVolume(m)).toBeGreaterThan(0);
      for (let i = 0; i < m.normals.length; i += 3) {
        expect(Math.hypot(m.normals[i], m.normals[i + 1], m.normals[i + 2])).toBeCloseTo(1, 5);
      }
    }
  });

  it('a single inside sample makes an octahedron-like closed blob around it', () => {
    const values = new Float32Array(27);
    values[13] = 1;
    const m = marchingCubes({ dims: [3, 3, 3], values, origin: [0, 0, 0], spacing: [1, 1, 1] }, 0.5);
    expect(m.positions.length / 3).toBe(6);
    expect(m.indices.length / 3).toBe(8);
    expect(edgeReport(m).boundaryEdges).toBe(0);
    // Vertices at distance 0.5 from the centre sample (1, 1, 1), normals pointing away from it.
    for (let v = 0; v < 6; v++) {
      const d = [0, 1, 2].map((a) => m.positions[3 * v + a] - 1);
      expect(Math.hypot(...d)).toBeCloseTo(0.5, 6);
      expect(d.reduce((s, x, a) => s + x * m.normals[3 * v + a], 0)).toBeCloseTo(0.5, 6);
    }
    expect(signedVolume(m)).toBeCloseTo((4 / 3) * 0.5 ** 3, 6);
  });
});
