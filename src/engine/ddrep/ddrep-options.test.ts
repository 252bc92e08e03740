// DDRep options beyond the exactness tests: RePaint inpainting, RePaint resampling (U), guidance calls,
// stop/progress, config validation; SIREN basics; SJC mode-seeking; no tensor leaks (d) in every path.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COSINE_SCHEDULE_DEFAULTS, alphaBarAt, makeNoiseSchedule } from '../diffusion';
import { repaintForwardNoise, sampleDdrep } from './ddrep';
import { knownFromImage } from './inpaint';
import { pixelGrid } from './pixel-grid';
import { siren } from './siren';
import { sampleSds } from './sds';
import { sampleSjc } from './sjc';
import { gaussianPrior, linearToyRep } from './test-utils';
import type { Prior } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const schedule = makeNoiseSchedule(COSINE_SCHEDULE_DEFAULTS);
const MEAN = [0.3, -0.2, 0.1];
const STD = [0.4, 0.4, 0.4];
const closed = { solver: 'closed-form', iterations: 0, lr: null } as const;
const ddim = (steps: number, eta = 1) => ({ kind: 'ddim', steps, eta, temperature: 1, spacing: 'trailing', clipX0: 1 } as const);

function renderMoments(rep: { render(v: never): tf.Tensor; sampleViews(r: () => number, n: number): unknown[] }) {
  const x = rep.render(rep.sampleViews(() => 0, 1)[0] as never);
  const m = channelMoments(x);
  x.dispose();
  return m;
}

function channelMoments(x: tf.Tensor): { mean: number[]; std: number[] } {
  return tf.tidy(() => {
    const m = tf.moments(tf.reshape(x, [-1, 3]), 0);
    return { mean: Array.from(m.mean.dataSync()), std: Array.from(tf.sqrt(m.variance).dataSync()) };
  });
}

