// Renders of the procedural category (the data DFM and the image prior train on) as flat arrays for
// the KID feature extractor and for KID reference sets: images [N, S, S, 3] in [0, 1] and the scene
// parameters of each view [N, T] (scene-targets.ts). Scenes come from data/procedural's
// iterateDataset, so a scene seed is in the same train/test split as everywhere else.
import { iterateDataset, DATASET_DEFAULTS } from '../../data/procedural';
import { sceneTargets, SCENE_TARGET_NAMES } from './scene-targets';

const FILE = 'src/engine/eval/kid/render-set.ts';

export interface RenderSetOptions {
  split: 'train' | 'test';
  /** Scenes of that split; the set holds scenes * viewsPerScene images. */
  scenes: number;
  /** Dataset seed (scene seeds are hashSeed(seed, i) filtered by split, as in iterateDataset). */
  seed: number;
  /** Output image side S. */
  resolution: number;
  /** Side the views are ray traced at, an integer multiple of `resolution`; box-filtered down to it. */
  renderResolution: number;
  viewsPerScene: number;
}

export const RENDER_SET_DEFAULTS: RenderSetOptions = {
  split: 'test', scenes: 25, seed: 0, resolution: 32, renderResolution: 32, viewsPerScene: DATASET_DEFAULTS.viewsPerScene,
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
  const count = o.scenes * o.viewsPerScene;
  const px = o.resolution * o.resolution * 3;
  const t = SCENE_TARGET_NAMES.length;
  const images = new Float32Array(count * px);
  const targets = new Float32Array(count * t);
  const sceneSeeds: number[] = [];
  let n = 0;
  for (const s of iterateDataset({ scenes: o.scenes, seed: o.seed, split: o.split, resolution: o.renderResolution, viewsPerScene: o.viewsPerScene })) {
    for (const view of s.capture.views) {
      if (factor === 1) images.set(view.image.data, n * px);
      else boxDownsample(view.image.data, o.resolution, factor, images, n * px);
      targets.set(sceneTargets(s.info, view.c2w), n * t);
      sceneSeeds.push(s.sceneSeed);
      n++;
    }
    onScene?.(s.index + 1, o.scenes);
  }
  return { count, size: o.resolution, images, targets, sceneSeeds, options: o };
}
