// Renders of the procedural category (the data DFM and the image prior train on) as flat arrays for
// the KID feature extractor and for KID reference sets: images [N, S, S, 3] in [0, 1] and the scene
// parameters of each view [N, T] (scene-targets.ts). Scenes, splits, cameras and rendering are
// data/procedural's (the same scene seeds hashSeed(seed, i), sceneSplit, categoryViewPoses and
// renderAnalyticView as iterateDataset), so a scene seed is in the same split as everywhere else.
//
// views: 'all' renders every rig view of a scene (8 correlated images per scene: fine for training);
// 'one' renders one rig view per scene, chosen by the scene seed, so the images are independent
// draws from the category's (scene, view) distribution. KID reference sets must be 'one': the
// unbiased MMD estimator assumes i.i.d. samples, and 8 views of one scene are more alike than two
// random images, which biases KID upwards between two sets of disjoint scenes.
import { intrinsicsFromFov } from '../../camera';
import {
  categoryViewPoses, DATASET_DEFAULTS, hashSeed, proceduralCategoryScene, renderAnalyticView, sceneSplit,
} from '../../data/procedural';
import { sceneTargets, SCENE_TARGET_NAMES } from './scene-targets';

const FILE = 'src/engine/eval/kid/render-set.ts';

export interface RenderSetOptions {
  split: 'train' | 'test';
  /** Scenes of that split; the set holds scenes * viewsPerScene images ('all') or `scenes` images ('one'). */
  scenes: number;
  /** Dataset seed (scene seeds are hashSeed(seed, i) filtered by split, as in iterateDataset). */
  seed: number;
  /** Output image side S. */
  resolution: number;
  /** Side the views are ray traced at, an integer multiple of `resolution`; box-filtered down to it. */
  renderResolution: number;
  /** Views of the camera rig per scene (categoryViewPoses; view 0 is the front view). */
  viewsPerScene: number;
  /** Render every rig view of a scene, or one per scene (see the module comment). */
  views: 'all' | 'one';
  /** Skip this many scenes of the split first (for disjoint sets from one dataset seed). */
  skipScenes: number;
}

export const RENDER_SET_DEFAULTS: RenderSetOptions = {
  split: 'test', scenes: 25, seed: 0, resolution: 32, renderResolution: 32, viewsPerScene: DATASET_DEFAULTS.viewsPerScene,
  views: 'one', skipScenes: 0,
};

export interface RenderSet {
  count: number;
  size: number;
  /** [count, size, size, 3] row-major, values in [0, 1]. */
  images: Float32Array;
  /** [count, SCENE_TARGET_NAMES.length]. */
  targets: Float32Array;
  /** Scene seed of each image, [count]. */
  sceneSeeds: number[];
  options: RenderSetOptions;
}

/** Box-filter an [size*f, size*f, 3] image down by the integer factor f into out at offset. */
export function boxDownsample(src: Float32Array, size: number, factor: number, out: Float32Array, offset = 0): void {
  const big = size * factor;
  if (src.length !== big * big * 3) throw new Error(`${FILE}: boxDownsample expects ${big}x${big}x3 values, got ${src.length}`);
  const inv = 1 / (factor * factor);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) s += src[((y * factor + dy) * big + x * factor + dx) * 3 + c];
        out[offset + (y * size + x) * 3 + c] = s * inv;
      }
    }
  }
}

export function renderCategorySet(options: Partial<RenderSetOptions> = {}, onScene?: (done: number, total: number) => void): RenderSet {
  const o = { ...RENDER_SET_DEFAULTS, ...options };
  if (!Number.isInteger(o.scenes) || o.scenes < 1) throw new Error(`${FILE}: options.scenes must be a positive integer, got ${o.scenes}`);
  if (!Number.isInteger(o.resolution) || o.resolution < 4) throw new Error(`${FILE}: options.resolution must be an integer >= 4, got ${o.resolution}`);
  const factor = o.renderResolution / o.resolution;
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`${FILE}: options.renderResolution (${o.renderResolution}) must be an integer multiple of resolution (${o.resolution})`);
  if (o.views !== 'all' && o.views !== 'one') throw new Error(`${FILE}: options.views must be 'all' or 'one', got ${JSON.stringify(o.views)}`);
  const perScene = o.views === 'all' ? o.viewsPerScene : 1;
  const count = o.scenes * perScene;
  const px = o.resolution * o.resolution * 3;
  const t = SCENE_TARGET_NAMES.length;
  const images = new Float32Array(count * px);
  const targets = new Float32Array(count * t);
  const sceneSeeds: number[] = [];
  const k = intrinsicsFromFov(o.renderResolution, o.renderResolution, (DATASET_DEFAULTS.fovDeg * Math.PI) / 180);
  if (!Number.isInteger(o.skipScenes) || o.skipScenes < 0) throw new Error(`${FILE}: options.skipScenes must be a non-negative integer, got ${o.skipScenes}`);
  let n = 0;
  let skipped = 0;
  for (let i = 0; n < count; i++) {
    const sceneSeed = hashSeed(o.seed, i);
    if (sceneSplit(sceneSeed, DATASET_DEFAULTS.testFraction) !== o.split) continue;
    if (skipped < o.skipScenes) { skipped++; continue; }
    const { scene, info } = proceduralCategoryScene(sceneSeed);
    const poses = categoryViewPoses(sceneSeed, o.viewsPerScene, DATASET_DEFAULTS.radius);
    const chosen = o.views === 'all' ? poses.map((_, v) => v) : [hashSeed(sceneSeed, 0x6b1d) % o.viewsPerScene];
    for (const v of chosen) {
      const view = renderAnalyticView(scene, k, poses[v], DATASET_DEFAULTS.background, DATASET_DEFAULTS.supersample);
      if (factor === 1) images.set(view.image.data, n * px);
      else boxDownsample(view.image.data, o.resolution, factor, images, n * px);
      targets.set(sceneTargets(info, poses[v]), n * t);
      sceneSeeds.push(sceneSeed);
      n++;
    }
    onScene?.(n / perScene, o.scenes);
  }
  return { count, size: o.resolution, images, targets, sceneSeeds, options: o };
}