describe('DDRep options', () => {
  it('RePaint inpainting: known pixels are kept, the denoiser sees them noised, the rest is sampled', async () => {
    const before = tf.memory().numTensors;
    const H = 8; const W = 8;
    const known = tf.fill([H, W, 3], 0.8);
    const mask = tf.tidy(() => tf.concat([tf.ones([H, W / 2, 1]), tf.zeros([H, W / 2, 1])], 1));
    const inner = gaussianPrior(tf, schedule, MEAN, STD);
    let lastGap = Infinity; let lastT = -1;
    const spy: Prior = {
      schedule, prediction: 'x0',
      denoise(x, t, c) {
        // Known half of x_t, rescaled to the signal: sqrt(abar) known + sqrt(1 - abar) eps -> known + sigma eps.
        const ab = alphaBarAt(schedule, t);
        lastGap = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.div(tf.slice(x, [0, 0, 0, 0], [1, H, W / 2, 3]), Math.sqrt(ab)), 0.8))).dataSync()[0]);
        lastT = t;
        return inner.denoise(x, t, c);
      },
    };
    const rep = pixelGrid(tf, { height: H, width: W });
    await sampleDdrep(tf, rep, spy, { sampler: ddim(20), guidance: 1, seed: 9, inner: closed }, { known: knownFromImage(tf, known, mask) });
    const img = rep.parameters[0];
    const left = tf.tidy(() => tf.slice(img, [0, 0, 0], [H, W / 2, 3]));
    const right = tf.tidy(() => tf.slice(img, [0, W / 2, 0], [H, W / 2, 3]));
    const sigma = Math.sqrt((1 - alphaBarAt(schedule, lastT)) / alphaBarAt(schedule, lastT));
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(left, 0.8))).dataSync()[0])).toBeLessThan(1e-6);
    expect(lastGap).toBeLessThan(5 * sigma); // x_t's known half is the known image plus sigma-scaled noise
    expect(lastGap).toBeGreaterThan(0);
    const m = channelMoments(right);
    expect(Math.abs(m.mean[0] - MEAN[0])).toBeLessThan(0.3); // unknown half follows the prior, not the known value
    expect(m.std[0]).toBeGreaterThan(0.15);
    tf.dispose([known, mask, left, right]); rep.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('RePaint resampling U = 1: steps + (steps - 1) U denoiser calls, same moments as U = 0', async () => {
    // Not compared with the data std: coarse eta-1 DDIM itself under-disperses Gaussian data (measured std
    // 0.32 / 0.37 of 0.4 at 15 / 60 steps with U = 0), because its reverse step uses the posterior mean x0.
    const before = tf.memory().numTensors;
    const prior = gaussianPrior(tf, schedule, MEAN, STD);
    const run = async (resample: number) => {
      const rep = pixelGrid(tf, { height: 32, width: 32 });
      const stats = await sampleDdrep(tf, rep, prior, { sampler: ddim(20), guidance: 1, seed: 4, resample, inner: closed });
      const m = channelMoments(rep.parameters[0]);
      rep.dispose();
      return { stats, m };
    };
    const plain = await run(0);
    const rp = await run(1);
    expect(plain.stats.denoiserCalls).toBe(20);
    expect(rp.stats.denoiserCalls).toBe(20 + 19);
    for (let c = 0; c < 3; c++) {
      expect(Math.abs(rp.m.mean[c] - MEAN[c])).toBeLessThan(0.05); // 32^2 samples per channel: SE 0.0125
      expect(rp.m.std[c] / plain.m.std[c]).toBeGreaterThan(0.9);
      expect(rp.m.std[c] / plain.m.std[c]).toBeLessThan(1.1);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('RePaint forward of the managed noise equals the VP forward q(x_t | x_t\') for any signal', () => {
    const before = tf.memory().numTensors;
    const t = 600; const tp = 560;
    const abT = alphaBarAt(schedule, t); const abP = alphaBarAt(schedule, tp);
    const s = tf.randomUniform([4000], -1, 1, 'float32', 1);
    const E = tf.randomNormal([4000], 0, 1, 'float32', 2);
    const Z = tf.randomNormal([4000], 0, 1, 'float32', 3);
    const Et = repaintForwardNoise(tf, E, Z, abT, abP);
    const lhs = tf.tidy(() => tf.add(tf.mul(s, Math.sqrt(abT)), tf.mul(Et, Math.sqrt(1 - abT))));
    const xPrev = tf.tidy(() => tf.add(tf.mul(s, Math.sqrt(abP)), tf.mul(E, Math.sqrt(1 - abP))));
    const rhs = tf.tidy(() => tf.add(tf.mul(xPrev, Math.sqrt(abT / abP)), tf.mul(Z, Math.sqrt(1 - abT / abP))));
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(lhs, rhs))).dataSync()[0])).toBeLessThan(1e-5);
    const std = tf.tidy(() => tf.sqrt(tf.moments(Et).variance).dataSync()[0]);
    expect(Math.abs(std - 1)).toBeLessThan(0.05); // unit variance kept
    expect(() => repaintForwardNoise(tf, E, Z, abP, abT)).toThrow(/abar/);
    tf.dispose([s, E, Z, Et, lhs, xPrev, rhs]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('guidance: two calls per step with a conditional view and w != 1, one with w = 1; stop and progress', async () => {
    const inner = gaussianPrior(tf, schedule, MEAN, STD);
    const conds: (string | null)[] = [];
    const prior: Prior = { schedule, prediction: 'x0', denoise: (x, t, c) => { conds.push(c === null ? null : JSON.stringify(c)); return inner.denoise(x, t, c); } };
    const rep = pixelGrid(tf, { height: 2, width: 2, cond: [0.5, -1] });
    const seen: number[] = [];
    const s3 = await sampleDdrep(tf, rep, prior, { sampler: ddim(6), guidance: 3, seed: 1, inner: closed }, { onStep: (i) => { seen.push(i.index); } });
    expect(s3.denoiserCalls).toBe(12);
    expect(conds.filter((c) => c === null).length).toBe(6);
    expect(conds.filter((c) => c === '[[0.5,-1]]').length).toBe(6);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    const s1 = await sampleDdrep(tf, rep, prior, { sampler: ddim(6), guidance: 1, seed: 1, inner: closed });
    expect(s1.denoiserCalls).toBe(6);
    let n = 0;
    const stopped = await sampleDdrep(tf, rep, prior, { sampler: ddim(6), guidance: 1, seed: 1, inner: closed }, { shouldStop: () => n++ >= 2 });
    expect(stopped.stopped).toBe(true);
    expect(stopped.steps).toBe(2);
    rep.dispose();
  });

  it('rejects bad options naming the field', async () => {
    const rep = siren(tf, { height: 4, width: 4, hidden: 8, layers: 1 });
    const prior = gaussianPrior(tf, schedule, MEAN, STD);
    await expect(sampleDdrep(tf, rep, prior, { viewsPerStep: 0 })).rejects.toThrow(/viewsPerStep/);
    await expect(sampleDdrep(tf, rep, prior, { resample: -1 })).rejects.toThrow(/resample/);
    await expect(sampleDdrep(tf, rep, prior, { sampler: ddim(2), inner: closed })).rejects.toThrow(/closed form/);
    await expect(sampleSds(tf, rep, prior, { tMin: 0.9, tMax: 0.1 })).rejects.toThrow(/tMin/);
    await expect(sampleSjc(tf, rep, prior, { paasSamples: 0 })).rejects.toThrow(/paasSamples/);
    expect(() => siren(tf, { hidden: 0 })).toThrow(/hidden/);
    rep.dispose();
  });
});

