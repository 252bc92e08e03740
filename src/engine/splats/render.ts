// renderSplats: one image of a splat scene from a camera, on the calling thread (previews,
// `render --cameras`). Uses the same kernels as training.
import type { Intrinsics, Mat4 } from '../camera';
import type { RgbImage } from '../data/types';
import { splatCamera } from './camera';
import { SplatRasterizer } from './rasterizer';
import { shCoefficientsPerChannel, type SplatScene } from './types';

export interface RenderSplatsOptions {
  /** Gaussians closer to the camera than this are culled (the reference's 0.2). */
  near: number;
  /** SH degree used (default: the scene's). */
  shDegree?: number;
  background?: [number, number, number];
}

export const RENDER_SPLATS_DEFAULTS: RenderSplatsOptions = { near: 0.2 };

export function checkSplatScene(s: SplatScene, what = 'splat scene'): void {
  const n = s.count, rest = 3 * (shCoefficientsPerChannel(s.shDegree) - 1);
  const want: [keyof SplatScene, number][] = [['positions', 3 * n], ['logScales', 3 * n], ['rotations', 4 * n], ['opacityLogits', n], ['shDc', 3 * n], ['shRest', rest * n]];
  for (const [k, len] of want) {
    const a = s[k] as Float32Array;
    if (!(a instanceof Float32Array) || a.length !== len) throw new Error(`${what}: field "${k}" has length ${(a as Float32Array | undefined)?.length} (expected ${len} for count ${n}, shDegree ${s.shDegree})`);
  }
}

let shared: SplatRasterizer | null = null;

export function renderSplats(scene: SplatScene, k: Intrinsics, c2w: Mat4, options: Partial<RenderSplatsOptions> = {}): RgbImage {
  checkSplatScene(scene);
  const o = { ...RENDER_SPLATS_DEFAULTS, ...options };
  const degree = Math.min(scene.shDegree, o.shDegree ?? scene.shDegree);
  shared ??= new SplatRasterizer();
  const img = shared.forwardSync(scene, scene.count, { degree, restPerChannel: shCoefficientsPerChannel(scene.shDegree) - 1 },
    splatCamera(k, c2w, o.near), o.background ?? scene.background);
  return { width: k.width, height: k.height, data: Float32Array.from(img, (v) => Math.min(1, Math.max(0, v))) };
}
