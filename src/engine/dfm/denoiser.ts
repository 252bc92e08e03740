// The 3D-structured DFM denoiser (Sec. 4.1, Fig. 2; Eqs. 4-6, 13, 14).
//
// Code name          paper symbol
//   ctxFeatures        enc_{t=0}(O^ctxt)                              [Vc, H, W, F]
//   det                O^trgt_det = render(S(. | enc_0(O^ctxt)), phi^trgt): colour, depth, features
//   detInput           O_det as encoder channels: 2 rgb - 1, depth mapped near..far -> -1..1, features
//   xt                 O^trgt_t, the noisy target in [-1, 1]              [1, H, W, 3]
//   targetFeatures     enc_t(O_det (+) O^trgt_t)                          [1, H, W, F]
//   joint field        S_{t-1} = S(. | enc_0(O^ctxt), enc_t(O_det (+) O^trgt_t))   (Eq. 14)
//   x0                 O^trgt_{t-1} estimate = render(S_{t-1}, phi^trgt) mapped to [-1, 1]   (Eq. 13)
//
// Steps of one denoising call:
//   1. (cached per sample) ctxFeatures and O_det, rendered once at the target pose;
//   2. targetFeatures = enc_t([xt | detInput]);
//   3. field over context (time 0) and target (time t) views; volume-render the target rays.
// Context dropout / the unconditional branch of guidance zero the context images and O_det.
// All functions return tensors the caller owns; call them inside tf.tidy.
import type * as tfn from '@tensorflow/tfjs';
import { encode, makeCameras, type FieldConditioning, type ViewCamera } from '../fields';
import type { FieldFn } from '../render';
import { encoderConfigOf, fieldConfigOf } from './config';
import { DET_FIELD_PREFIX, ENCODER_PREFIX, JOINT_FIELD_PREFIX, type DfmModel } from './model';
import { conditionalFieldFn, renderImage, type RenderedImage } from './render-util';

type Tensor4D = tfn.Tensor4D;

export interface DfmConditioning {
  ctxFeatures: Tensor4D;
  ctxCameras: ViewCamera[];
  target: ViewCamera;
  /** O_det at the det resolution (absent when the context is dropped). */
  det: RenderedImage | null;
  /** [1, H, W, 4 + Fd] encoder-ready O_det channels (zeros when dropped). */
  detInput: Tensor4D;
  dropped: boolean;
}

export interface ConditioningOptions {
  /** Zero the context (context dropout / unconditional branch). */
  drop: boolean;
  /** Jittered samples (training) or midpoints. */
  training: boolean;
  seed: number | null;
}

/** enc_0 of the context images [Vc, H, W, 3] in [0, 1]; zeros when dropped. */
export function encodeContext(model: DfmModel, images: Tensor4D, drop: boolean): Tensor4D {
  const { tf, config: c } = model;
  const [v, h, w] = images.shape;
  return tf.tidy(() => {
    const img = drop ? tf.zeros([v, h, w, 3]) : tf.sub(tf.mul(images, 2), 1);
    const input = tf.concat([img, tf.zeros([v, h, w, 4 + c.detFeatures])], 3) as Tensor4D;
    return encode(tf, model.store, ENCODER_PREFIX, encoderConfigOf(c), input, new Array(v).fill(0));
  });
}

/** The deterministic pixelNeRF field conditioned on the context alone (also the baseline's field). */
export function deterministicField(model: DfmModel, ctxFeatures: Tensor4D, ctxCameras: readonly ViewCamera[]): FieldFn {
  const { tf, config: c } = model;
  const s = c.imageSize;
  const cond: FieldConditioning = {
    features: ctxFeatures, cameras: makeCameras(tf, ctxCameras, s, s), times: ctxCameras.map(() => 0),
  };
  return conditionalFieldFn(tf, model.store, DET_FIELD_PREFIX, fieldConfigOf(c), cond);
}

