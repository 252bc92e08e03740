// Scene type from the cameras (and sparse points or image borders): which parameterisation
// the reconstruction should use.
//   object          cameras around a centre, plain background (masks / uniform borders / no
//                   sparse points far out): a bounded box (today's path).
//   unbounded       cameras around a centre with a real background: mip-NeRF 360 contraction.
//   forward-facing  all cameras on one side looking the same way (LLFF): NDC.
// The decision is a few measured numbers and fixed thresholds, all returned so the studio and the
// CLI can show why; the artist can override it (FitOptions.sceneType).
import { lookAtPoint } from './normalize';
import type { Capture, CaptureView } from './types';

export type SceneType = 'object' | 'unbounded' | 'forward-facing';
export const SCENE_TYPES: readonly SceneType[] = ['object', 'unbounded', 'forward-facing'];

export interface SceneTypeReasons {
  views: number;
  /** |mean unit viewing direction|: 1 when every camera looks the same way. */
  forwardAlignment: number;
  /** 1 when the optical axes meet in front of the cameras (a look-at point exists). */
  converges: number;
  /** Azimuth (about +Y) covered by the cameras around the look-at point, degrees (360 - largest gap). */
  azimuthSpanDeg: number;
  /** Fraction of views whose alpha mask has transparent pixels (an all-opaque alpha is no mask). */
  alphaViews: number;
  /** Fraction of sparse points farther from the centre than 1.5x the median camera distance (null: no points). */
  farPoints: number | null;
  /** Mean standard deviation of the training images' border pixels (plain backdrop ~0; null: no images). */
  borderStd: number | null;
}

export interface SceneTypeDecision { type: SceneType; reasons: SceneTypeReasons; why: string }

/** Thresholds of the decision (measured on our test captures; see scene-type.test.ts). */
export const SCENE_TYPE_THRESHOLDS = {
  alignedForwardFacing: 0.95,
  alignedNoConvergence: 0.8,
  alphaViews: 0.5,
  farPoints: 0.1,
  borderStd: 0.06,
};

type Vec3 = [number, number, number];
const col = (m: ArrayLike<number>, c: number): Vec3 => [m[c], m[4 + c], m[8 + c]];
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1] : 0; };

/** Centre of the scene: the cameras' look-at point, else the mean camera centre. */
export function sceneCentre(views: Pick<CaptureView, 'c2w' | 'intrinsics'>[]): { centre: Vec3; converges: boolean } {
  const p = lookAtPoint(views);
  if (p) return { centre: p, converges: true };
  const n = Math.max(1, views.length);
  const c: Vec3 = [0, 0, 0];
  for (const v of views) for (let i = 0; i < 3; i++) c[i] += v.c2w[4 * i + 3] / n;
  return { centre: c, converges: false };
}

/** Mean over views of the per-channel standard deviation of a border band (4 % of the short side). */
export function borderStd(views: CaptureView[]): number | null {
  const sample = views.filter((v) => v.image && v.image.data.length > 0).slice(0, 16);
  if (sample.length === 0) return null;
  let total = 0;
  for (const v of sample) {
    const { width: w, height: h, data } = v.image;
    const band = Math.max(1, Math.round(0.04 * Math.min(w, h)));
    const sum = [0, 0, 0], sq = [0, 0, 0];
    let n = 0;
    const add = (x: number, y: number) => {
      const o = 3 * (y * w + x);
      for (let c = 0; c < 3; c++) { sum[c] += data[o + c]; sq[c] += data[o + c] * data[o + c]; }
      n++;
    };
    for (let y = 0; y < h; y++) {
      if (y < band || y >= h - band) { for (let x = 0; x < w; x++) add(x, y); continue; }
      for (let x = 0; x < Math.min(band, w); x++) add(x, y);
      for (let x = Math.max(band, w - band); x < w; x++) add(x, y);
    }
    let s = 0;
    for (let c = 0; c < 3; c++) s += Math.sqrt(Math.max(0, sq[c] / n - (sum[c] / n) ** 2));
    total += s / 3;
  }
  return total / sample.length;
}

