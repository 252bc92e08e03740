// The multi-view category dataset (issue 4, item 7): one Capture per procedural toy scene,
// rendered at `resolution` from `viewsPerScene` cameras around it, with exact depth.
//
// View 0 of every scene is the informative FRONT view (azimuth within +-8 deg of +Z, 10-25
// deg elevation); views 1.. spread evenly in azimuth around the object (jittered), elevations
// 0-35 deg. All views of a scene are in split 'train' of its capture; the held-out split is
// per SCENE: `sceneSplit(sceneSeed)` puts a fixed fraction of scene seeds in 'test', so a
// scene seed is always in the same split whatever dataset seed or size produced it.
import { intrinsicsFromFov } from '../../camera';
import type { Mat4 } from '../../camera';
import type { Capture, CaptureView } from '../types';
import { proceduralCategoryScene } from './category';
import type { CategorySceneInfo } from './category';
import { captureFromViews } from './capture';
import { createRng, hashSeed } from './prng';
import { cameraOnSphere } from './rig';
import type { ProceduralScene, Vec3 } from './scene';
import { renderAnalyticView } from './trace';

export interface DatasetOptions {
  scenes: number;
  seed: number;
  resolution: number;
  viewsPerScene: number;
  /** Which scenes to produce: both splits in seed order, or only scenes of one split. */
  split: 'all' | 'train' | 'test';
  /** Fraction of scene seeds that are held out ('test'). */
  testFraction: number;
  supersample: number;
  radius: number;
  fovDeg: number;
  background: Vec3;
}

export const DATASET_DEFAULTS: DatasetOptions = {
  scenes: 16, seed: 0, resolution: 64, viewsPerScene: 8, split: 'all', testFraction: 0.2,
  supersample: 3, radius: 2.2, fovDeg: 40, background: [1, 1, 1],
};

export interface DatasetScene {
  index: number;
  sceneSeed: number;
  split: 'train' | 'test';
  capture: Capture;
  scene: ProceduralScene;
  info: CategorySceneInfo;
}

export function sceneSplit(sceneSeed: number, testFraction = DATASET_DEFAULTS.testFraction): 'train' | 'test' {
  return hashSeed(sceneSeed, 0x5eed) / 4294967296 < testFraction ? 'test' : 'train';
}

/** Camera poses of a category scene: view 0 is the front view. */
export function categoryViewPoses(sceneSeed: number, views: number, radius: number): Mat4[] {
  const rng = createRng(hashSeed(sceneSeed, 3));
  const deg = Math.PI / 180;
  const poses: Mat4[] = [];
  for (let i = 0; i < views; i++) {
    if (i === 0) {
      poses.push(cameraOnSphere([0, 0, 0], radius, rng.range(-8, 8) * deg, rng.range(10, 25) * deg));
      continue;
    }
    const step = (2 * Math.PI) / views;
    poses.push(cameraOnSphere([0, 0, 0], radius, i * step + rng.range(-0.3, 0.3) * step, rng.range(0, 35) * deg));
  }
  return poses;
}

/** Render one category scene into a Blender-style capture (files train/r_<i>.png). */
export function renderCategoryCapture(
  sceneSeed: number, options: Partial<DatasetOptions> = {},
): { capture: Capture; scene: ProceduralScene; info: CategorySceneInfo } {
  const o = { ...DATASET_DEFAULTS, ...options };
  const { scene, info } = proceduralCategoryScene(sceneSeed);
  const k = intrinsicsFromFov(o.resolution, o.resolution, (o.fovDeg * Math.PI) / 180);
  const views: CaptureView[] = categoryViewPoses(sceneSeed, o.viewsPerScene, o.radius).map((c2w, i) => {
    const r = renderAnalyticView(scene, k, c2w, o.background, o.supersample);
    return { file: `train/r_${i}.png`, split: 'train', intrinsics: { ...k }, c2w, image: r.image, alpha: r.alpha, depth: r.depth };
  });
  return { capture: captureFromViews(scene, views, o.background), scene, info };
}

/** Scenes one at a time (memory stays flat for large datasets). */
export function* iterateDataset(options: Partial<DatasetOptions> = {}): Generator<DatasetScene> {
  const o = { ...DATASET_DEFAULTS, ...options };
  if (!Number.isInteger(o.scenes) || o.scenes < 0) throw new Error(`generateDataset: scenes must be a non-negative integer, got ${o.scenes}`);
  if (!Number.isInteger(o.resolution) || o.resolution < 4 || o.resolution > 4096) throw new Error(`generateDataset: resolution must be an integer in [4, 4096], got ${o.resolution}`);
  if (!Number.isInteger(o.viewsPerScene) || o.viewsPerScene < 1) throw new Error(`generateDataset: viewsPerScene must be a positive integer, got ${o.viewsPerScene}`);
  let produced = 0;
  for (let i = 0; produced < o.scenes; i++) {
    const sceneSeed = hashSeed(o.seed, i);
    const split = sceneSplit(sceneSeed, o.testFraction);
    if (o.split !== 'all' && split !== o.split) continue;
    const r = renderCategoryCapture(sceneSeed, o);
    yield { index: produced++, sceneSeed, split, ...r };
  }
}

export function generateDataset(options: Partial<DatasetOptions> & { scenes: number; seed: number }): DatasetScene[] {
  return Array.from(iterateDataset(options));
}
