// One training step of the image prior: the simplified DDPM objective (Ho et al. 2020, Alg. 1 / Eq. 14)
//   L = E_{x0, c, t, eps} || eps - eps_theta(sqrt(abar_t) x0 + sqrt(1 - abar_t) eps, t, c~) ||^2
// with c~ = null (the CFG null condition) with probability condDropout (Ho & Salimans 2022, Alg. 1).
// Steps: 1. draw B examples, t ~ U{0..T-1}, dropout and eps from the trainer's own seeded stream (never
// tf.random*, so a resumed run draws exactly what the uninterrupted run would); 2. noise; 3. loss and
// gradients; 4. Adam (warm-up, then the config's rate); 5. EMA with ema_pytorch's warm-up keyed on the step
// (dfm/ema.ts), so a resumed run averages exactly as an uninterrupted one.
import type * as tfn from '@tensorflow/tfjs';
import { NamedAdam } from '../dfm/adam';
import { EmaWeights } from '../dfm/ema';
import { addNoise, dropContext } from '../diffusion';
import { SeededRng } from '../fields';
import { priorEpsilon, type PriorModel } from './model';

export interface PriorTrainer {
  readonly model: PriorModel;
  readonly optimizer: NamedAdam;
  readonly ema: EmaWeights;
  step: number;
  /** Every random draw of training: examples, timesteps, dropout, noise. */
  readonly rng: SeededRng;
}

/** Training images: [N, R, R, 3] in [-1, 1] and one condition per image (prior/data.ts). */
export interface PriorTrainData {
  images: Float32Array;
  conds: readonly (readonly number[])[];
  count: number;
  resolution: number;
}

export interface PriorStepResult {
  step: number;
  loss: number;
  learningRate: number;
  /** Timestep of each row. */
  t: number[];
  /** Rows trained with the null condition. */
  dropped: number;
}

const FILE = 'prior/train-step.ts';

export function createPriorTrainer(model: PriorModel, seed = 0): PriorTrainer {
  const tr = model.config.train;
  return {
    model,
    optimizer: new NamedAdam(model.tf, model.store, tr),
    ema: new EmaWeights(model.tf, model.store, tr.emaDecay),
    step: 0,
    rng: new SeededRng((seed ^ 0x9a1e) >>> 0),
  };
}

export function disposePriorTrainer(t: PriorTrainer): void {
  t.optimizer.dispose();
  t.ema.dispose();
}

/** n standard normals from the stream (Box-Muller, pairs). */
export function normals(rng: SeededRng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(Math.max(rng.next(), 1e-12)));
    const a = 2 * Math.PI * rng.next();
    out[i] = r * Math.cos(a);
    if (i + 1 < n) out[i + 1] = r * Math.sin(a);
  }
  return out;
}

export function learningRateAt(model: PriorModel, step: number): number {
  const { learningRate, warmupSteps } = model.config.train;
  return warmupSteps > 0 ? learningRate * Math.min(1, (step + 1) / warmupSteps) : learningRate;
}

/**
 * L_simple on a given batch: mean over [B, R, R, 3] of (eps_theta(x_t, t, c) - eps)^2 with
 * x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps. x0, eps [B, R, R, 3]; t [B]; conds [B] (null = null condition).
 */
export function priorLoss(
  model: PriorModel, x0: tfn.Tensor, eps: tfn.Tensor, t: readonly number[], conds: readonly (readonly number[] | null)[],
): tfn.Scalar {
  const { tf } = model;
  return tf.tidy(() => {
    const xt = addNoise(tf, model.schedule, x0, eps, t) as tfn.Tensor4D;
    return tf.mean(tf.square(tf.sub(priorEpsilon(model, xt, t, conds), eps))) as tfn.Scalar;
  });
}

/** One step on `batch` examples drawn (with replacement) from `data`. */
export function priorTrainStep(trainer: PriorTrainer, data: PriorTrainData, batch: number): PriorStepResult {
  const { model, rng } = trainer;
  const { tf, config } = model;
  const R = config.unet.imageSize;
  if (data.resolution !== R) throw new Error(`${FILE}: data resolution ${data.resolution} differs from the model's imageSize ${R}`);
  if (!(Number.isInteger(batch) && batch >= 1)) throw new Error(`${FILE}: batch must be a positive integer, got ${batch}`);
  if (data.count < 1 || data.images.length !== data.count * R * R * 3 || data.conds.length !== data.count) {
    throw new Error(`${FILE}: data holds ${data.images.length} values and ${data.conds.length} conditions for count ${data.count} at ${R}x${R}`);
  }
  const px = R * R * 3;
  const x0 = new Float32Array(batch * px);
  const conds: (readonly number[] | null)[] = [];
  const t: number[] = [];
  let dropped = 0;
  for (let b = 0; b < batch; b++) {
    const i = rng.int(data.count);
    x0.set(data.images.subarray(i * px, (i + 1) * px), b * px);
    t.push(rng.int(model.schedule.trainSteps));
    const drop = dropContext(config.train.condDropout, rng.next());
    conds.push(drop ? null : data.conds[i]);
    if (drop) dropped++;
  }
  const eps = normals(rng, batch * px);
  const lr = learningRateAt(model, trainer.step);
  trainer.optimizer.setLearningRate(lr);
  const x0T = tf.tensor4d(x0, [batch, R, R, 3]);
  const epsT = tf.tensor4d(eps, [batch, R, R, 3]);
  const { value, grads } = tf.variableGrads(() => priorLoss(model, x0T, epsT, t, conds), model.store.variables());
  trainer.optimizer.apply(grads);
  trainer.ema.update(trainer.step);
  const loss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads), x0T, epsT]);
  trainer.step += 1;
  return { step: trainer.step, loss, learningRate: lr, t, dropped };
}