function azimuthSpan(centres: Vec3[], centre: Vec3): number {
  const az = centres.map((c) => Math.atan2(c[0] - centre[0], c[2] - centre[2])).sort((a, b) => a - b);
  if (az.length < 2) return 0;
  let gap = az[0] + 2 * Math.PI - az[az.length - 1];
  for (let i = 1; i < az.length; i++) gap = Math.max(gap, az[i] - az[i - 1]);
  return (360 * (2 * Math.PI - gap)) / (2 * Math.PI);
}

/** Decide the scene type of a capture (all views are used; cameras are in the normalised world). */
export function classifySceneType(capture: Capture): SceneTypeDecision {
  const views = capture.views;
  const th = SCENE_TYPE_THRESHOLDS;
  const centres = views.map((v) => col(v.c2w, 3));
  const mean: Vec3 = [0, 0, 0];
  for (const v of views) { const f = col(v.c2w, 2); for (let i = 0; i < 3; i++) mean[i] -= f[i] / Math.max(1, views.length); }
  const { centre, converges } = sceneCentre(views);
  const camDist = median(centres.map((c) => Math.hypot(c[0] - centre[0], c[1] - centre[1], c[2] - centre[2])));
  let farPoints: number | null = null;
  const pts = capture.sparsePoints?.xyz;
  if (pts && pts.length >= 3 * 10) {
    let far = 0;
    const n = pts.length / 3;
    for (let i = 0; i < n; i++) {
      if (Math.hypot(pts[3 * i] - centre[0], pts[3 * i + 1] - centre[1], pts[3 * i + 2] - centre[2]) > 1.5 * camDist) far++;
    }
    farPoints = far / n;
  }
  const reasons: SceneTypeReasons = {
    views: views.length,
    forwardAlignment: Math.hypot(mean[0], mean[1], mean[2]),
    converges: converges ? 1 : 0,
    azimuthSpanDeg: azimuthSpan(centres, centre),
    alphaViews: views.filter((v) => hasTransparency(v.alpha)).length / Math.max(1, views.length),
    farPoints,
    borderStd: borderStd(views.filter((v) => v.split === 'train')),
  };
  const f = (x: number) => x.toFixed(2);
  if (reasons.alphaViews >= th.alphaViews || capture.format === 'blender') {
    return { type: 'object', reasons, why: `views carry alpha masks (${f(reasons.alphaViews)} of them) or a Blender capture: a bounded object` };
  }
  if (reasons.forwardAlignment >= th.alignedForwardFacing || (!converges && reasons.forwardAlignment >= th.alignedNoConvergence)) {
    return { type: 'forward-facing', reasons, why: `cameras look the same way (alignment ${f(reasons.forwardAlignment)}${converges ? '' : ', axes do not converge'})` };
  }
  // A wrong 'object' costs far more than a wrong 'unbounded' (the contraction maps the inner box
  // linearly, so an object fits there too, but an object box paints a real floor and walls as
  // floaters on a flat backdrop). So either sign of a background decides: sparse points far out,
  // or busy image borders. COLMAP finds few points on plain walls and floors, so few far points
  // alone do not prove a plain backdrop (the 64-frame beer-can video: 8 % far points, tiled floor).
  if (farPoints !== null && farPoints > th.farPoints) {
    return { type: 'unbounded', reasons, why: `${(100 * farPoints).toFixed(0)} % of the sparse points lie beyond 1.5x the camera distance: a background` };
  }
  const b = reasons.borderStd;
  if (b !== null && b > th.borderStd) return { type: 'unbounded', reasons, why: `image borders vary (std ${f(b)} > ${th.borderStd}): a background` };
  if (farPoints !== null && b !== null) {
    return { type: 'object', reasons, why: `only ${(100 * farPoints).toFixed(0)} % of the sparse points lie beyond 1.5x the camera distance and the image borders are plain (std ${f(b)})` };
  }
  return { type: 'object', reasons, why: b === null ? 'no images or points to see a background' : `image borders are plain (std ${f(b)})` };
}

/**
 * True when some pixel is clearly transparent. Readers may attach an alpha channel to every
 * view (e.g. photos decoded as RGBA); an all-opaque one says nothing about the scene being masked.
 */
function hasTransparency(alpha: Float32Array | undefined): boolean {
  if (!alpha) return false;
  for (let i = 0; i < alpha.length; i++) if (alpha[i] < 0.5) return true;
  return false;
}
