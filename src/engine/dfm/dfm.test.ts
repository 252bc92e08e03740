import type * as tfn from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../data/types';
import { useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import {
  DFM_DEFAULTS, DFM_PAPER_PRESET, createDfmModel, createDfmTrainer, denoise, deterministicField, dfmTrainStep,
  deterministicTrainStep, disposeConditioning, disposeDfmModel, disposeScene, disposeTrainer, encodeContext,
  imageToTensor, prepareConditioning, renderImage, resolveDfmConfig, sampleView, sceneField,
  type DfmModel, type DfmTrainExample,
} from '.';
import { TINY_CONFIG, TINY_SIZE, sphereView } from './dfm-fixtures';

const SIZE = TINY_SIZE;
const TINY = TINY_CONFIG;

const EXAMPLE: DfmTrainExample = { context: [sphereView(0)], target: sphereView(0.9), novel: sphereView(-0.7) };

let tf: Tf;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
});

const finite = (img: RgbImage) => img.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1);

/** Deterministic evaluation: full-image MSE of the baseline field / of one DFM denoise at fixed t and noise. */
function evalLosses(model: DfmModel): { det: number; dfm: number } {
  return tf.tidy(() => {
    const ctx = imageToTensor(tf, EXAMPLE.context[0].image, SIZE, 'ctx');
    const tgt = imageToTensor(tf, EXAMPLE.target.image, SIZE, 'tgt');
    const field = deterministicField(model, encodeContext(model, ctx, false), [EXAMPLE.context[0].camera]);
    const r = model.config.render;
    const det = renderImage(tf, field, EXAMPLE.target.camera, SIZE, { near: r.near, far: r.far, samples: r.samples, background: r.background }, 256);
    const cond = prepareConditioning(model, ctx, [EXAMPLE.context[0].camera], EXAMPLE.target.camera, { drop: false, training: false, seed: null });
    const t = 300;
    const ab = model.schedule.alphasCumprod[t];
    const xt = tf.add(tf.mul(tf.sub(tf.mul(tgt, 2), 1), Math.sqrt(ab)), tf.mul(tf.randomNormal(tgt.shape, 0, 1, 'float32', 5), Math.sqrt(1 - ab))) as tfn.Tensor4D;
    const { x0 } = denoise(model, cond, xt, t);
    const out = {
      det: tf.mean(tf.squaredDifference(det.rgb, tgt)).dataSync()[0],
      dfm: tf.mean(tf.squaredDifference(tf.div(tf.add(x0, 1), 2), tgt)).dataSync()[0],
    };
    disposeConditioning(cond);
    return out as unknown as tfn.TensorContainer;
  }) as unknown as { det: number; dfm: number };
}

describe('dfm config', () => {
  it('defaults and paper preset resolve, are JSON round-trippable, bad values name the field', () => {
    expect(resolveDfmConfig()).toEqual(JSON.parse(JSON.stringify(DFM_DEFAULTS)));
    const paper = resolveDfmConfig({}, DFM_PAPER_PRESET);
    expect(paper.render.samples + paper.render.importanceSamples).toBe(128);
    expect(paper.render.detSamples).toBe(32);
    expect(paper.train.learningRate).toBe(2e-5);
    expect(paper.train.weights.depth).toBe(0.02);
    expect(() => resolveDfmConfig({ imageSize: 31 })).toThrow(/imageSize/);
    expect(() => resolveDfmConfig({ train: { ...DFM_DEFAULTS.train, patchSize: 100 } })).toThrow(/train\.patchSize/);
    expect(() => resolveDfmConfig({ train: { ...DFM_DEFAULTS.train, weights: { ...DFM_DEFAULTS.train.weights, lpips: 0.2 } } })).toThrow(/lpips/);
  });
});