/** Step 1: everything that does not change across denoising steps. */
export function prepareConditioning(
  model: DfmModel, ctxImages: Tensor4D, ctxCameras: readonly ViewCamera[], target: ViewCamera, o: ConditioningOptions,
): DfmConditioning {
  const { tf, config: c } = model;
  const s = c.imageSize;
  if (ctxImages.shape[0] !== ctxCameras.length) {
    throw new Error(`dfm/denoiser.ts: ${ctxImages.shape[0]} context images but ${ctxCameras.length} cameras`);
  }
  if (ctxImages.shape[1] !== s || ctxImages.shape[2] !== s) {
    throw new Error(`dfm/denoiser.ts: context images are ${ctxImages.shape[2]}x${ctxImages.shape[1]}, config.imageSize is ${s}`);
  }
  return tf.tidy(() => {
    const ctxFeatures = encodeContext(model, ctxImages, o.drop);
    const result = (v: DfmConditioning) => v as unknown as tfn.TensorContainer;
    if (o.drop) {
      return result({ ctxFeatures, ctxCameras: [...ctxCameras], target, det: null, detInput: tf.zeros([1, s, s, 4 + c.detFeatures]) as Tensor4D, dropped: true });
    }
    const r = c.render;
    const detSide = Math.round(s * r.detScale);
    const field = deterministicField(model, ctxFeatures, ctxCameras);
    const det = renderImage(tf, field, target, detSide, {
      near: r.near, far: r.far, samples: r.detSamples, importanceSamples: 0, training: o.training, seed: o.seed,
      background: r.background,
    }, r.chunk);
    const depthN = tf.sub(tf.mul(tf.div(tf.sub(det.depth, r.near), r.far - r.near), 2), 1);
    let detInput = tf.concat([tf.sub(tf.mul(det.rgb, 2), 1), tf.expandDims(depthN, 3), det.features], 3) as Tensor4D;
    if (detSide !== s) detInput = tf.image.resizeBilinear(detInput, [s, s]);
    return result({ ctxFeatures, ctxCameras: [...ctxCameras], target, det, detInput, dropped: false });
  }) as unknown as DfmConditioning;
}

export function disposeConditioning(c: DfmConditioning): void {
  c.ctxFeatures.dispose();
  c.detInput.dispose();
  if (c.det) for (const t of [c.det.rgb, c.det.depth, c.det.opacity, c.det.features]) t.dispose();
}

/** Step 2: enc_t([xt | detInput]) -> [1, H, W, F]. xt [1, H, W, 3] in [-1, 1]. */
export function encodeTarget(model: DfmModel, cond: DfmConditioning, xt: Tensor4D, t: number): Tensor4D {
  const { tf, config: c } = model;
  return tf.tidy(() => encode(tf, model.store, ENCODER_PREFIX, encoderConfigOf(c), tf.concat([xt, cond.detInput], 3) as Tensor4D, [t]));
}

/** The conditioning of S_{t-1}: context views at time 0 and the target view at time t. */
export function jointConditioning(model: DfmModel, cond: DfmConditioning, targetFeatures: Tensor4D, t: number): FieldConditioning {
  const { tf, config: c } = model;
  const s = c.imageSize;
  return {
    features: tf.concat([cond.ctxFeatures, targetFeatures], 0) as Tensor4D,
    cameras: makeCameras(tf, [...cond.ctxCameras, cond.target], s, s),
    times: [...cond.ctxCameras.map(() => 0), t],
  };
}

/** Step 3: the field S_{t-1} as a render callback. */
export function jointField(model: DfmModel, fieldCond: FieldConditioning): FieldFn {
  return conditionalFieldFn(model.tf, model.store, JOINT_FIELD_PREFIX, fieldConfigOf(model.config), fieldCond);
}

/** One full denoising call: x0 estimate [1, H, W, 3] in [-1, 1] (Eq. 13), plus the rendered depth. */
export function denoise(model: DfmModel, cond: DfmConditioning, xt: Tensor4D, t: number): { x0: Tensor4D; depth: tfn.Tensor3D } {
  const { tf, config: c } = model;
  const r = c.render;
  return tf.tidy(() => {
    const tf4 = encodeTarget(model, cond, xt, t);
    const field = jointField(model, jointConditioning(model, cond, tf4, t));
    const img = renderImage(tf, field, cond.target, c.imageSize, {
      near: r.near, far: r.far, samples: r.samples, importanceSamples: r.importanceSamples, training: false, seed: null,
      background: r.background,
    }, r.chunk);
    return { x0: tf.sub(tf.mul(img.rgb, 2), 1) as Tensor4D, depth: img.depth };
  });
}
