// Baked grid -> coloured, cleaned triangle mesh.
//
// Steps:
//  1. Validate the grid and resolve options (iso-level default per field, see types.ts).
//  2. Build the scalar volume on voxel centres (opacity or density), padded when closing.
//  3. Marching cubes: welded vertices, outward normals from the field gradient.
//  4. Per-vertex colour: trilinear lookup in grid.rgb (opacity-weighted by default).
//  5. Cleanup: drop floaters / small components, keep the largest N, compact vertices.
// Decimation is async (meshoptimizer's wasm) and lives in decimate.ts.
import type { BakedGrid } from '../grid/types';
import { filterComponents } from './components';
import { defaultIsoLevel, opacityStep, sampleColor, scalarVolume, validateGrid } from './grid-sampling';
import { marchingCubes } from './marching-cubes';
import { MESH_DEFAULTS, type Mesh, type MeshOptions } from './types';

const FILE = 'src/engine/mesh/extract-mesh.ts';

export function resolveMeshOptions(options: Partial<MeshOptions> = {}): MeshOptions {
  const o = { ...MESH_DEFAULTS, ...options };
  if (o.field !== 'opacity' && o.field !== 'density') {
    throw new Error(`${FILE}: options.field must be 'opacity' or 'density', got ${JSON.stringify(o.field)}`);
  }
  if (o.isoLevel !== null && !Number.isFinite(o.isoLevel)) {
    throw new Error(`${FILE}: options.isoLevel must be a finite number or null, got ${o.isoLevel}`);
  }
  if (o.field === 'opacity' && o.isoLevel !== null && !(o.isoLevel > 0 && o.isoLevel < 1)) {
    throw new Error(`${FILE}: options.isoLevel for field 'opacity' must be in (0, 1), got ${o.isoLevel}`);
  }
  if (o.colorWeighting !== 'opacity' && o.colorWeighting !== 'plain') {
    throw new Error(`${FILE}: options.colorWeighting must be 'opacity' or 'plain', got ${JSON.stringify(o.colorWeighting)}`);
  }
  if (!(o.minComponentFraction >= 0 && o.minComponentFraction <= 1)) {
    throw new Error(`${FILE}: options.minComponentFraction must be in [0, 1], got ${o.minComponentFraction}`);
  }
  for (const key of ['minComponentTriangles', 'keepLargest'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0) {
      throw new Error(`${FILE}: options.${key} must be a non-negative integer, got ${o[key]}`);
    }
  }
  return o;
}

export function extractMesh(grid: BakedGrid, options?: Partial<MeshOptions>): Mesh {
  // 1.
  validateGrid(grid);
  const o = resolveMeshOptions(options);
  const iso = o.isoLevel ?? defaultIsoLevel(grid, o.field);
  // 2-3.
  const volume = scalarVolume(grid, o.field, iso, o.closeBoundary);
  const surface = marchingCubes(volume, iso);
  // 4.
  const colors = new Float32Array(surface.positions.length);
  const delta = opacityStep(grid);
  const p = surface.positions;
  for (let v = 0; v < p.length; v += 3) sampleColor(grid, p[v], p[v + 1], p[v + 2], o.colorWeighting, colors, v, delta);
  // 5.
  return filterComponents({ ...surface, colors }, o);
}
