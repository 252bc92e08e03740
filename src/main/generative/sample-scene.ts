// One generated 3D scene from one photo, shared by `parallax sample` and the `sample` job runner:
//   1. sampleAlongPath: the path's views, each sampled with DDIM and added to the context
//   2. the key view (the generated view farthest from the photo) is the scene's preview
//   3. the finished scene pools its views as options.pooling says (poolScene); optional orbit
//      renders of it (renderScene)
//   4. bakeSceneGrid -> volume.bin (encodeVolume, the viewer's ray-marching volume)
//   5. extractMesh -> meshToGlb (null when the baked density has no surface)
import { cameraCenter } from '../../engine/camera';
import type { RgbImage } from '../../engine/data/types';
import {
  bakeSceneGrid, DEFAULT_SCENE_POOLING, disposeScene, poolScene, renderScene, sampleAlongPath, type CameraPathKind, type DfmModel,
  type DfmSampleProgress, type GenerationPaths, type ScenePooling, type TrainView,
} from '../../engine/dfm';
import { meshToGlb } from '../../engine/export';
import { extractMesh } from '../../engine/mesh';
import { encodeVolume } from '../../shared/volume-file';

export interface GenerateOptions {
  /** DDIM steps per sampled view. */
  steps: number;
  /** Classifier-free guidance weight w (1 = none); null = the model's default. */
  guidance: number | null;
  /** Sampler temperature; undefined = the model's default. */
  temperature?: number;
  /** Base seed; sample k uses seed + 1000 k (view i of it: + 1009 i, see sampleAlongPath). */
  seed: number;
  path: CameraPathKind;
  /** Bake grid resolution (voxels per side) for volume.bin and the mesh. */
  grid: number;
  /** Render the orbit poses of the finished scene. */
  renders: boolean;
  /** Decode the x0 estimate every this many DDIM steps for onStep (0: never). */
  previewEvery: number;
  maxContextViews: number;
  /** How the finished scene pools its views (renders, volume, mesh). */
  pooling: ScenePooling;
}

export const GENERATE_DEFAULTS: GenerateOptions = {
  steps: 50, guidance: null, seed: 0, path: 'orbit', grid: 64, renders: false, previewEvery: 0, maxContextViews: 2, pooling: DEFAULT_SCENE_POOLING,
};

export interface GenerateHooks {
  onStep?(view: number, p: DfmSampleProgress): void | Promise<void>;
  /** Every view is sampled; rendering, baking and meshing start (seconds of work at 64^3). */
  onFinishing?(): void | Promise<void>;
  shouldStop?(): boolean;
}

export interface GeneratedSample {
  seed: number;
  /** The generated views, in path order (all samples of a group share the path's poses). */
  views: RgbImage[];
  /** Index in `views` of the preview (the view farthest from the photo). */
  keyView: number;
  renders: RgbImage[];
  volume: Uint8Array;
  glb: Uint8Array | null;
  triangles: number;
  isoLevel: number;
  seconds: number;
}

/** Index of the camera whose centre is farthest from `from`'s. */
export function farthestView(from: TrainView['camera'], cameras: readonly TrainView['camera'][]): number {
  const c0 = cameraCenter(from.c2w);
  let best = 0; let bestD = -1;
  cameras.forEach((c, i) => {
    const c1 = cameraCenter(c.c2w);
    const d = Math.hypot(c1[0] - c0[0], c1[1] - c0[1], c1[2] - c0[2]);
    if (d > bestD + 1e-9) { best = i; bestD = d; }
  });
  return best;
}

/**
 * Sample scene k of a group (seed options.seed + 1000 k) from `photo` along `paths.sample`.
 * Returns null when hooks.shouldStop() turned true before the scene was complete.
 */
export async function generateSample(
  model: DfmModel, modelHash: string, photo: TrainView, paths: GenerationPaths, k: number,
  options: Partial<GenerateOptions> = {}, hooks: GenerateHooks = {},
): Promise<GeneratedSample | null> {
  const o = { ...GENERATE_DEFAULTS, ...options };
  const seed = o.seed + 1000 * k;
  const t0 = Date.now();
  const res = await sampleAlongPath(model, [photo], paths.sample, {
    seed, sampler: { steps: o.steps, ...(o.temperature !== undefined ? { temperature: o.temperature } : {}) },
    guidance: o.guidance, maxContextViews: o.maxContextViews, previewEvery: o.previewEvery,
    onViewStep: hooks.onStep, shouldStop: hooks.shouldStop,
  });
  let scene = res.scene;
  try {
    if (hooks.shouldStop?.()) return null;
    await hooks.onFinishing?.();
    scene = poolScene(model, res.scene, o.pooling);
    const views = res.views.map((v) => v.image);
    const renders = o.renders ? paths.orbit.map((cam) => renderScene(model, scene, cam).image) : [];
    const grid = bakeSceneGrid(model, scene, { resolution: o.grid });
    // Iso-surface where one render interval (the model's own sample spacing) reaches opacity 1/2,
    // lowered to half the peak density for soft (e.g. under-trained) fields so a surface exists.
    const r = model.config.render;
    let peak = 0;
    for (const d of grid.density) peak = Math.max(peak, d);
    const isoLevel = Math.min((Math.log(2) * r.samples) / (r.far - r.near), 0.5 * peak);
    const volume = encodeVolume(grid);
    const mesh = extractMesh(grid, { field: 'density', isoLevel });
    const glb = mesh.indices.length > 0
      ? await meshToGlb(mesh, { provenance: { method: 'dfm', seed, steps: o.steps, isoLevel, guidance: o.guidance ?? model.config.guidance, path: o.path, pooling: o.pooling, modelHash } })
      : null;
    return {
      seed, views, keyView: farthestView(photo.camera, paths.sample), renders, volume, glb,
      triangles: mesh.indices.length / 3, isoLevel, seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    disposeScene(scene);
  }
}
