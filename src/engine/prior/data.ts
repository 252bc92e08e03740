// Training and held-out images for the image prior (issue 17, "The prior"): renders of the procedural toy
// category that DFM trains on (data/procedural), at 32x32, each with the camera's elevation and azimuth.
//
// Scenes: scene seed s_i = hashSeed(seed, i), kept when sceneSplit(s_i) is the wanted split, exactly as
// generateDataset does, so the held-out scenes are DFM's held-out scenes and never appear in training.
// Views: unlike generateDataset's fixed 8-view ring, azimuth is uniform in [0, 2 pi) and elevation uniform
// in the category's [0, 35] degrees, drawn from a per-scene stream, so the prior sees every azimuth
// (DDRep's panorama and field representations ask for arbitrary ones).
// Camera convention (data/procedural/rig.ts): azimuth 0 looks from +Z (the objects' front), grows towards +X.
import { intrinsicsFromFov } from '../camera';
import {
  cameraOnSphere, createRng, DATASET_DEFAULTS, hashSeed, proceduralCategoryScene, renderAnalyticView, sceneSplit,
} from '../data/procedural';

export interface PriorDataOptions {
  /** Number of images to produce. */
  count: number;
  seed: number;
  split: 'train' | 'test';
  /** Views rendered per scene (the last scene may contribute fewer). */
  viewsPerScene: number;
  resolution: number;
  /** Elevation range in degrees (the category's own views span 0-35). */
  minElevationDeg: number;
  maxElevationDeg: number;
  /** Rays per pixel side (anti-aliasing). */
  supersample: number;
}

export const PRIOR_DATA_DEFAULTS: PriorDataOptions = {
  count: 4096, seed: 0, split: 'train', viewsPerScene: 8, resolution: 32, minElevationDeg: 0, maxElevationDeg: 35, supersample: 3,
};

/** Held-out renders for KID: 200 images, 4 views of each of 50 held-out scenes. */
export const HELD_OUT_DEFAULTS: Pick<PriorDataOptions, 'count' | 'viewsPerScene'> = { count: 200, viewsPerScene: 4 };

export interface PriorImages {
  /** [N, R, R, 3] row-major, values in [-1, 1] (the diffusion data range). */
  images: Float32Array;
  /** [N] conditions [sin az, cos az, elevation rad] (priorCondition). */
  conds: number[][];
  /** Scene seed of each image. */
  sceneSeeds: number[];
  count: number;
  resolution: number;
}

const FILE = 'prior/data.ts';

/** The conditioning vector of a view: [sin(azimuth), cos(azimuth), elevation], angles in radians. */
export function priorCondition(elevationRad: number, azimuthRad: number): number[] {
  if (!Number.isFinite(elevationRad) || !Number.isFinite(azimuthRad)) {
    throw new Error(`${FILE}: elevation and azimuth must be finite, got ${elevationRad}, ${azimuthRad}`);
  }
  return [Math.sin(azimuthRad), Math.cos(azimuthRad), elevationRad];
}

function check(o: PriorDataOptions): void {
  const int = (field: keyof PriorDataOptions, lo: number) => {
    const v = o[field] as number;
    if (!Number.isInteger(v) || v < lo) throw new Error(`${FILE}: ${field} must be an integer >= ${lo}, got ${v}`);
  };
  int('count', 0); int('viewsPerScene', 1); int('resolution', 4); int('supersample', 1);
  if (!Number.isInteger(o.seed)) throw new Error(`${FILE}: seed must be an integer, got ${o.seed}`);
  if (o.split !== 'train' && o.split !== 'test') throw new Error(`${FILE}: split must be 'train' or 'test', got ${String(o.split)}`);
  if (!(o.minElevationDeg <= o.maxElevationDeg && o.minElevationDeg > -90 && o.maxElevationDeg < 90)) {
    throw new Error(`${FILE}: elevation range must satisfy -90 < min <= max < 90, got ${o.minElevationDeg}, ${o.maxElevationDeg}`);
  }
}

/**
 * `count` renders of the split's scenes, deterministic in (seed, options). Cost: about
 * resolution^2 * supersample^2 analytic rays per image (a few ms at 32x32 on one core).
 */
export function priorImages(options: Partial<PriorDataOptions> = {}): PriorImages {
  const o: PriorDataOptions = { ...PRIOR_DATA_DEFAULTS, ...options };
  check(o);
  const R = o.resolution;
  const px = R * R * 3;
  const images = new Float32Array(o.count * px);
  const conds: number[][] = [];
  const sceneSeeds: number[] = [];
  const k = intrinsicsFromFov(R, R, (DATASET_DEFAULTS.fovDeg * Math.PI) / 180);
  const deg = Math.PI / 180;
  let n = 0;
  for (let i = 0; n < o.count; i++) {
    const sceneSeed = hashSeed(o.seed, i);
    if (sceneSplit(sceneSeed) !== o.split) continue;
    const { scene } = proceduralCategoryScene(sceneSeed);
    const rng = createRng(hashSeed(sceneSeed, 0x9e1a));
    for (let v = 0; v < o.viewsPerScene && n < o.count; v++, n++) {
      const az = rng.range(0, 2 * Math.PI);
      const el = rng.range(o.minElevationDeg, o.maxElevationDeg) * deg;
      const c2w = cameraOnSphere([0, 0, 0], DATASET_DEFAULTS.radius, az, el);
      const img = renderAnalyticView(scene, k, c2w, DATASET_DEFAULTS.background, o.supersample).image.data;
      const off = n * px;
      for (let j = 0; j < px; j++) images[off + j] = img[j] * 2 - 1;
      conds.push(priorCondition(el, az));
      sceneSeeds.push(sceneSeed);
    }
  }
  return { images, conds, sceneSeeds, count: o.count, resolution: R };
}

/** N held-out renders (scenes of the 'test' split), deterministic from `seed`: the reference set for KID. */
export function heldOutImages(count: number = HELD_OUT_DEFAULTS.count, seed = 0, options: Partial<PriorDataOptions> = {}): PriorImages {
  return priorImages({ ...options, viewsPerScene: options.viewsPerScene ?? HELD_OUT_DEFAULTS.viewsPerScene, count, seed, split: 'test' });
}
