// Point clouds for the `ply-points` export: the surface shell of the baked field's occupied voxels,
// coloured by the voxel colour, or (scenes without a volume) the mesh vertices.
//
// Symbols (NeRF quadrature): sigma = density, delta = voxel edge, alpha = 1 - exp(-sigma * delta).
// A voxel is occupied when alpha >= OCCUPIED_ALPHA (the mesher's default opacity iso level), and
// is kept when at least one of its 6 neighbours is empty or outside the grid: interior voxels
// carry no visible colour and would only multiply the file size.
import type { BakedGrid } from '../../../engine/grid/types';

export const OCCUPIED_ALPHA = 0.5;

export interface PointCloud {
  /** xyz per point [n*3]. */
  positions: Float32Array;
  /** RGB in [0,1] per point [n*3]. */
  colors: Float32Array;
}

export function gridSurfacePoints(grid: BakedGrid, occupiedAlpha = OCCUPIED_ALPHA): PointCloud {
  const [nx, ny, nz] = grid.resolution;
  const { min, max } = grid.aabb;
  const size = [0, 1, 2].map((a) => (max[a] - min[a]) / grid.resolution[a]);
  const delta = Math.cbrt(size[0] * size[1] * size[2]);
  // alpha >= a  <=>  sigma >= -ln(1 - a) / delta
  const sigmaMin = -Math.log(1 - occupiedAlpha) / delta;
  const occ = (x: number, y: number, z: number) =>
    x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && grid.density[x + nx * (y + ny * z)] >= sigmaMin;
  const pos: number[] = [], col: number[] = [];
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (grid.density[i] < sigmaMin) continue;
        const shell = !occ(x - 1, y, z) || !occ(x + 1, y, z) || !occ(x, y - 1, z) || !occ(x, y + 1, z) || !occ(x, y, z - 1) || !occ(x, y, z + 1);
        if (!shell) continue;
        pos.push(min[0] + (x + 0.5) * size[0], min[1] + (y + 0.5) * size[1], min[2] + (z + 0.5) * size[2]);
        col.push(grid.rgb[3 * i], grid.rgb[3 * i + 1], grid.rgb[3 * i + 2]);
      }
    }
  }
  return { positions: Float32Array.from(pos), colors: Float32Array.from(col) };
}
