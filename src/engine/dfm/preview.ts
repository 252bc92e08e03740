// Training previews: a quick sample (DFM) or deterministic render (baseline) of one scene, made
// with the EMA weights (what the model file ships), then the training weights are put back.
import type * as tfn from '@tensorflow/tfjs';
import type { RgbImage } from '../data/types';
import type { ParamStore } from '../fields';
import { deterministicField, encodeContext } from './denoiser';
import { imageToTensor, tensorToImage } from './images';
import { renderImage } from './render-util';
import { disposeScene, sampleView } from './sampler';
import type { TrainScene } from './train-loop';
import type { DfmTrainer } from './train-step';

/** Run `fn` with `weights` loaded into `store`, restoring the previous values afterwards. */
export async function withWeights<T>(store: ParamStore, weights: ReadonlyMap<string, Float32Array>, fn: () => Promise<T> | T): Promise<T> {
  const saved = store.snapshot();
  store.load(weights);
  try {
    return await fn();
  } finally {
    store.load(saved);
  }
}

/** Context view 0 of `scene`, target view 1 (EMA weights): the generated (or rendered) view. */
export async function checkpointPreview(
  trainer: DfmTrainer, scene: TrainScene, kind: 'dfm' | 'deterministic', samplerSteps: number,
): Promise<RgbImage> {
  const { model } = trainer;
  const { tf, config: c } = model;
  const ctx = scene.views[0];
  const target = scene.views[Math.min(1, scene.views.length - 1)].camera;
  return withWeights(model.store, trainer.ema.snapshot(), async () => {
    if (kind === 'dfm') {
      const s = await sampleView(model, [ctx], target, { seed: 1, sampler: { steps: samplerSteps }, guidance: 1 });
      disposeScene(s.scene);
      return s.image;
    }
    return tf.tidy(() => {
      const img = imageToTensor(tf, ctx.image, c.imageSize, 'preview context');
      const field = deterministicField(model, encodeContext(model, img, false), [ctx.camera]);
      const r = c.render;
      const out = renderImage(tf, field, target, c.imageSize, { near: r.near, far: r.far, samples: r.samples, background: r.background }, r.chunk);
      return tensorToImage(tf, out.rgb as tfn.Tensor4D) as unknown as tfn.TensorContainer;
    }) as unknown as RgbImage;
  });
}
