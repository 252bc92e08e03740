// Training the KID feature extractor (feature-net.ts) to regress standardised scene parameters:
//   loss = mean over the batch and the T targets of (prediction - (t - mean) / std)²
// Adam (dfm/adam.ts, Kingma & Ba 2015) with a cosine learning-rate decay from learningRate to
// learningRate * finalLearningRateFraction; minibatches drawn with a seeded mulberry32 stream, so a
// run is reproducible from its seed (on one backend; float summation order differs across backends).
import type * as tfn from '@tensorflow/tfjs';
import { NamedAdam } from '../../dfm/adam';
import { SeededRng } from '../../fields';
import type { Tf } from '../../tf';
import { createKidFeatureNet, kidFeatureForward, KID_FEATURE_DEFAULTS, type KidFeatureConfig, type KidFeatureNet } from './feature-net';
import type { RenderSet } from './render-set';
import { SCENE_TARGET_NAMES } from './scene-targets';

const FILE = 'src/engine/eval/kid/feature-train.ts';

export interface KidTrainOptions {
  steps: number;
  batch: number;
  learningRate: number;
  finalLearningRateFraction: number;
  seed: number;
  /** Report the training loss every this many steps (0 = never). */
  progressEvery: number;
}

export const KID_TRAIN_DEFAULTS: KidTrainOptions = {
  steps: 2500, batch: 32, learningRate: 2e-3, finalLearningRateFraction: 0.05, seed: 0, progressEvery: 100,
};

/** Per-target mean and std of targets [N, T] (a constant target gets std 1 so it standardises to 0). */
export function targetStats(targets: Float32Array, t: number): { mean: number[]; std: number[] } {
  const n = targets.length / t;
  if (!Number.isInteger(n) || n < 2) throw new Error(`${FILE}: targetStats needs [N >= 2, ${t}] targets, got ${targets.length} values`);
  const mean = new Array<number>(t).fill(0);
  const sq = new Array<number>(t).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < t; j++) mean[j] += targets[i * t + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < t; j++) sq[j] += (targets[i * t + j] - mean[j]) ** 2 / n;
  return { mean, std: sq.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** Standardised copy of targets [N, T]. */
export function standardise(targets: Float32Array, config: Pick<KidFeatureConfig, 'targetMean' | 'targetStd'>): Float32Array {
  const t = config.targetMean.length;
  return targets.map((v, i) => (v - config.targetMean[i % t]) / config.targetStd[i % t]);
}

export interface KidFeatureTrainer {
  net: KidFeatureNet;
  optimizer: NamedAdam;
  rng: SeededRng;
  step: number;
  options: KidTrainOptions;
}

/** A fresh extractor whose target standardisation comes from the training set. */
export function createKidFeatureTrainer(tf: Tf, train: RenderSet, options: Partial<KidTrainOptions> = {}, arch: Partial<typeof KID_FEATURE_DEFAULTS> = {}): KidFeatureTrainer {
  const o = { ...KID_TRAIN_DEFAULTS, ...options };
  const { mean, std } = targetStats(train.targets, SCENE_TARGET_NAMES.length);
  const config: KidFeatureConfig = { ...KID_FEATURE_DEFAULTS, ...arch, imageSize: train.size, targetNames: [...SCENE_TARGET_NAMES], targetMean: mean, targetStd: std };
  const net = createKidFeatureNet(tf, config, o.seed);
  const optimizer = new NamedAdam(tf, net.store, { learningRate: o.learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  return { net, optimizer, rng: new SeededRng(o.seed ^ 0x6b1d), step: 0, options: o };
}

export function learningRateAt(o: KidTrainOptions, step: number): number {
  const p = Math.min(1, step / Math.max(1, o.steps));
  const lo = o.learningRate * o.finalLearningRateFraction;
  return lo + 0.5 * (o.learningRate - lo) * (1 + Math.cos(Math.PI * p));
}

/** One Adam step on a random minibatch of `train` (targets standardised with the net's config). Returns the loss. */
export function kidFeatureTrainStep(tf: Tf, tr: KidFeatureTrainer, train: RenderSet, standardisedTargets: Float32Array): number {
  const { batch } = tr.options;
  const px = train.size * train.size * 3;
  const t = tr.net.config.targetNames.length;
  const xs = new Float32Array(batch * px);
  const ys = new Float32Array(batch * t);
  for (let b = 0; b < batch; b++) {
    const i = tr.rng.int(train.count);
    xs.set(train.images.subarray(i * px, (i + 1) * px), b * px);
    ys.set(standardisedTargets.subarray(i * t, (i + 1) * t), b * t);
  }
  tr.optimizer.setLearningRate(learningRateAt(tr.options, tr.step));
  const x = tf.tensor4d(xs, [batch, train.size, train.size, 3]);
  const y = tf.tensor2d(ys, [batch, t]);
  const lossFn = () => tf.tidy(() => tf.mean(tf.square(tf.sub(kidFeatureForward(tf, tr.net, x).prediction, y)))) as tfn.Scalar;
  const { value, grads } = tf.variableGrads(lossFn, tr.net.store.variables());
  tr.optimizer.apply(grads);
  const loss = value.dataSync()[0];
  tf.dispose([x, y, value, ...Object.values(grads)]);
  tr.step += 1;
  return loss;
}

export interface RegressionError {
  /** Mean over images and targets of the squared error in standardised units. */
  mse: number;
  /** Same for the constant predictor that always answers the training mean (≈ 1 when the set resembles the training set). */
  constantMse: number;
  /** Per target: [name, network MSE, constant MSE], standardised units. */
  perTarget: [string, number, number][];
}

/** Held-out regression error of the extractor on a render set, against the constant (training-mean) predictor. */
export function regressionError(tf: Tf, net: KidFeatureNet, set: RenderSet, batch = 64): RegressionError {
  const t = net.config.targetNames.length;
  const ys = standardise(set.targets, net.config);
  const px = set.size * set.size * 3;
  const err = new Float64Array(t);
  const con = new Float64Array(t);
  for (let i = 0; i < set.count; i += batch) {
    const k = Math.min(batch, set.count - i);
    const pred = tf.tidy(() => kidFeatureForward(tf, net, tf.tensor4d(set.images.subarray(i * px, (i + k) * px), [k, set.size, set.size, 3])).prediction);
    const p = pred.dataSync();
    pred.dispose();
    for (let r = 0; r < k; r++) {
      for (let j = 0; j < t; j++) {
        const y = ys[(i + r) * t + j];
        err[j] += (p[r * t + j] - y) ** 2 / set.count;
        con[j] += (y * y) / set.count; // the constant predictor answers 0 in standardised units
      }
    }
  }
  const avg = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / t;
  return { mse: avg(err), constantMse: avg(con), perTarget: net.config.targetNames.map((name, j) => [name, err[j], con[j]]) };
}