describe('SIREN', () => {
  it('starts at f = 0, follows Sitzmann init bounds, the output layer gets a gradient, a fit lowers the loss', () => {
    const before = tf.memory().numTensors;
    const rep = siren(tf, { height: 8, width: 8, hidden: 32, layers: 2, seed: 3 });
    const view = rep.sampleViews(() => 0, 1)[0];
    expect(tf.tidy(() => tf.max(tf.abs(rep.render(view))).dataSync()[0])).toBe(0);
    const w0 = rep.parameters[0].dataSync(); const w1 = rep.parameters[1].dataSync();
    expect(Math.max(...Array.from(w0, Math.abs))).toBeLessThanOrEqual(1 / 2);
    expect(Math.max(...Array.from(w1, Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 32) / 30);
    const target = tf.tidy(() => tf.sin(tf.mul(tf.linspace(0, 6, 8 * 8 * 3), 1)).reshape([8, 8, 3]));
    const { value, grads } = tf.variableGrads(() => tf.tidy(() => tf.mean(tf.squaredDifference(rep.render(view), target)) as tf.Scalar), [...rep.parameters]);
    // With a zero last layer only the last layer's gradient is nonzero at the start (as expected).
    const lastW = rep.parameters[2];
    expect(tf.tidy(() => tf.max(tf.abs(grads[lastW.name])).dataSync()[0])).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads)]);
    const opt = tf.train.adam(1e-3);
    const loss0 = tf.tidy(() => tf.mean(tf.squaredDifference(rep.render(view), target)).dataSync()[0]);
    for (let i = 0; i < 150; i++) opt.minimize(() => tf.mean(tf.squaredDifference(rep.render(view), target)) as tf.Scalar, false, [...rep.parameters]);
    const loss1 = tf.tidy(() => tf.mean(tf.squaredDifference(rep.render(view), target)).dataSync()[0]);
    expect(loss1).toBeLessThan(0.2 * loss0);
    opt.dispose(); target.dispose(); rep.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('DDRep on a SIREN with the default Adam fit runs without leaks and moves the image', async () => {
    const before = tf.memory().numTensors;
    const rep = siren(tf, { height: 6, width: 6, hidden: 16, layers: 2 });
    const stats = await sampleDdrep(tf, rep, gaussianPrior(tf, schedule, MEAN, STD), { sampler: ddim(4), guidance: 1, seed: 2, inner: { solver: 'adam', iterations: 30, lr: 1e-2 } });
    expect(stats.denoiserCalls).toBe(4);
    const m = renderMoments(rep);
    expect(m.std[0]).toBeGreaterThan(0.05);
    rep.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('SJC', () => {
  it('PAAS ascent (Adamax) on the toy shrinks the spread (mode-seeking); guided SDS/SJC paths leak nothing', async () => {
    const before = tf.memory().numTensors;
    const N = 300;
    const toyMean = [1, -2, 0.5]; const toyStd = [0.5, 2, 1];
    const rep = linearToyRep(tf, [[1, 0.6, 0], [0.6, 1, 0], [0, 0, 0.5]], N);
    const init = tf.randomNormal([N, 3], 0, 2, 'float32', 8);
    rep.parameters[0].assign(init); init.dispose();
    const stats = await sampleSjc(tf, rep, gaussianPrior(tf, schedule, toyMean, toyStd), { iterations: 800, guidance: 1, seed: 1 });
    expect(stats.denoiserCalls).toBe(800);
    const m = renderMoments(rep);
    const ratio = m.std.reduce((s, v) => s + v * v, 0) / toyStd.reduce((s, v) => s + v * v, 0);
    console.log(`toy SJC: mean ${m.mean.map((v) => v.toFixed(3))} std ${m.std.map((v) => v.toFixed(3))}, total variance ratio ${ratio.toFixed(3)}`);
    expect(ratio).toBeLessThan(0.2);
    rep.dispose();
    const px = pixelGrid(tf, { height: 3, width: 3, cond: [1] });
    const prior = gaussianPrior(tf, schedule, MEAN, STD, 'epsilon');
    const a = await sampleSds(tf, px, prior, { iterations: 5, seed: 1 });
    const b = await sampleSjc(tf, px, prior, { iterations: 5, seed: 1, paasSamples: 2, varianceReduction: false });
    expect(a.denoiserCalls).toBe(10); // guidance 100 with a conditional view: two calls per step
    expect(b.denoiserCalls).toBe(20);
    px.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
