// Empty-space skipping mask (Plenoxels' pruning / DVGO's mask cache, in one array).
// occ[ix + nx * (iy + ny * iz)] = 1 when the cell whose lower corner is that vertex may hold
// a sample with per-step opacity above `threshold`. Because the density is interpolated
// before its (monotonic) activation, a cell whose 8 corners are all below the threshold only
// holds samples below it; we dilate by one more cell so surfaces can still grow.
import { softplus, type VoxelGrid } from './grid';

export function computeOccupancy(
  grid: VoxelGrid, shift: number, scale: number, dt: number, threshold: number, out?: Uint8Array,
): Uint8Array {
  const { nx, ny, nz, density } = grid;
  const n = nx * ny * nz;
  const a = new Uint8Array(n);
  // Vertex flags: alpha = 1 - exp(-sigma dt) > threshold  <=>  sigma dt > -log(1 - threshold).
  const limit = -Math.log(1 - threshold) / (scale * dt);
  for (let i = 0; i < n; i++) a[i] = softplus(density[i] + shift) > limit ? 1 : 0;
  // Cell (i) covers vertices i..i+1; dilated by one cell: vertices i-1..i+2 on each axis.
  const b = new Uint8Array(n);
  dilate(a, b, 1, nx, n);
  dilate(b, a, nx, ny, n);
  const res = out ?? new Uint8Array(n);
  dilate(a, res, nx * ny, nz, n);
  return res;
}

function dilate(src: Uint8Array, dst: Uint8Array, stride: number, len: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / stride) % len;
    let v = src[i];
    if (c > 0 && src[i - stride]) v = 1;
    if (c + 1 < len && src[i + stride]) v = 1;
    if (c + 2 < len && src[i + 2 * stride]) v = 1;
    dst[i] = v;
  }
}

/** Tight box around vertices with per-step opacity above `threshold`, padded by `pad` cells. */
export function occupiedBox(
  grid: VoxelGrid, shift: number, scale: number, dt: number, threshold: number, pad: number,
): { min: [number, number, number]; max: [number, number, number] } | null {
  const { nx, ny, nz, density } = grid;
  const limit = -Math.log(1 - threshold) / (scale * dt);
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (softplus(density[i] + shift) <= limit) continue;
        if (x < lo[0]) lo[0] = x; if (y < lo[1]) lo[1] = y; if (z < lo[2]) lo[2] = z;
        if (x > hi[0]) hi[0] = x; if (y > hi[1]) hi[1] = y; if (z > hi[2]) hi[2] = z;
      }
    }
  }
  if (lo[0] === Infinity) return null;
  const min: [number, number, number] = [0, 0, 0], max: [number, number, number] = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    min[a] = Math.max(grid.aabb.min[a], grid.aabb.min[a] + (lo[a] - pad) * grid.cell[a]);
    max[a] = Math.min(grid.aabb.max[a], grid.aabb.min[a] + (hi[a] + pad) * grid.cell[a]);
  }
  return { min, max };
}
