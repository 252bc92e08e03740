// The sparse structure-from-motion points a scene keeps for the viewer: the points of the capture
// it was fitted on (Capture.sparsePoints, already in the capture's normalised world, which is the
// scene's world), decimated to at most SPARSE_POINTS_MAX by a fixed stride so the file stays small
// and the same capture always gives the same subset. Written as a binary PLY (x y z, red green blue).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SPARSE_POINTS_FILE = 'sparse-points.ply';
export const SPARSE_POINTS_MAX = 50_000;

export interface SparsePoints {
  /** [N*3] world xyz. */
  xyz: Float32Array;
  /** [N*3] sRGB 0..255. */
  rgb: Uint8Array;
}

/** Every k-th point (k = ceil(N / max)); positions [M*3] and colours in [0,1] [M*3]. */
export function decimatePoints(p: SparsePoints, max = SPARSE_POINTS_MAX): { positions: Float32Array; colors: Float32Array } {
  const n = Math.floor(p.xyz.length / 3);
  const stride = Math.max(1, Math.ceil(n / max));
  const m = Math.ceil(n / stride);
  const positions = new Float32Array(3 * m);
  const colors = new Float32Array(3 * m);
  for (let i = 0, o = 0; i < n; i += stride, o++) {
    for (let c = 0; c < 3; c++) {
      positions[3 * o + c] = p.xyz[3 * i + c];
      colors[3 * o + c] = p.rgb[3 * i + c] / 255;
    }
  }
  return { positions, colors };
}

/** Write the scene's sparse-points PLY into `dir`; returns the file name, or null when there are no points. */
export async function writeSceneSparsePoints(dir: string, points: SparsePoints | undefined): Promise<string | null> {
  if (!points || points.xyz.length < 3) return null;
  const { pointsToPly } = await import('../../../engine/export');
  const { positions, colors } = decimatePoints(points);
  await writeFile(join(dir, SPARSE_POINTS_FILE), pointsToPly(positions, colors));
  return SPARSE_POINTS_FILE;
}
