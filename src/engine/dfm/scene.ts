// Sampled 3D scenes: camera paths, autoregressive sampling for 360-degree coverage (supplement
// Sec. 2.1: "we iteratively sample new images that are then added as a context frame for the next
// frame"), rendering a sampled scene from any pose and baking it to a BakedGrid for meshing/export.
//
// The final scene S is the joint pixelNeRF field (Eq. 14 at t = 0) conditioned on every context
// view (enc_0 of the image) and every generated view: earlier generated views as context frames,
// the last one as the target slot with its O_det channels, exactly as in its last denoising step.
import type * as tfn from '@tensorflow/tfjs';
import { cameraCenter, lookAt, type Mat4 } from '../camera';
import type { RgbImage } from '../data/types';
import { makeCameras, queryPixelField, type FieldConditioning, type ViewCamera } from '../fields';
import type { BakedGrid } from '../grid/types';
import { fieldConfigOf } from './config';
import { encodeContext } from './denoiser';
import { imageToTensor, tensorToImage } from './images';
import { JOINT_FIELD_PREFIX, type DfmModel } from './model';
import type { ScenePooling } from './pooling';
import { renderImage } from './render-util';
import { disposeScene, sampleView, sceneField, type DfmSampleOptions, type DfmSampleProgress, type DfmScene } from './sampler';
import type { TrainView } from './train-step';

export interface OrbitOptions {
  center: [number, number, number];
  /** true: the first camera's own azimuth is pose 0 (a render orbit); false: the poses split the
   *  circle into count + 1 equal arcs and skip the first camera's azimuth (a sampling path). */
  includeStart: boolean;
}

/** `count` cameras on the horizontal circle through the first camera's centre, looking at `center`. */
export function orbitPath(first: ViewCamera, count: number, options: Partial<OrbitOptions> = {}): ViewCamera[] {
  const { center, includeStart } = { center: [0, 0, 0] as [number, number, number], includeStart: false, ...options };
  if (!Number.isInteger(count) || count < 1) throw new Error(`dfm/scene.ts: orbit count must be an integer >= 1, got ${count}`);
  const c = cameraCenter(first.c2w);
  const dx = c[0] - center[0]; const dz = c[2] - center[2];
  const r = Math.hypot(dx, dz); const az0 = Math.atan2(dx, dz);
  const out: ViewCamera[] = [];
  for (let i = 0; i < count; i++) {
    const az = includeStart ? az0 + (2 * Math.PI * i) / count : az0 + (2 * Math.PI * (i + 1)) / (count + 1);
    const eye: [number, number, number] = [center[0] + r * Math.sin(az), c[1], center[2] + r * Math.cos(az)];
    out.push({ intrinsics: first.intrinsics, c2w: lookAt(eye, center) as Mat4 });
  }
  return out;
}

export interface AutoregressiveOptions extends DfmSampleOptions {
  /** Most context views per step: the first input view plus the generated views nearest the target. */
  maxContextViews: number;
  /** Called after each generated view. */
  onView?(index: number, total: number, image: RgbImage): void | Promise<void>;
  /** Progress of the current view's denoising steps. */
  onViewStep?(view: number, p: DfmSampleProgress): void | Promise<void>;
}

export interface SampledScene {
  /** The generated views, in path order. */
  views: TrainView[];
  scene: DfmScene;
}

function nearest(views: readonly TrainView[], target: ViewCamera, k: number): TrainView[] {
  const tc = cameraCenter(target.c2w);
  const d = (v: TrainView) => { const c = cameraCenter(v.camera.c2w); return Math.hypot(c[0] - tc[0], c[1] - tc[1], c[2] - tc[2]); };
  return [...views].sort((a, b) => d(a) - d(b)).slice(0, k);
}

/**
 * Sample the views of `path` one after another; each generated view joins the context of the next.
 * One camera in `path` is one-shot sampling. Seeds: view i uses options.seed + 1009 i.
 */