describe('dfm model on a tiny analytic scene (wasm)', () => {
  let model: DfmModel;
  beforeAll(() => { model = createDfmModel(tf, TINY, 1); });
  afterAll(() => disposeDfmModel(model));

  it('denoiser: x0 in [-1, 1], deterministic given the cached conditioning, no leaks', () => {
    const before = tf.memory().numTensors;
    const ctx = imageToTensor(tf, EXAMPLE.context[0].image, SIZE, 'ctx');
    const cond = prepareConditioning(model, ctx, [EXAMPLE.context[0].camera], EXAMPLE.target.camera, { drop: false, training: false, seed: null });
    expect(cond.det?.rgb.shape).toEqual([1, 8, 8, 3]);
    expect(cond.detInput.shape).toEqual([1, SIZE, SIZE, 3 + 1 + 4]);
    const xt = tf.randomNormal([1, SIZE, SIZE, 3], 0, 1, 'float32', 2) as tfn.Tensor4D;
    const a = denoise(model, cond, xt, 500);
    const b = denoise(model, cond, xt, 500);
    expect(a.x0.shape).toEqual([1, SIZE, SIZE, 3]);
    const va = a.x0.dataSync(); const vb = b.x0.dataSync();
    expect(va.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(Array.from(va)).toEqual(Array.from(vb));
    tf.dispose([ctx, xt, a.x0, a.depth, b.x0, b.depth]);
    disposeConditioning(cond);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an untrained model samples N DDIM steps end-to-end (with and without guidance), scene renders', async () => {
    const before = tf.memory().numTensors;
    const steps: number[] = [];
    const s1 = await sampleView(model, EXAMPLE.context, EXAMPLE.target.camera, {
      seed: 3, sampler: { steps: 4 }, previewEvery: 2, onStep: (p) => { steps.push(p.t); if (p.index % 2 === 0) expect(finite(p.x0)).toBe(true); },
    });
    expect(steps).toEqual([999, 749, 499, 249]);
    expect(s1.image.width).toBe(SIZE);
    expect(finite(s1.image)).toBe(true);
    const s2 = await sampleView(model, EXAMPLE.context, EXAMPLE.target.camera, { seed: 4, sampler: { steps: 3, eta: 1 }, guidance: 2 });
    expect(finite(s2.image)).toBe(true);
    const novel = tf.tidy(() => renderImage(tf, sceneField(model, s1.scene), EXAMPLE.novel.camera, SIZE, { near: 1.8, far: 4.6, samples: 8 }, 256).rgb.dataSync());
    expect(novel.every(Number.isFinite)).toBe(true);
    disposeScene(s1.scene); disposeScene(s2.scene);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a few DFM and baseline train steps on one scene lower the loss; EMA and warm-up work; no leaks', () => {
    const before = tf.memory().numTensors;
    const trainer = createDfmTrainer(model, 9);
    const start = evalLosses(model);
    const modes = new Set<string>();
    for (let i = 0; i < 14; i++) {
      const r = i % 2 === 0 ? dfmTrainStep(trainer, EXAMPLE) : deterministicTrainStep(trainer, EXAMPLE);
      modes.add(r.mode);
      for (const v of Object.values(r.losses)) expect(Number.isFinite(v)).toBe(true);
      if (r.mode === 'dfm') expect(Object.keys(r.losses).sort()).toEqual(['cond', 'depth', 'novel', 'target', 'total']);
    }
    const end = evalLosses(model);
    console.log(`[dfm] eval MSE before ${JSON.stringify(start)} after 14 steps ${JSON.stringify(end)}`);
    expect(end.det).toBeLessThan(start.det * 0.8);
    expect(end.dfm).toBeLessThan(start.dfm * 0.8);
    expect(trainer.step).toBe(14);
    expect([...modes].sort()).toEqual(['deterministic', 'dfm']);
    // EMA moved towards the weights but is not equal to them.
    const ema = trainer.ema.snapshot().get('joint.head.out.w')!;
    const cur = model.store.v('joint.head.out.w').dataSync();
    expect(ema.some((v, i) => v !== cur[i])).toBe(true);
    disposeTrainer(trainer);
    // Warm-up: the first warmupSteps steps of dfmTrainStep are deterministic.
    const warm = createDfmModel(tf, { ...TINY, train: { ...TINY.train!, warmupSteps: 1 } }, 2);
    const wt = createDfmTrainer(warm, 1);
    expect(dfmTrainStep(wt, EXAMPLE).mode).toBe('deterministic');
    expect(dfmTrainStep(wt, EXAMPLE).mode).toBe('dfm');
    disposeTrainer(wt); disposeDfmModel(warm);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects images of the wrong size naming the field', () => {
    const bad: DfmTrainExample = { ...EXAMPLE, target: { ...EXAMPLE.target, image: { width: 8, height: 8, data: new Float32Array(192) } } };
    const trainer = createDfmTrainer(model, 1);
    expect(() => dfmTrainStep(trainer, bad)).toThrow(/example\.target\.image is 8x8/);
    disposeTrainer(trainer);
  });
});
