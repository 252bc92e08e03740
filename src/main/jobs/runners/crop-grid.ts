// Cropping a baked grid to a crop box: keep the voxels whose centres lie inside the box (faces
// included). The result is the sub-grid covering them, so the mesher and the point exporter see
// only the object of interest; its aabb is the union of the kept voxels' cells.
// Shapes: density [nx*ny*nz], rgb [3*nx*ny*nz], index x + nx * (y + ny * z).
import { insideCropBox, type CropBox } from '../../../shared';
import type { BakedGrid } from '../../../engine/grid/types';

/** First and one-past-last voxel index along one axis whose centre is within [lo, hi]. */
function axisRange(min: number, max: number, n: number, lo: number, hi: number): [number, number] {
  const size = (max - min) / n;
  const first = Math.max(0, Math.ceil((lo - min) / size - 0.5));
  const last = Math.min(n - 1, Math.floor((hi - min) / size - 0.5));
  return [first, Math.max(first, last + 1)];
}

/** The part of `grid` inside `box`; throws naming `where` when the box holds no voxel centre. */
export function cropGrid(grid: BakedGrid, box: CropBox, where = 'cropBox'): BakedGrid {
  const [nx, ny] = grid.resolution;
  const ranges = [0, 1, 2].map((a) => axisRange(grid.aabb.min[a], grid.aabb.max[a], grid.resolution[a], box.min[a], box.max[a]));
  const res = ranges.map(([a, b]) => b - a) as [number, number, number];
  if (res.some((r) => r <= 0)) {
    throw new Error(`${where}: the crop box [${box.min.join(', ')}]..[${box.max.join(', ')}] holds no voxel of the scene's grid [${grid.aabb.min.join(', ')}]..[${grid.aabb.max.join(', ')}]`);
  }
  const density = new Float32Array(res[0] * res[1] * res[2]);
  const rgb = new Float32Array(3 * density.length);
  let o = 0;
  for (let z = ranges[2][0]; z < ranges[2][1]; z++) {
    for (let y = ranges[1][0]; y < ranges[1][1]; y++) {
      for (let x = ranges[0][0]; x < ranges[0][1]; x++, o++) {
        const v = x + nx * (y + ny * z);
        density[o] = grid.density[v];
        rgb[3 * o] = grid.rgb[3 * v]; rgb[3 * o + 1] = grid.rgb[3 * v + 1]; rgb[3 * o + 2] = grid.rgb[3 * v + 2];
      }
    }
  }
  const cell = [0, 1, 2].map((a) => (grid.aabb.max[a] - grid.aabb.min[a]) / grid.resolution[a]);
  const min = [0, 1, 2].map((a) => grid.aabb.min[a] + ranges[a][0] * cell[a]) as [number, number, number];
  const max = [0, 1, 2].map((a) => grid.aabb.min[a] + ranges[a][1] * cell[a]) as [number, number, number];
  return { resolution: res, aabb: { min, max }, density, rgb };
}

/** The points (positions [n*3], colours [n*3]) inside `box`. */
export function cropPoints(positions: Float32Array, colors: Float32Array, box: CropBox): { positions: Float32Array; colors: Float32Array } {
  const keep: number[] = [];
  for (let i = 0; i < positions.length / 3; i++) {
    if (insideCropBox(box, positions[3 * i], positions[3 * i + 1], positions[3 * i + 2])) keep.push(i);
  }
  const p = new Float32Array(3 * keep.length), c = new Float32Array(3 * keep.length);
  keep.forEach((i, o) => { p.set(positions.subarray(3 * i, 3 * i + 3), 3 * o); c.set(colors.subarray(3 * i, 3 * i + 3), 3 * o); });
  return { positions: p, colors: c };
}