export async function sampleAlongPath(
  model: DfmModel, context: readonly TrainView[], path: readonly ViewCamera[], options: Partial<AutoregressiveOptions> = {},
): Promise<SampledScene> {
  if (context.length < 1) throw new Error('dfm/scene.ts: context must hold at least one view');
  if (path.length < 1) throw new Error('dfm/scene.ts: path must hold at least one camera');
  const { tf } = model;
  const maxCtx = Math.max(1, options.maxContextViews ?? 2);
  const generated: TrainView[] = [];
  let last: DfmScene | null = null;
  for (let i = 0; i < path.length; i++) {
    const pool = [...context.slice(1), ...generated];
    const ctx = [context[0], ...nearest(pool, path[i], maxCtx - 1)];
    const s = await sampleView(model, ctx, path[i], {
      ...options, seed: (options.seed ?? 0) + 1009 * i,
      onStep: options.onViewStep ? (p) => options.onViewStep!(i, p) : options.onStep,
    });
    generated.push({ image: s.image, camera: path[i] });
    if (last) disposeScene(last);
    last = s.scene;
    await options.onView?.(i, path.length, s.image);
    if (options.shouldStop?.()) break;
  }
  const lastScene = last!;
  const earlier = [...context, ...generated.slice(0, -1)];
  const lastCam = generated[generated.length - 1].camera;
  const s = model.config.imageSize;
  const conditioning = tf.tidy(() => {
    const feats = lastScene.conditioning.features;
    const targetFeat = tf.slice(feats, [feats.shape[0] - 1, 0, 0, 0], [1, -1, -1, -1]);
    const imgs = tf.concat(earlier.map((v, i) => imageToTensor(tf, v.image, s, `views[${i}].image`)), 0) as tfn.Tensor4D;
    const ctxFeat = encodeContext(model, imgs, false);
    return {
      features: tf.concat([ctxFeat, targetFeat], 0), times: [...earlier.map(() => 0), 0],
    } as unknown as tfn.TensorContainer;
  }) as unknown as Omit<FieldConditioning, 'cameras'>;
  disposeScene(lastScene);
  const cond: FieldConditioning = { ...conditioning, cameras: makeCameras(tf, [...earlier.map((v) => v.camera), lastCam], s, s) };
  const images = [...earlier, generated[generated.length - 1]].map((v) => v.image);
  return { views: generated, scene: { conditioning: cond, cameras: [...earlier.map((v) => v.camera), lastCam], images, photoViews: context.length } };
}

/**
 * N independent samples (3D scenes) from the same context along the same path; sample k uses seed
 * options.seed + 1000 k. The caller disposes every returned scene (disposeScene).
 */
export async function sampleScenes(
  model: DfmModel, context: readonly TrainView[], path: readonly ViewCamera[], n: number,
  options: Partial<AutoregressiveOptions> & { onSample?(k: number, s: SampledScene): void | Promise<void> } = {},
): Promise<SampledScene[]> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`dfm/scene.ts: n must be an integer >= 1, got ${n}`);
  const out: SampledScene[] = [];
  for (let k = 0; k < n && !options.shouldStop?.(); k++) {
    const s = await sampleAlongPath(model, context, path, { ...options, seed: (options.seed ?? 0) + 1000 * k });
    out.push(s);
    await options.onSample?.(k, s);
  }
  return out;
}

/** Render a sampled scene from any camera at `size` (default: the model's size). */
export function renderScene(model: DfmModel, scene: DfmScene, camera: ViewCamera, size = model.config.imageSize): { image: RgbImage; depth: Float32Array } {
  const { tf, config: c } = model;
  const r = c.render;
  return tf.tidy(() => {
    const out = renderImage(tf, sceneField(model, scene), camera, size, { near: r.near, far: r.far, samples: r.samples, background: r.background }, r.chunk);
    const depth = out.depth.dataSync() as Float32Array;
    return { image: tensorToImage(tf, out.rgb), depth: Float32Array.from(depth) } as unknown as tfn.TensorContainer;
  }) as unknown as { image: RgbImage; depth: Float32Array };
}

export interface VisibilityOptions {
  /** Distance behind a view's surface that still counts as seen by it (scene units). */
  margin: number;
  /** Width of the soft step from seen to hidden. */
  softness: number;
  /** Weight every view keeps, so a point no view sees gets the plain mean. */
  floor: number;
  /** Pixels whose render is less opaque than this show no surface (the ray is empty). */
  minOpacity: number;
  /** Take each seen point's colour from the pixels of the views that see it (fields/pixel-field.ts viewColour). */
  viewColours: boolean;
}

export const VISIBILITY_DEFAULTS: VisibilityOptions = { margin: 0.1, softness: 0.03, floor: 1e-3, minOpacity: 0.5, viewColours: false };

/**
 * The same scene with occlusion-aware pooling (fields/pixel-field.ts ViewVisibility): each
 * conditioning view's surface distances come from the scene itself (plain mean pooling) rendered
 * at that view's pose. Still one 3D field: the weights depend on the point, never on the camera
 * the scene is rendered from, so renders from any pose and the baked grid agree. With
 * `viewColours`, seen points also take their colour from the views' images (scene.images).
 * Takes ownership of `scene` (dispose only the result).
 */
