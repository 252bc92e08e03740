// Geometric and topological measurements of a triangle mesh (tests, reports, sanity checks).
import type { Mesh } from './types';

type Geometry = Pick<Mesh, 'positions' | 'indices'>;

export function surfaceArea(m: Geometry): number {
  const p = m.positions;
  let area = 0;
  for (let t = 0; t < m.indices.length; t += 3) {
    const a = 3 * m.indices[t], b = 3 * m.indices[t + 1], c = 3 * m.indices[t + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    area += 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
  }
  return area;
}

/**
 * Signed enclosed volume by the divergence theorem: sum over triangles of
 * a . (b x c) / 6. Positive when triangles are counter-clockwise seen from outside.
 */
export function signedVolume(m: Geometry): number {
  const p = m.positions;
  let vol = 0;
  for (let t = 0; t < m.indices.length; t += 3) {
    const a = 3 * m.indices[t], b = 3 * m.indices[t + 1], c = 3 * m.indices[t + 2];
    vol += p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1])
      + p[a + 1] * (p[b + 2] * p[c] - p[b] * p[c + 2])
      + p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c]);
  }
  return vol / 6;
}

export interface EdgeReport {
  edges: number;
  /** Edges used by exactly one triangle (holes). */
  boundaryEdges: number;
  /** Edges used by more than two triangles. */
  nonManifoldEdges: number;
  /** Two-triangle edges whose triangles traverse it in the same direction (flipped faces). */
  inconsistentEdges: number;
}

/** Edge usage: a closed, consistently oriented surface has only zeros besides `edges`. */
export function edgeReport(m: Geometry): EdgeReport {
  const uses = new Map<number, number>(); // undirected key -> use count
  const forward = new Map<number, number>(); // undirected key -> (#low->high) - (#high->low)
  const nv = m.positions.length / 3;
  for (let t = 0; t < m.indices.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = m.indices[t + e], b = m.indices[t + ((e + 1) % 3)];
      const lo = Math.min(a, b), hi = Math.max(a, b);
      const key = lo * nv + hi;
      uses.set(key, (uses.get(key) ?? 0) + 1);
      forward.set(key, (forward.get(key) ?? 0) + (a < b ? 1 : -1));
    }
  }
  let boundaryEdges = 0, nonManifoldEdges = 0, inconsistentEdges = 0;
  for (const [key, n] of uses) {
    if (n === 1) boundaryEdges++;
    else if (n > 2) nonManifoldEdges++;
    else if (forward.get(key) !== 0) inconsistentEdges++;
  }
  return { edges: uses.size, boundaryEdges, nonManifoldEdges, inconsistentEdges };
}

export function boundingBox(m: Pick<Mesh, 'positions'>): { min: [number, number, number]; max: [number, number, number] } {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < m.positions.length; i += 3) {
    for (let a = 0; a < 3; a++) {
      const v = m.positions[i + a];
      if (v < min[a]) min[a] = v;
      if (v > max[a]) max[a] = v;
    }
  }
  return { min, max };
}
