// DFM training step (Eqs. 8, 9 and supplement Sec. 2.1) and the deterministic pixelNeRF baseline step.
//
// DFM step:
//   1. t ~ U{0..T-1}; drop the context with probability contextDropout (classifier-free guidance);
//      O^trgt_t = sqrt(abar_t) O^trgt + sqrt(1 - abar_t) eps  (in [-1, 1] image space).
//   2. O_det from the context (jittered samples), enc_t on [O^trgt_t | O_det], field S_{t-1}.
//   3. Render a random patch of the target view and of a novel view through S_{t-1}.
//   4. L = w_t L_trgt + w_n L_novel + w_c L_cond + w_d (L_eas + L_dist)   (LPIPS omitted, see losses.ts)
//   5. Adam step on every parameter; EMA update.
// Baseline step (pixelNeRF; also DFM's optional warm-up of the deterministic part): the field
// conditioned on the context only (enc_0 + the O_det field), same patch losses, only those parameters.
import type * as tfn from '@tensorflow/tfjs';
import type { RgbImage } from '../data/types';
import { addNoise } from '../diffusion';
import { SeededRng, type ViewCamera } from '../fields';
import { tfSeed, type Tf } from '../tf';
import {
  deterministicField, encodeContext, encodeTarget, jointConditioning, jointField, prepareConditioning,
} from './denoiser';
import { NamedAdam } from './adam';
import { EmaWeights } from './ema';
import { imageToTensor } from './images';
import { mse, patchLosses } from './losses';
import { deterministicPrefixes, type DfmModel } from './model';
import { renderPatch, type Patch } from './render-util';

type Scalar = tfn.Scalar;

export interface TrainView { image: RgbImage; camera: ViewCamera }
export interface DfmTrainExample { context: TrainView[]; target: TrainView; novel: TrainView }

export interface DfmTrainer {
  readonly model: DfmModel;
  readonly optimizer: NamedAdam;
  readonly ema: EmaWeights;
  step: number;
  /** Every random choice of training (timestep, dropout, patches, noise and jitter seeds, examples). */
  readonly rng: SeededRng;
}

export interface TrainStepResult {
  step: number;
  mode: 'dfm' | 'deterministic';
  t: number | null;
  dropped: boolean;
  losses: Record<string, number>;
}

export function createDfmTrainer(model: DfmModel, seed = 0): DfmTrainer {
  const tr = model.config.train;
  return {
    model,
    optimizer: new NamedAdam(model.tf, model.store, tr),
    ema: new EmaWeights(model.tf, model.store, tr.emaDecay),
    step: 0,
    rng: new SeededRng(seed ^ 0x5eed),
  };
}

export function disposeTrainer(t: DfmTrainer): void {
  t.optimizer.dispose();
  t.ema.dispose();
}

function randomPatch(rng: SeededRng, size: number, p: number): Patch {
  return { x0: rng.int(size - p + 1), y0: rng.int(size - p + 1), width: p, height: p };
}

function patchOf(tf: Tf, img: tfn.Tensor4D, p: Patch): tfn.Tensor2D {
  return tf.tidy(() => tf.reshape(tf.slice(img, [0, p.y0, p.x0, 0], [1, p.height, p.width, 3]), [-1, 3]) as tfn.Tensor2D);
}

/** A tfjs random seed drawn from the trainer's stream. */
export function rngSeed(rng: SeededRng): number {
  return Math.floor(rng.next() * 2 ** 30);
}

interface Prepared {
  ctx: tfn.Tensor4D; tgt: tfn.Tensor4D; gtT: tfn.Tensor2D; gtN: tfn.Tensor2D; pT: Patch; pN: Patch; seed: number;
}

function prepare(trainer: DfmTrainer, ex: DfmTrainExample): Prepared {
  const { tf, config: c } = trainer.model;
  if (ex.context.length < 1) throw new Error('dfm/train-step.ts: example.context must hold at least one view');
  const s = c.imageSize;
  const ctx = tf.tidy(() => tf.concat(ex.context.map((v, i) => imageToTensor(tf, v.image, s, `example.context[${i}].image`)), 0) as tfn.Tensor4D);
  const tgt = imageToTensor(tf, ex.target.image, s, 'example.target.image');
  const nov = imageToTensor(tf, ex.novel.image, s, 'example.novel.image');
  const pT = randomPatch(trainer.rng, s, c.train.patchSize);
  const pN = randomPatch(trainer.rng, s, c.train.patchSize);
  const out = { ctx, tgt, gtT: patchOf(tf, tgt, pT), gtN: patchOf(tf, nov, pN), pT, pN, seed: rngSeed(trainer.rng) };
  nov.dispose();
  return out;
}

