import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../data/types';
import { evalAcceptance } from './acceptance';
import { EVAL_RECORD_KEYS, EvalAccumulator, aggregateEval, formatEvalTable, type EvalRecord, type ImageMetrics, type SceneEvalInput } from './aggregate';
import { pixelDiversity } from './diversity';
import { sharpnessRatio } from './high-frequency';

// src/engine/metrics (psnr/ssim) is written in parallel; these tests inject their own metrics:
// the PSNR formula itself and, for SSIM's slot, 1 - mean absolute error (only the plumbing
// of the averages is under test here).
const METRICS: ImageMetrics = {
  psnr: (a, b) => {
    let s = 0;
    for (let i = 0; i < a.data.length; i++) s += (a.data[i] - b.data[i]) ** 2;
    return 10 * Math.log10(1 / (s / a.data.length));
  },
  ssim: (a, b) => {
    let s = 0;
    for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i] - b.data[i]);
    return 1 - s / a.data.length;
  },
};

const W = 24;
function image(f: (x: number, y: number, c: number) => number): RgbImage {
  const data = new Float32Array(W * W * 3);
  for (let y = 0; y < W; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) data[(y * W + x) * 3 + c] = f(x, y, c);
  return { width: W, height: W, data };
}
const at = (img: RgbImage, x: number, y: number, c: number) => img.data[(y * W + x) * 3 + c];

function scene(samplesPerView: number): { input: SceneEvalInput; truth: RgbImage; samples: RgbImage[]; seen: Uint8Array; unseen: Uint8Array } {
  const ctx = image((x, y, c) => 0.2 + 0.02 * ((x + y + c) % 10));
  const truth = image((x, y, c) => 0.3 + 0.4 * (((x * 7 + y * 13 + c * 5) % 11) / 11));
  const blurred = image((x, y, c) => {
    let s = 0; let n = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      s += at(truth, Math.min(W - 1, Math.max(0, x + dx)), Math.min(W - 1, Math.max(0, y + dy)), c); n++;
    }
    return s / n;
  });
  const seen = new Uint8Array(W * W).map((_, i) => (Math.floor(i / W) < W / 2 ? 1 : 0)); // top half
  const unseen = seen.map((v) => 1 - v);
  const offsets = [0, 0.04, 0.08, 0.12].slice(0, samplesPerView);
  const samples = offsets.map((o) => image((x, y, c) => at(blurred, x, y, c) + (y >= W / 2 ? o : 0)));
  return {
    input: {
      contexts: [{ groundTruth: ctx, renders: offsets.map(() => image((x, y, c) => at(ctx, x, y, c) + 0.1)) }],
      novel: [{ groundTruth: truth, samples, seen, unseen }],
    },
    truth, samples, seen, unseen,
  };
}

describe('aggregateEval', () => {
  it('builds the record from context re-renders, novel views and visibility masks', () => {
    const s = scene(4);
    const r = aggregateEval([s.input], METRICS);
    expect(Object.keys(r).sort()).toEqual([...EVAL_RECORD_KEYS].sort());
    expect(r.contextPsnr).toBeCloseTo(20, 4); // every render is off by 0.1 everywhere: MSE 0.01
    expect(r.contextSsim).toBeCloseTo(0.9, 5);
    const psnrs = s.samples.map((x) => METRICS.psnr(x, s.truth));
    expect(r.novelPsnr).toBeCloseTo(psnrs.reduce((a, b) => a + b) / 4, 8);
    expect(r.sharpnessUnseen).toBeCloseTo(sharpnessRatio(s.samples, s.samples.map(() => s.truth), s.samples.map(() => s.unseen)), 10);
    expect(r.sharpnessUnseen).toBeLessThan(1); // blurred samples
    const std = Math.sqrt([0, 0.04, 0.08, 0.12].reduce((a, o) => a + (o - 0.06) ** 2, 0) / 4);
    expect(r.diversityUnseen).toBeCloseTo(std, 5);
    expect(r.diversitySeen).toBeCloseTo(0, 6);
    expect(r.diversityUnseen).toBeCloseTo(pixelDiversity(s.samples, s.unseen), 10);
  });

  it('pools two scenes, and a deterministic model (one sample) has zero diversity', () => {
    const a = scene(4);
    const b = scene(2);
    const acc = new EvalAccumulator(METRICS);
    acc.addScene(a.input);
    acc.addScene(b.input);
    const r = acc.result();
    // Pixel-pooled diversity: both views have the same number of unseen pixels.
    const expected = (pixelDiversity(a.samples, a.unseen) + pixelDiversity(b.samples, b.unseen)) / 2;
    expect(r.diversityUnseen).toBeCloseTo(expected, 10);
    const det = aggregateEval([scene(1).input], METRICS);
    expect(det.diversityUnseen).toBe(0);
    expect(det.diversitySeen).toBe(0);
    expect(new EvalAccumulator(METRICS).result().contextPsnr).toBeNaN();
  });

  it('rejects renders of the wrong size, naming the field', () => {
    const s = scene(2);
    const bad = { ...s.input, contexts: [{ ...s.input.contexts[0], renders: [{ width: 2, height: 2, data: new Float32Array(12) }] }] };
    expect(() => aggregateEval([bad], METRICS)).toThrow(/context\.renders\[0\] is 2x2 but context\.groundTruth is 24x24/);
  });
});

describe('report helpers', () => {
  const rec = (o: Partial<EvalRecord>): EvalRecord => ({
    contextPsnr: 26, contextSsim: 0.9, novelPsnr: 18, novelSsim: 0.7, sharpnessUnseen: 0.85, diversityUnseen: 0.06, diversitySeen: 0.02, ...o,
  });

  it('formats a table with one column per method and n/a for NaN', () => {
    const t = formatEvalTable({ dfm: rec({}), baseline: rec({ diversityUnseen: NaN }) });
    const lines = t.split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^metric\s+dfm\s+baseline$/);
    expect(t).toMatch(/contextPsnr\s+26\.00\s+26\.00/);
    expect(t).toMatch(/diversityUnseen\s+0\.0600\s+n\/a/);
  });

  it('checks the issue 4 acceptance claims', () => {
    const ok = evalAcceptance({ dfm: rec({}), baseline: rec({ sharpnessUnseen: 0.5, diversityUnseen: 0, diversitySeen: 0 }) });
    expect(ok.pass).toBe(true);
    expect(ok.checks).toHaveLength(4);
    const blurry = evalAcceptance({ dfm: rec({ sharpnessUnseen: 0.65 }), baseline: rec({ sharpnessUnseen: 0.5 }) });
    expect(blurry.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual([
      'dfm.sharpnessUnseen >= threshold', 'dfm.sharpnessUnseen - baseline.sharpnessUnseen >= threshold',
    ]);
    expect(evalAcceptance({ dfm: rec({ diversitySeen: 0.04 }), baseline: rec({ sharpnessUnseen: 0.5 }) }).pass).toBe(false);
    expect(evalAcceptance({ dfm: rec({ contextPsnr: NaN }), baseline: rec({ sharpnessUnseen: 0.5 }) }).pass).toBe(false);
  });
});
