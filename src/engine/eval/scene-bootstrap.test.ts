import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../data/types';
import { EvalAccumulator, EVAL_RECORD_KEYS, type ImageMetrics, type SceneEvalInput } from './aggregate';
import { bootstrapAcceptance, quantile, type SceneAccumulators } from './scene-bootstrap';

// PSNR as the formula; SSIM's slot gets 1 - mean absolute error (only the pooling is under test).
const METRICS: ImageMetrics = {
  psnr: (a, b) => 10 * Math.log10(1 / (a.data.reduce((s, v, i) => s + (v - b.data[i]) ** 2, 0) / a.data.length)),
  ssim: (a, b) => 1 - a.data.reduce((s, v, i) => s + Math.abs(v - b.data[i]), 0) / a.data.length,
};

const W = 16;
const image = (f: (x: number, y: number, c: number) => number): RgbImage => {
  const data = new Float32Array(W * W * 3);
  for (let y = 0; y < W; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) data[(y * W + x) * 3 + c] = f(x, y, c);
  return { width: W, height: W, data };
};
const checker = (x: number, y: number) => ((x + y) % 2 ? 0.8 : 0.2);

/**
 * A scene whose DFM samples keep `detail` of the truth's checkerboard contrast (sharpness ratio
 * detail^2) and spread by `spread` in the unseen bottom half (0.01 in the seen top half).
 */
function scene(detail: number, spread: number, contextError: number): SceneEvalInput {
  const truth = image(checker);
  const seen = new Uint8Array(W * W).map((_, i) => (Math.floor(i / W) < W / 2 ? 1 : 0));
  const unseen = seen.map((v) => 1 - v);
  const samples = [-1, 1].map((sign) => image((x, y) => 0.5 + detail * (checker(x, y) - 0.5) + sign * (y >= W / 2 ? spread : 0.01)));
  return {
    contexts: [{ groundTruth: truth, renders: samples.map(() => image((x, y) => checker(x, y) + contextError)) }],
    novel: [{ groundTruth: truth, samples, seen, unseen }],
  };
}

function accumulate(dfm: SceneEvalInput, baseline: SceneEvalInput): SceneAccumulators {
  const a = { dfm: new EvalAccumulator(METRICS), baseline: new EvalAccumulator(METRICS) };
  a.dfm.addScene(dfm);
  a.baseline.addScene(baseline);
  return a;
}

describe('EvalAccumulator.combine', () => {
  it('equals one accumulator that saw every scene', () => {
    const inputs = [scene(0.9, 0.05, 0.02), scene(0.5, 0.02, 0.05), scene(0.7, 0.1, 0.03)];
    const whole = new EvalAccumulator(METRICS);
    inputs.forEach((s) => whole.addScene(s));
    const parts = inputs.map((s) => { const a = new EvalAccumulator(METRICS); a.addScene(s); return a; });
    const combined = EvalAccumulator.combine(parts);
    for (const k of EVAL_RECORD_KEYS) expect(combined[k]).toBeCloseTo(whole.result()[k], 10);
    expect(() => EvalAccumulator.combine([])).toThrow(/at least one/);
  });
});

describe('bootstrapAcceptance', () => {
  it('gives a zero-width interval when every scene is alike', () => {
    const scenes = [0, 1, 2].map(() => accumulate(scene(0.9, 0.05, 0.02), scene(0.3, 0, 0.02)));
    const intervals = bootstrapAcceptance(scenes, {}, { resamples: 50 });
    expect(intervals.map((c) => c.name)).toEqual([
      'dfm.contextPsnr >= threshold (dB)', 'dfm.sharpnessUnseen >= threshold',
      'dfm.sharpnessUnseen - baseline.sharpnessUnseen >= threshold', 'dfm.diversityUnseen / dfm.diversitySeen >= threshold',
    ]);
    const sharp = intervals[1];
    expect(sharp.low).toBeCloseTo(0.81, 4); // detail 0.9 keeps 0.81 of the Laplacian energy (float32 images)
    expect(sharp.high).toBe(sharp.low);
    expect(sharp.passRate).toBe(1);
    expect(intervals[3].low).toBeCloseTo(5, 4); // spread 0.05 unseen vs 0.01 seen
  });

  it('spans the scenes when they differ, around the pooled value, reproducibly', () => {
    const scenes = [0.95, 0.6, 0.8, 0.7, 0.9].map((d, i) => accumulate(scene(d, 0.01 + 0.01 * i, 0.02), scene(0.3, 0, 0.02)));
    const pooled = EvalAccumulator.combine(scenes.map((s) => s.dfm)).sharpnessUnseen;
    const [, sharp] = bootstrapAcceptance(scenes, {}, { resamples: 400, seed: 3 });
    expect(sharp.low).toBeLessThan(pooled);
    expect(sharp.high).toBeGreaterThan(pooled);
    expect(sharp.low).toBeGreaterThanOrEqual(0.6 ** 2 - 1e-9); // never below the bluriest scene
    expect(sharp.high).toBeLessThanOrEqual(0.95 ** 2 + 1e-9);
    expect(sharp.passRate).toBeGreaterThan(0);
    expect(sharp.passRate).toBeLessThan(1); // 0.6^2 fails 0.7 and 0.95^2 passes it
    expect(bootstrapAcceptance(scenes, {}, { resamples: 400, seed: 3 })).toEqual(bootstrapAcceptance(scenes, {}, { resamples: 400, seed: 3 }));
  });

  it('refuses a single scene and bad options', () => {
    const one = [accumulate(scene(0.9, 0.05, 0.02), scene(0.3, 0, 0.02))];
    expect(() => bootstrapAcceptance(one)).toThrow(/at least 2 scenes, got 1/);
    expect(() => bootstrapAcceptance([...one, ...one], {}, { level: 1 })).toThrow(/level/);
    expect(() => bootstrapAcceptance([...one, ...one], {}, { resamples: 0 })).toThrow(/resamples/);
  });
});

describe('quantile', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([7], 0.975)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