function applyStep(trainer: DfmTrainer, f: () => Scalar, vars: tfn.Variable[], parts: Record<string, Scalar>): Record<string, number> {
  const { tf } = trainer.model;
  const { value, grads } = tf.variableGrads(f, vars);
  trainer.optimizer.apply(grads);
  trainer.ema.update();
  const losses: Record<string, number> = { total: value.dataSync()[0] };
  for (const [k, v] of Object.entries(parts)) { losses[k] = v.dataSync()[0]; v.dispose(); }
  tf.dispose([value, ...Object.values(grads)]);
  trainer.step += 1;
  return losses;
}

/** One pixelNeRF (deterministic baseline) step on the encoder at t = 0 and the O_det field. */
export function deterministicTrainStep(trainer: DfmTrainer, ex: DfmTrainExample): TrainStepResult {
  const { model } = trainer;
  const { tf, config: c } = model;
  const w = c.train.weights; const r = c.render; const P = c.train.patchSize;
  const d = prepare(trainer, ex);
  const parts: Record<string, Scalar> = {};
  const opts = { near: r.near, far: r.far, samples: r.samples, importanceSamples: r.importanceSamples, training: true, background: r.background };
  const losses = applyStep(trainer, () => tf.tidy(() => {
    const field = deterministicField(model, encodeContext(model, d.ctx, false), ex.context.map((v) => v.camera));
    const lT = patchLosses(tf, renderPatch(tf, field, ex.target.camera, c.imageSize, { ...opts, seed: d.seed }, d.pT), d.gtT, P);
    const lN = patchLosses(tf, renderPatch(tf, field, ex.novel.camera, c.imageSize, { ...opts, seed: d.seed + 2 }, d.pN), d.gtN, P);
    const depth = tf.addN([lT.eas, lT.dist, lN.eas, lN.dist]);
    Object.assign(parts, { target: tf.keep(lT.photo.clone()), novel: tf.keep(lN.photo.clone()), depth: tf.keep(depth.clone()) });
    return tf.addN([tf.mul(lT.photo, w.target), tf.mul(lN.photo, w.novel), tf.mul(depth, w.depth)]) as Scalar;
  }), model.store.variablesWithPrefix(deterministicPrefixes()), parts);
  tf.dispose([d.ctx, d.tgt, d.gtT, d.gtN]);
  return { step: trainer.step, mode: 'deterministic', t: null, dropped: false, losses };
}

/** One DFM step (or a deterministic warm-up step while step < config.train.warmupSteps). */
export function dfmTrainStep(trainer: DfmTrainer, ex: DfmTrainExample): TrainStepResult {
  const { model } = trainer;
  const { tf, config: c } = model;
  if (trainer.step < c.train.warmupSteps) return deterministicTrainStep(trainer, ex);
  const w = c.train.weights; const r = c.render; const P = c.train.patchSize;
  const t = trainer.rng.int(model.schedule.trainSteps);
  const drop = trainer.rng.next() < c.train.contextDropout;
  const d = prepare(trainer, ex);
  const xt = tf.tidy(() => addNoise(tf, model.schedule, tf.sub(tf.mul(d.tgt, 2), 1), tf.randomNormal(d.tgt.shape, 0, 1, 'float32', tfSeed(d.seed)), t)) as tfn.Tensor4D;
  const parts: Record<string, Scalar> = {};
  const ctxCams = ex.context.map((v) => v.camera);
  const opts = { near: r.near, far: r.far, samples: r.samples, importanceSamples: r.importanceSamples, training: true, background: r.background };
  const losses = applyStep(trainer, () => tf.tidy(() => {
    const cond = prepareConditioning(model, d.ctx, ctxCams, ex.target.camera, { drop, training: true, seed: d.seed + 4 });
    const field = jointField(model, jointConditioning(model, cond, encodeTarget(model, cond, xt, t), t));
    const lT = patchLosses(tf, renderPatch(tf, field, ex.target.camera, c.imageSize, { ...opts, seed: d.seed }, d.pT), d.gtT, P);
    const lN = patchLosses(tf, renderPatch(tf, field, ex.novel.camera, c.imageSize, { ...opts, seed: d.seed + 2 }, d.pN), d.gtN, P);
    const depth = tf.addN([lT.eas, lT.dist, lN.eas, lN.dist]);
    let lCond: Scalar = tf.scalar(0);
    if (cond.det) {
      const side = cond.det.rgb.shape[1];
      lCond = mse(tf, cond.det.rgb, side === c.imageSize ? d.tgt : tf.image.resizeBilinear(d.tgt, [side, side]));
    }
    Object.assign(parts, {
      target: tf.keep(lT.photo.clone()), novel: tf.keep(lN.photo.clone()), cond: tf.keep(lCond.clone()), depth: tf.keep(depth.clone()),
    });
    return tf.addN([tf.mul(lT.photo, w.target), tf.mul(lN.photo, w.novel), tf.mul(lCond, w.cond), tf.mul(depth, w.depth)]) as Scalar;
  }), model.store.variables(), parts);
  tf.dispose([d.ctx, d.tgt, d.gtT, d.gtN, xt]);
  return { step: trainer.step, mode: 'dfm', t, dropped: drop, losses };
}