export function withVisibility(model: DfmModel, scene: DfmScene, options: Partial<VisibilityOptions> = {}): DfmScene {
  const { tf, config: c } = model;
  const o = { ...VISIBILITY_DEFAULTS, ...options };
  const { featureWidth: w, featureHeight: h } = scene.conditioning.cameras;
  if (w !== h) throw new Error(`dfm/scene.ts: visibility needs square feature maps, got ${w}x${h}`);
  const r = c.render;
  const empty = 10 * r.far;
  const surfaceDistance = tf.tidy(() => tf.concat(scene.cameras.map((cam) => {
    const out = renderImage(tf, sceneField(model, scene), cam, w, { near: r.near, far: r.far, samples: r.samples, background: r.background }, r.chunk);
    const solid = tf.greater(out.opacity, o.minOpacity);
    const distance = tf.div(out.depth, tf.maximum(out.opacity, 1e-6)); // expected distance given a hit
    return tf.reshape(tf.where(solid, distance, tf.fill(out.depth.shape, empty)), [1, h, w, 1]);
  }), 0)) as tfn.Tensor4D;
  const colours = o.viewColours ? viewImages(tf, scene, w) : undefined;
  const visibility = { surfaceDistance, margin: o.margin, softness: o.softness, floor: o.floor, ...(colours ? { colours, photoViews: scene.photoViews } : {}) };
  return { ...scene, conditioning: { ...scene.conditioning, visibility } };
}

/** The conditioning views' images as one [V, size, size, 3] tensor in [0, 1]. */
function viewImages(tf: DfmModel['tf'], scene: DfmScene, size: number): tfn.Tensor4D {
  if (scene.images.length !== scene.cameras.length) {
    throw new Error(`dfm/scene.ts: the scene has ${scene.images.length} images for ${scene.cameras.length} views`);
  }
  return tf.tidy(() => tf.concat(scene.images.map((img, i) => imageToTensor(tf, img, size, `scene.images[${i}]`)), 0)) as tfn.Tensor4D;
}

/** The finished scene with the chosen pooling. Takes ownership of `scene` (dispose the result). */
export function poolScene(model: DfmModel, scene: DfmScene, pooling: ScenePooling): DfmScene {
  if (pooling === 'mean') return scene;
  return withVisibility(model, scene, { viewColours: pooling === 'view-colours' });
}

export interface BakeOptions {
  resolution: number;
  aabb: BakedGrid['aabb'];
  /** Points per field query. */
  chunk: number;
}

export const BAKE_DEFAULTS: BakeOptions = { resolution: 64, aabb: { min: [-0.8, -0.8, -0.8], max: [0.8, 0.8, 0.8] }, chunk: 32768 };

/** Density and colour of the scene's field at voxel centres (BakedGrid order x + nx (y + ny z)). */
export function bakeSceneGrid(model: DfmModel, scene: DfmScene, options: Partial<BakeOptions> = {}): BakedGrid {
  const { tf } = model;
  const o = { ...BAKE_DEFAULTS, ...options };
  const n = o.resolution;
  if (!Number.isInteger(n) || n < 2) throw new Error(`dfm/scene.ts: bake resolution must be an integer >= 2, got ${n}`);
  const total = n * n * n;
  const density = new Float32Array(total); const rgb = new Float32Array(3 * total);
  const { min, max } = o.aabb;
  const fc = fieldConfigOf(model.config);
  for (let start = 0; start < total; start += o.chunk) {
    const m = Math.min(o.chunk, total - start);
    const pts = new Float32Array(3 * m);
    for (let i = 0; i < m; i++) {
      const idx = start + i; const x = idx % n; const y = Math.floor(idx / n) % n; const z = Math.floor(idx / (n * n));
      pts[3 * i] = min[0] + ((x + 0.5) * (max[0] - min[0])) / n;
      pts[3 * i + 1] = min[1] + ((y + 0.5) * (max[1] - min[1])) / n;
      pts[3 * i + 2] = min[2] + ((z + 0.5) * (max[2] - min[2])) / n;
    }
    tf.tidy(() => {
      const o2 = queryPixelField(tf, model.store, JOINT_FIELD_PREFIX, fc, scene.conditioning, tf.tensor2d(pts, [m, 3]));
      density.set(o2.sigma.dataSync(), start);
      rgb.set(o2.rgb.dataSync(), 3 * start);
    });
  }
  return { resolution: [n, n, n], aabb: { min: [...min], max: [...max] }, density, rgb };
}
