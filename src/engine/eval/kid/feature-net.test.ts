import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError, decodeModelFile, encodeModelFile } from '../../model-file';
import { useBackend } from '../../testing/backends';
import type { Tf } from '../../tf';
import { createKidFeatureNet, disposeKidFeatureNet, extractFeatures, predictAzimuths, type KidFeatureConfig, type KidFeatureNet } from './feature-net';
import { encodeKidFeatureFile, loadKidFeatureFile } from './feature-io';
import { createKidFeatureTrainer, kidFeatureTrainStep, regressionError, standardise } from './feature-train';
import { boxDownsample, renderCategorySet, type RenderSet } from './render-set';
import { SCENE_TARGET_NAMES } from './scene-targets';

let tf: Tf;
let net: KidFeatureNet;
const T = SCENE_TARGET_NAMES.length;
const CONFIG: KidFeatureConfig = {
  imageSize: 32, channels: [8, 8, 16], convsPerStage: [1, 1, 1], featureDim: 24,
  targetNames: [...SCENE_TARGET_NAMES], targetMean: new Array<number>(T).fill(0), targetStd: new Array<number>(T).fill(1),
};
let set: RenderSet;

beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
  net = createKidFeatureNet(tf, CONFIG, 3);
  set = renderCategorySet({ split: 'train', scenes: 4, seed: 7 });
});
afterAll(() => disposeKidFeatureNet(net));

describe('KID feature network', () => {
  it('maps N 32x32 images to [N, featureDim] features without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const f = extractFeatures(tf, net, set.images, 32, 5);
    expect(f.length).toBe(set.count * 24);
    expect(f.every(Number.isFinite)).toBe(true);
    expect(f.some((v) => v > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives a 64x64 image the features of its 2x2 box-pooled 32x32 version', () => {
    const big = renderCategorySet({ split: 'train', scenes: 1, seed: 7, resolution: 64, renderResolution: 64 });
    const small = new Float32Array(big.count * 32 * 32 * 3);
    for (let i = 0; i < big.count; i++) boxDownsample(big.images.subarray(i * 64 * 64 * 3, (i + 1) * 64 * 64 * 3), 32, 2, small, i * 32 * 32 * 3);
    const a = extractFeatures(tf, net, big.images, 64);
    const b = extractFeatures(tf, net, small, 32);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 4);
    expect(() => extractFeatures(tf, net, big.images, 48)).toThrow(/\[N, 48, 48, 3\]/);
  });

  it('survives a model-file round trip with identical features and provenance', () => {
    const bytes = encodeKidFeatureFile(net, { dataset: 'test', seed: 3, steps: 0, wallTimeSeconds: 0, hardware: 'test', engineVersion: '0', heldOutRegression: { mse: 0.5 } });
    const loaded = loadKidFeatureFile(tf, bytes, 'models/kid.plxm');
    expect(loaded.provenance.heldOutRegression).toEqual({ mse: 0.5 });
    expect(loaded.net.config).toEqual(CONFIG);
    expect(extractFeatures(tf, loaded.net, set.images, 32)).toEqual(extractFeatures(tf, net, set.images, 32));
    disposeKidFeatureNet(loaded.net);
  });

  it('reads the azimuth from the de-standardised sin/cos predictions, and names a network without them', () => {
    // Head weights 0: every prediction is the head's bias. Standardised sin -0.5, cos 1 with mean (0.1, -0.2) and
    // std (2, 0.5) de-standardise to sin -0.9, cos 0.3: azimuth atan2(-0.9, 0.3).
    const c: KidFeatureConfig = { ...CONFIG, targetNames: ['x', 'camera.sinAzimuth', 'camera.cosAzimuth'], targetMean: [0, 0.1, -0.2], targetStd: [1, 2, 0.5] };
    const n = createKidFeatureNet(tf, c, 5);
    try {
      n.store.v('head.w').assign(tf.zerosLike(n.store.v('head.w')));
      n.store.v('head.b').assign(tf.tensor1d([3, -0.5, 1]));
      const images = Float32Array.from({ length: 3 * 32 * 32 * 3 }, (_, i) => (i % 7) / 7);
      const az = predictAzimuths(tf, n, images, 32, 2);
      expect(az).toHaveLength(3);
      for (const a of az) expect(a).toBeCloseTo(Math.atan2(-0.9, 0.3), 5);
      expect(() => predictAzimuths(tf, net, images.subarray(0, 100), 32)).toThrow(/images must hold \[N, 32, 32, 3\] values, got 100/);
    } finally {
      disposeKidFeatureNet(n);
    }
    const noCamera = createKidFeatureNet(tf, { ...CONFIG, targetNames: ['a'], targetMean: [0], targetStd: [1] }, 5);
    try {
      expect(() => predictAzimuths(tf, noCamera, new Float32Array(32 * 32 * 3), 32)).toThrow(/no camera.sinAzimuth \/ camera.cosAzimuth targets \(has a\)/);
    } finally {
      disposeKidFeatureNet(noCamera);
    }
  });

  it('refuses other models and bad configs, naming the file and field', () => {
    const dfm = encodeModelFile({ method: 'dfm', config: {}, provenance: { dataset: '', seed: 0, steps: 0, wallTimeSeconds: 0, hardware: '', engineVersion: '' }, tensors: [] });
    expect(() => loadKidFeatureFile(tf, dfm, 'models/x.plxm')).toThrow(ModelFileError);
    expect(() => loadKidFeatureFile(tf, dfm, 'models/x.plxm')).toThrow(/dfm model, expected a kid-features model/);
    const good = decodeModelFile(encodeKidFeatureFile(net, { dataset: '', seed: 0, steps: 0, wallTimeSeconds: 0, hardware: '', engineVersion: '' }));
    const tensors = [...good.tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
    const bad = encodeModelFile({ method: 'kid-features', config: { ...CONFIG, targetStd: CONFIG.targetStd.map(() => 0) }, provenance: good.provenance, tensors });
    expect(() => loadKidFeatureFile(tf, bad, 'models/bad.plxm')).toThrow(/models\/bad\.plxm: config\.targetStd must hold 35 positive numbers/);
  });

  it('lowers the regression error on its training set within 60 Adam steps (default architecture)', () => {
    const tr = createKidFeatureTrainer(tf, set, { batch: 8, steps: 60, learningRate: 3e-3, seed: 1 });
    const ys = standardise(set.targets, tr.net.config);
    const before = regressionError(tf, tr.net, set).mse;
    for (let i = 0; i < 60; i++) kidFeatureTrainStep(tf, tr, set, ys);
    const after = regressionError(tf, tr.net, set).mse;
    console.log(`[kid] training-set MSE ${before.toFixed(3)} -> ${after.toFixed(3)} after 60 steps`);
    expect(after).toBeLessThan(0.4 * before);
    disposeKidFeatureNet(tr.net);
  });
});
