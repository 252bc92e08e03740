// The fixed camera set of the radiance-field representation (notes §1.4 option (a), §4.2 E3): V cameras,
// each with its own persistent managed noise eps_v, placed exactly like the image prior's training renders
// (prior/data.ts) so every render is in the prior's distribution (notes §4.5, "a camera distribution that
// differs from the prior's training views"): cameraOnSphere(origin, radius 2.2, azimuth, elevation),
// intrinsicsFromFov(R, R, 40 deg), the white background, azimuth 0 looking from +Z (the objects' front),
// elevation in [0, 35] deg. Each view's cond is the prior's conditioning vector priorCondition(el, az).
//
// Placement: azimuths evenly spaced over 360 deg from a per-seed phase (so views cover every side), and
// elevations stratified over the range in a golden-ratio order (so neighbouring azimuths differ in height).
import { generateRays, intrinsicsFromFov, type Intrinsics, type Mat4 } from '../camera';
import { cameraOnSphere, DATASET_DEFAULTS, mulberry32, hashSeed } from '../data/procedural';
import { priorCondition } from '../prior/data';
import type { RepView } from './types';

export interface FieldCameraConfig {
  /** Number V of fixed views, each with its own managed noise (notes §4.2 E3: 8-16). */
  views: number;
  /** Camera distance from the origin (prior/data.ts: DATASET_DEFAULTS.radius). */
  radius: number;
  /** Horizontal field of view in degrees (DATASET_DEFAULTS.fovDeg). */
  fovDeg: number;
  minElevationDeg: number;
  maxElevationDeg: number;
}

export const FIELD_CAMERA_DEFAULTS: FieldCameraConfig = {
  views: 16, radius: DATASET_DEFAULTS.radius, fovDeg: DATASET_DEFAULTS.fovDeg, minElevationDeg: 0, maxElevationDeg: 35,
};

export interface FieldView extends RepView {
  /** Index v into the fixed view set (and into the managed noise [V, H, W, 3]); -1 for extra views. */
  index: number;
  azimuth: number;
  elevation: number;
  c2w: Mat4;
}

/** One camera of the prior's rig; angles in radians. `index` -1 = not one of the fixed views. */
export function fieldView(c: FieldCameraConfig, azimuth: number, elevation: number, index = -1): FieldView {
  const az = ((azimuth % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return {
    key: `${index >= 0 ? `view${index}` : 'extra'}@az${((az * 180) / Math.PI).toFixed(1)},el${((elevation * 180) / Math.PI).toFixed(1)}`,
    index, azimuth: az, elevation, cond: priorCondition(elevation, az),
    c2w: cameraOnSphere([0, 0, 0], c.radius, az, elevation),
  };
}

/** A photo's camera on the prior's rig (radians): it becomes fixed view 0 (fieldViewSet), the view RePaint knows. */
export interface FieldPhotoView { azimuth: number; elevation: number }

/**
 * The V fixed views for a seed (deterministic in (config, seed)). With `photo`, view 0 sits at the photo's camera
 * instead (the other V - 1 keep their places), so the photo's view has its own managed noise like every view.
 */
export function fieldViewSet(c: FieldCameraConfig, seed: number, photo: FieldPhotoView | null = null): FieldView[] {
  const rng = mulberry32(hashSeed(seed, 0xf1e1d));
  const phase = rng() * 2 * Math.PI;
  const golden = (Math.sqrt(5) - 1) / 2;
  const deg = Math.PI / 180;
  return Array.from({ length: c.views }, (_, v) => {
    const u = ((v + 0.5) * golden) % 1;
    const el = (c.minElevationDeg + (c.maxElevationDeg - c.minElevationDeg) * u) * deg;
    return photo && v === 0 ? fieldView(c, photo.azimuth, photo.elevation, 0) : fieldView(c, phase + (2 * Math.PI * v) / c.views, el, v);
  });
}

/** A ring of n views at one elevation (the picture / per-view PNGs), azimuth 0 first. */
export function fieldRing(c: FieldCameraConfig, n: number, elevationDeg: number): FieldView[] {
  return Array.from({ length: n }, (_, i) => fieldView(c, (2 * Math.PI * i) / n, (elevationDeg * Math.PI) / 180));
}

export function fieldIntrinsics(c: FieldCameraConfig, size: number): Intrinsics {
  return intrinsicsFromFov(size, size, (c.fovDeg * Math.PI) / 180);
}

/** Rays of a view, row-major pixels (the image layout [H, W, 3]): origins and unit directions [H W, 3]. */
export function viewRays(c: FieldCameraConfig, size: number, view: FieldView) {
  return generateRays(fieldIntrinsics(c, size), view.c2w);
}

/** k distinct views out of `all` (all of them, in order, when k >= V): a partial Fisher-Yates shuffle. */
export function pickViews<V>(all: readonly V[], k: number, rng: () => number): V[] {
  if (k >= all.length) return [...all];
  const idx = all.map((_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, k).map((i) => all[i]);
}
