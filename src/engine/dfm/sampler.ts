// One-shot DFM sampling (Sec. 2.2 "at test time, a signal is sampled by iterating Eq. 4, 5, 6";
// supplement Sec. 2.4: 50 DDIM steps, optional classifier-free guidance).
//
// Steps:
//   1. Cache enc_0(context) and O_det at the target pose (and their dropped versions when w != 1),
//      plus the per-sample target-ray cache of target-cache.ts (context trunk sums at the fixed
//      ray samples, target position terms).
//   2. x_T = tau z, z ~ N(0, I) (temperature tau also scales the noise the scheduler injects, so it
//      acts on deterministic DDIM too); each step: x0 = render(S_{t-1}) (denoiseCached), guidance,
//      scheduler step.
//   3. The sampled 3D scene is the field conditioned on the context (t = 0) and the generated view
//      encoded at t = 0 (as DFM's code renders its videos): render it from any pose with `sceneField`.
import type * as tfn from '@tensorflow/tfjs';
import { tfSeed } from '../tf';
import type { RgbImage } from '../data/types';
import { applyGuidance, createScheduler, sampleLoop, type SamplerConfig } from '../diffusion';
import { disposeCameras, type FieldConditioning, type ViewCamera } from '../fields';
import type { FieldFn } from '../render';
import {
  denoise, disposeConditioning, encodeTarget, jointConditioning, jointField, prepareConditioning, type DfmConditioning,
} from './denoiser';
import { imageToTensor, tensorToImage } from './images';
import { createTargetCache, denoiseCached, disposeTargetCache, type TargetRenderCache } from './target-cache';
import type { DfmModel } from './model';
import type { TrainView } from './train-step';

export interface DfmSampleProgress { index: number; total: number; t: number; x0: RgbImage }

export interface DfmSampleOptions {
  seed: number;
  /** Overrides of the model's sampler config (steps, eta, temperature, ...). */
  sampler: Partial<SamplerConfig>;
  /** Guidance weight w (1 = none); defaults to the model config. */
  guidance: number | null;
  /** Report a decoded x0 preview every this many steps (0: never). */
  previewEvery: number;
  /** Use the step-invariant cache (target-cache.ts); false runs the reference `denoise`. */
  cache: boolean;
  onStep?(p: DfmSampleProgress): void | Promise<void>;
  shouldStop?(): boolean;
}

export const DFM_SAMPLE_DEFAULTS: DfmSampleOptions = { seed: 0, sampler: {}, guidance: null, previewEvery: 0, cache: true };

/** A sampled scene: the joint field's conditioning. Dispose with `disposeScene`. */
export interface DfmScene {
  conditioning: FieldConditioning;
  /** The pose of each conditioning view, in conditioning order. */
  cameras: ViewCamera[];
  /** The image of each conditioning view (the photo, then the generated views), in [0, 1]. */
  images: RgbImage[];
  /** How many of the first conditioning views are input photos, the rest generated (sampleView counts every
   *  context view it was given; sampleAlongPath only the caller's context, not its earlier generated views). */
  photoViews: number;
}

export interface DfmSample { image: RgbImage; scene: DfmScene }

export function sceneField(model: DfmModel, scene: DfmScene): FieldFn {
  return jointField(model, scene.conditioning);
}

export function disposeScene(scene: DfmScene): void {
  scene.conditioning.features.dispose();
  disposeVisibility(scene);
  disposeCameras(scene.conditioning.cameras);
}

/** Free only what poolScene / withVisibility added to a scene (its surface distances and view colours). */
export function disposeVisibility(scene: DfmScene): void {
  scene.conditioning.visibility?.surfaceDistance.dispose();
  scene.conditioning.visibility?.colours?.dispose();
}

export async function sampleView(
  model: DfmModel, context: readonly Omit<TrainView, never>[], target: ViewCamera, options: Partial<DfmSampleOptions> = {},
): Promise<DfmSample> {
  const { tf, config: c } = model;
  const o = { ...DFM_SAMPLE_DEFAULTS, ...options };
  const w = o.guidance ?? c.guidance;
  const s = c.imageSize;
  const scheduler = createScheduler(tf, model.schedule, { ...c.sampler, ...o.sampler } as SamplerConfig);
  const ctx = tf.tidy(() => tf.concat(context.map((v, i) => imageToTensor(tf, v.image, s, `context[${i}].image`)), 0) as tfn.Tensor4D);
  const cams = context.map((v) => v.camera);
  const cond = prepareConditioning(model, ctx, cams, target, { drop: false, training: false, seed: null });
  const uncond: DfmConditioning | null = w !== 1 ? prepareConditioning(model, ctx, cams, target, { drop: true, training: false, seed: null }) : null;
  ctx.dispose();
  const cache: TargetRenderCache | null = o.cache ? createTargetCache(model, cond) : null;
  const uncache: TargetRenderCache | null = o.cache && uncond ? createTargetCache(model, uncond) : null;
  const run = (cd: DfmConditioning, ch: TargetRenderCache | null, xt: tfn.Tensor4D, t: number) => {
    const r = ch ? denoiseCached(model, cd, ch, xt, t) : denoise(model, cd, xt, t);
    r.depth.dispose();
    return r.x0;
  };
  const total = scheduler.timesteps.length;
  try {
    const tau = scheduler.config.temperature;
    const initial = tf.tidy(() => tf.mul(tf.randomNormal([1, s, s, 3], 0, 1, 'float32', tfSeed(o.seed)), tau));
    const x = await sampleLoop(tf, scheduler, (xt, t) => tf.tidy(() => {
      const a = run(cond, cache, xt as tfn.Tensor4D, t);
      if (!uncond) return a;
      return applyGuidance(tf, a, run(uncond, uncache, xt as tfn.Tensor4D, t), w);
    }), {
      shape: [1, s, s, 3], seed: o.seed, shouldStop: o.shouldStop, initial,
      onStep: async (index, t, x0) => {
        if (!o.onStep) return;
        const preview = o.previewEvery > 0 && (index % o.previewEvery === 0 || index === total - 1);
        const img = preview ? tensorToImage(tf, x0 as tfn.Tensor4D, true) : { width: 0, height: 0, data: new Float32Array(0) };
        await o.onStep({ index, total, t, x0: img });
      },
    });
    initial.dispose();
    const image = tensorToImage(tf, x as tfn.Tensor4D, true);
    const conditioning = tf.tidy(() => {
      const feats = encodeTarget(model, cond, tf.clipByValue(x, -1, 1) as tfn.Tensor4D, 0);
      const jc = jointConditioning(model, cond, feats, 0);
      return jc as unknown as tfn.TensorContainer;
    }) as unknown as FieldConditioning;
    x.dispose();
    return { image, scene: { conditioning, cameras: [...cams, target], images: [...context.map((v) => v.image), image], photoViews: context.length } };
  } finally {
    if (cache) disposeTargetCache(cache);
    if (uncache) disposeTargetCache(uncache);
    disposeConditioning(cond);
    if (uncond) disposeConditioning(uncond);
  }
}
