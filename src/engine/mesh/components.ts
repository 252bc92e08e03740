// Connected components of a welded triangle mesh, floater removal and vertex compaction.
import type { Mesh } from './types';

export interface ComponentFilter {
  /** Drop components with fewer triangles than this fraction of the largest. */
  minComponentFraction: number;
  /** Drop components with fewer triangles than this. */
  minComponentTriangles: number;
  /** Keep only the N largest (0 = all). */
  keepLargest: number;
}

/** Component id per triangle (ids 0..count-1, ordered by first appearance). */
export function triangleComponents(indices: Uint32Array, vertexCount: number): { ids: Int32Array; count: number } {
  // Union-find over vertices with path halving; triangles join their three vertices.
  const parent = new Int32Array(vertexCount);
  for (let v = 0; v < vertexCount; v++) parent[v] = v;
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
  };
  for (let t = 0; t < indices.length; t += 3) {
    union(indices[t], indices[t + 1]);
    union(indices[t], indices[t + 2]);
  }
  const label = new Int32Array(vertexCount).fill(-1);
  const ids = new Int32Array(indices.length / 3);
  let count = 0;
  for (let t = 0; t < ids.length; t++) {
    const root = find(indices[3 * t]);
    if (label[root] < 0) label[root] = count++;
    ids[t] = label[root];
  }
  return { ids, count };
}

/** Remove small components (floaters) and optionally keep only the largest N. */
export function filterComponents(mesh: Mesh, filter: ComponentFilter): Mesh {
  const vertexCount = mesh.positions.length / 3;
  const { ids, count } = triangleComponents(mesh.indices, vertexCount);
  if (count === 0) return mesh;
  const sizes = new Int32Array(count);
  for (let t = 0; t < ids.length; t++) sizes[ids[t]]++;
  const order = Array.from({ length: count }, (_, c) => c).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const largest = sizes[order[0]];
  const threshold = Math.max(filter.minComponentTriangles, filter.minComponentFraction * largest);
  const keep = new Uint8Array(count);
  let kept = 0;
  for (const c of order) {
    if (filter.keepLargest > 0 && kept >= filter.keepLargest) break;
    if (sizes[c] < threshold && c !== order[0]) continue;
    keep[c] = 1;
    kept++;
  }
  if (kept === count) return mesh;
  const indices: number[] = [];
  for (let t = 0; t < ids.length; t++) {
    if (keep[ids[t]]) indices.push(mesh.indices[3 * t], mesh.indices[3 * t + 1], mesh.indices[3 * t + 2]);
  }
  return compactMesh({ ...mesh, indices: Uint32Array.from(indices) });
}

/** Drop vertices no triangle uses and renumber the indices (order of first use). */
export function compactMesh(mesh: Mesh): Mesh {
  const vertexCount = mesh.positions.length / 3;
  const remap = new Int32Array(vertexCount).fill(-1);
  let next = 0;
  const indices = new Uint32Array(mesh.indices.length);
  for (let i = 0; i < indices.length; i++) {
    const v = mesh.indices[i];
    if (remap[v] < 0) remap[v] = next++;
    indices[i] = remap[v];
  }
  const positions = new Float32Array(3 * next);
  const normals = new Float32Array(3 * next);
  const colors = new Float32Array(3 * next);
  for (let v = 0; v < vertexCount; v++) {
    const to = remap[v];
    if (to < 0) continue;
    for (let a = 0; a < 3; a++) {
      positions[3 * to + a] = mesh.positions[3 * v + a];
      normals[3 * to + a] = mesh.normals[3 * v + a];
      colors[3 * to + a] = mesh.colors[3 * v + a];
    }
  }
  return { positions, normals, colors, indices };
}
