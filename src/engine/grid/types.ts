// A baked radiance field on a regular grid: what reconstruction and sampling hand to the
// mesher, the exporters and the viewer.

export interface BakedGrid {
  /** Voxel counts along x, y, z. */
  resolution: [number, number, number];
  /** World-space box covered by the grid; voxel centres are at min + (i + 0.5) * size / n. */
  aabb: { min: [number, number, number]; max: [number, number, number] };
  /** Volume density sigma (per world unit), index x + nx * (y + ny * z). */
  density: Float32Array;
  /** RGB in [0,1], 3 per voxel, same index order. */
  rgb: Float32Array;
}
