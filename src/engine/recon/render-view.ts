// Rendering a fitted scene from any camera, and held-out evaluation.
import { pixelRay, type Intrinsics, type Mat4 } from '../camera';
import type { CaptureView, RgbImage } from '../data/types';
import { psnr, ssim } from '../metrics';
import type { VoxelGrid } from './grid';
import { Marcher, type MarchParams } from './marcher';
import { computeOccupancy } from './occupancy';
import type { FittedScene } from './types';

/** A grid view of the scene's arrays plus its occupancy mask (cached per scene object). */
interface Prepared { grid: VoxelGrid; occ: Uint8Array; params: MarchParams }
const cache = new WeakMap<FittedScene, Prepared>();
/**
 * Samples with weight w_i below this are not shaded, as in training after stage 0 (trainer.ts),
 * so renders match the model that was fitted; it saves the colour gathers of the faint fog that
 * real (unbounded) scenes keep everywhere.
 */
const RENDER_WEIGHT_THRESHOLD = 1e-4;

export function sceneGrid(s: FittedScene): VoxelGrid {
  const [nx, ny, nz] = s.resolution;
  const cell: [number, number, number] = [0, 0, 0], inv: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    cell[i] = (s.aabb.max[i] - s.aabb.min[i]) / (s.resolution[i] - 1);
    inv[i] = 1 / cell[i];
  }
  const g: VoxelGrid = { nx, ny, nz, aabb: s.aabb, cell, inv, k: (s.shDegree + 1) ** 2, density: s.density, color: s.color };
  if (s.space && s.space.kind !== 'world') g.space = s.space;
  return g;
}

function prepare(s: FittedScene): Prepared {
  const hit = cache.get(s);
  if (hit) return hit;
  const grid = sceneGrid(s);
  const dt = s.stepRatio * Math.min(...grid.cell);
  const occ = computeOccupancy(grid, s.densityShift, s.densityScale, dt, 1e-4);
  const params: MarchParams = {
    shift: s.densityShift, scale: s.densityScale, dt, near: s.near, far: s.far, weightThreshold: RENDER_WEIGHT_THRESHOLD, entropyWeight: 0, background: s.background,
  };
  const p = { grid, occ, params };
  cache.set(s, p);
  return p;
}

/** Render from a grid directly (used for previews during training). */
export function renderGridView(
  grid: VoxelGrid, occ: Uint8Array | null, params: MarchParams, k: Intrinsics, c2w: Mat4,
): { rgb: RgbImage; depth: Float32Array; opacity: Float32Array } {
  const { width, height } = k;
  const data = new Float32Array(width * height * 3);
  const depth = new Float32Array(width * height), opacity = new Float32Array(width * height);
  const dir = new Float32Array(3);
  const m = new Marcher();
  const ox = c2w[3], oy = c2w[7], oz = c2w[11];
  for (let v = 0, i = 0; v < height; v++) {
    for (let u = 0; u < width; u++, i++) {
      pixelRay(k, c2w, u, v, dir, 0);
      m.forward(grid, occ, params, ox, oy, oz, dir[0], dir[1], dir[2], 0.5, false);
      data[3 * i] = m.r; data[3 * i + 1] = m.g; data[3 * i + 2] = m.b;
      opacity[i] = m.opacity;
      depth[i] = m.opacity > 1e-3 ? m.depth / m.opacity : 0;
    }
  }
  return { rgb: { width, height, data }, depth, opacity };
}

/**
 * Full-image render. `depth` is the expected termination distance along the (unit) ray,
 * normalised by opacity (0 where opacity <= 1e-3); `opacity` = 1 - final transmittance.
 */
export function renderSceneView(
  s: FittedScene, k: Intrinsics, c2w: Mat4, background: [number, number, number],
): { rgb: RgbImage; depth: Float32Array; opacity: Float32Array } {
  const p = prepare(s);
  return renderGridView(p.grid, p.occ, { ...p.params, background }, k, c2w);
}

/** Mean per-view PSNR and SSIM over `views`, rendered on the scene's background colour. */
export function evaluateScene(s: FittedScene, views: CaptureView[]): { psnr: number; ssim: number } {
  if (views.length === 0) throw new Error('evaluateScene: views is empty; pass at least one held-out view');
  let p = 0, q = 0;
  for (const v of views) {
    const r = renderSceneView(s, v.intrinsics, v.c2w, s.background);
    p += psnr(r.rgb, v.image);
    q += ssim(r.rgb, v.image);
  }
  return { psnr: p / views.length, ssim: q / views.length };
}
