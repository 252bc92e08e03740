import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  COSINE_SCHEDULE_DEFAULTS, DdimScheduler, DdpmScheduler, LINEAR_SCHEDULE_DEFAULTS, addNoise, alphaBarAt,
  applyGuidance, createScheduler, makeNoiseSchedule, makeTimesteps, sampleLoop,
} from '.';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const cosine = makeNoiseSchedule(COSINE_SCHEDULE_DEFAULTS);
const linear = makeNoiseSchedule(LINEAR_SCHEDULE_DEFAULTS);

describe('noise schedules', () => {
  for (const [name, s] of [['cosine', cosine], ['linear', linear]] as const) {
    it(`${name}: 1000 steps, abar strictly decreasing from ~1 to ~0`, () => {
      expect(s.alphasCumprod.length).toBe(1000);
      expect(s.alphasCumprod[0]).toBeGreaterThan(0.9998);
      expect(s.alphasCumprod[999]).toBeLessThan(1e-4);
      for (let i = 1; i < 1000; i++) expect(s.alphasCumprod[i]).toBeLessThan(s.alphasCumprod[i - 1]);
      for (const b of s.betas) { expect(b).toBeGreaterThan(0); expect(b).toBeLessThan(1); }
      expect(alphaBarAt(s, -1)).toBe(1);
    });
  }
  it('cosine matches the closed form f(t)/f(0) away from the clipped end', () => {
    const f = (t: number) => Math.cos(((t / 1000 + 0.008) / 1.008) * Math.PI / 2) ** 2;
    for (const t of [0, 100, 500, 900]) expect(cosine.alphasCumprod[t]).toBeCloseTo(f(t + 1) / f(0), 10);
  });
  it('rejects bad configs naming the field', () => {
    expect(() => makeNoiseSchedule({ ...COSINE_SCHEDULE_DEFAULTS, trainSteps: 0 })).toThrow(/trainSteps/);
    expect(() => makeNoiseSchedule({ ...LINEAR_SCHEDULE_DEFAULTS, betaEnd: 2 })).toThrow(/betaStart\/betaEnd/);
    expect(() => alphaBarAt(cosine, 1000)).toThrow(/timestep/);
  });
});

describe('addNoise', () => {
  it('x_t has mean sqrt(abar) x0 and std sqrt(1 - abar)', () => {
    const before = tf.memory().numTensors;
    const t = 400;
    const ab = cosine.alphasCumprod[t];
    const x0 = tf.fill([40000], 0.5);
    const noise = tf.randomNormal([40000], 0, 1, 'float32', 3);
    const xt = addNoise(tf, cosine, x0, noise, t);
    const { mean, variance } = tf.moments(xt);
    expect(mean.dataSync()[0]).toBeCloseTo(Math.sqrt(ab) * 0.5, 2);
    expect(Math.sqrt(variance.dataSync()[0])).toBeCloseTo(Math.sqrt(1 - ab), 2);
    tf.dispose([x0, noise, xt, mean, variance]);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('per-example timesteps', () => {
    const x0 = tf.ones([2, 3]);
    const noise = tf.zeros([2, 3]);
    const xt = addNoise(tf, linear, x0, noise, [0, 999]);
    const d = xt.arraySync() as number[][];
    expect(d[0][1]).toBeCloseTo(Math.sqrt(linear.alphasCumprod[0]), 6);
    expect(d[1][2]).toBeCloseTo(Math.sqrt(linear.alphasCumprod[999]), 6);
    expect(() => addNoise(tf, linear, x0, noise, [1])).toThrow(/batch/);
    tf.dispose([x0, noise, xt]);
  });
});

describe('timesteps', () => {
  it('trailing starts at pure noise, leading ends at 0', () => {
    const tr = makeTimesteps(1000, 50, 'trailing');
    expect(tr[0]).toBe(999);
    expect(tr[49]).toBe(19);
    const ld = makeTimesteps(1000, 50, 'leading');
    expect(ld[0]).toBe(980);
    expect(ld[49]).toBe(0);
    expect(() => makeTimesteps(1000, 0, 'trailing')).toThrow(/steps/);
  });
});

describe('DDIM', () => {
  it('eta 0 with an oracle x0 recovers x0 exactly and follows the DDIM trajectory at every step', async () => {
    const before = tf.memory().numTensors;
    const x0 = tf.randomUniform([2, 8, 8, 3], -1, 1, 'float32', 11);
    const sched = new DdimScheduler(tf, cosine, { steps: 50, eta: 0 });
    const xT = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 5);
    const abT = alphaBarAt(cosine, 999);
    // eps_hat is invariant under eta-0 DDIM with an oracle: the trajectory is sqrt(ab) x0 + sqrt(1-ab) eps.
    const eps = tf.tidy(() => tf.div(tf.sub(xT, tf.mul(x0, Math.sqrt(abT))), Math.sqrt(1 - abT)));
    let maxTrajErr = 0;
    const out = await sampleLoop(tf, sched, () => x0.clone(), { shape: [2, 8, 8, 3], seed: 1, initial: xT });
    // Recompute the trajectory explicitly to compare every intermediate sample.
    let x = xT.clone();
    for (const t of sched.timesteps) {
      const prevT = sched.prevTimestep(t);
      const { prevSample, x0Pred } = sched.step({ x0Pred: x0, sample: x, t, prevT });
      const ab = alphaBarAt(cosine, prevT);
      const err = tf.tidy(() => tf.max(tf.abs(tf.sub(prevSample, tf.add(tf.mul(x0, Math.sqrt(ab)), tf.mul(eps, Math.sqrt(1 - ab)))))).dataSync()[0]);
      maxTrajErr = Math.max(maxTrajErr, err);
      x.dispose(); x0Pred.dispose();
      x = prevSample;
    }
    expect(maxTrajErr).toBeLessThan(1e-4);
    const errLoop = tf.tidy(() => tf.max(tf.abs(tf.sub(out, x0))).dataSync()[0]);
    const errManual = tf.tidy(() => tf.max(tf.abs(tf.sub(x, x0))).dataSync()[0]);
    expect(errLoop).toBeLessThan(1e-6);
    expect(errManual).toBeLessThan(1e-6);
    tf.dispose([x0, xT, eps, out, x]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('eta 1 injects exactly the DDPM posterior variance and has the same mean', () => {
    const ddim = new DdimScheduler(tf, cosine, { steps: 50, eta: 1, clipX0: null });
    const ddpm = new DdpmScheduler(tf, cosine, { steps: 50, clipX0: null });
    const grid = ddim.timesteps;
    for (const t of grid) {
      const p = ddim.prevTimestep(t);
      const ab = alphaBarAt(cosine, t); const abp = alphaBarAt(cosine, p);
      const betaTilde = ((1 - abp) / (1 - ab)) * (1 - ab / abp);
      expect(ddim.noiseStd(t, p) ** 2).toBeCloseTo(betaTilde, 12);
      expect(ddpm.noiseStd(t, p) ** 2).toBeCloseTo(betaTilde, 12);
    }
    // Full 1000-step grid: beta tilde of Ho et al. Eq. 7 with the schedule's own betas.
    for (const t of [1, 10, 500, 998]) {
      const bt = cosine.betas[t] * (1 - cosine.alphasCumprod[t - 1]) / (1 - cosine.alphasCumprod[t]);
      expect(ddim.noiseStd(t, t - 1) ** 2).toBeCloseTo(bt, 12);
    }
    const x0 = tf.randomUniform([64], -1, 1, 'float32', 2);
    const xt = tf.randomNormal([64], 0, 1, 'float32', 3);
    const z = tf.randomNormal([64], 0, 1, 'float32', 4);
    const zero = tf.zeros([64]);
    for (const t of [grid[0], grid[10], grid[40]]) {
      const p = ddim.prevTimestep(t);
      const a = ddim.step({ x0Pred: x0, sample: xt, t, prevT: p, noise: zero });
      const b = ddpm.step({ x0Pred: x0, sample: xt, t, prevT: p, noise: zero });
      const c = ddim.step({ x0Pred: x0, sample: xt, t, prevT: p, noise: z });
      const meanErr = tf.tidy(() => tf.max(tf.abs(tf.sub(a.prevSample, b.prevSample))).dataSync()[0]);
      const noiseErr = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.sub(c.prevSample, a.prevSample), tf.mul(z, ddpm.noiseStd(t, p))))).dataSync()[0]);
      expect(meanErr).toBeLessThan(1e-5);
      expect(noiseErr).toBeLessThan(1e-5);
      tf.dispose([a.prevSample, a.x0Pred, b.prevSample, b.x0Pred, c.prevSample, c.x0Pred]);
    }
    tf.dispose([x0, xt, z, zero]);
  });

  it('temperature scales only the injected noise; missing noise is an error', () => {
    const hot = new DdimScheduler(tf, cosine, { eta: 1, temperature: 1, clipX0: null });
    const cold = new DdimScheduler(tf, cosine, { eta: 1, temperature: 0.5, clipX0: null });
    const [x0, xt, z] = [tf.zeros([4]), tf.zeros([4]), tf.ones([4])];
    const t = hot.timesteps[5]; const p = hot.prevTimestep(t);
    const a = hot.step({ x0Pred: x0, sample: xt, t, prevT: p, noise: z });
    const b = cold.step({ x0Pred: x0, sample: xt, t, prevT: p, noise: z });
    expect(b.prevSample.dataSync()[0]).toBeCloseTo(a.prevSample.dataSync()[0] * 0.5, 6);
    expect(() => hot.step({ x0Pred: x0, sample: xt, t, prevT: p })).toThrow(/noise is required/);
    tf.dispose([x0, xt, z, a.prevSample, a.x0Pred, b.prevSample, b.x0Pred]);
  });
});

describe('DDPM and factory', () => {
  it('strided DDPM with an oracle ends at x0; createScheduler dispatches on kind', async () => {
    const before = tf.memory().numTensors;
    const sched = createScheduler(tf, linear, { kind: 'ddpm', steps: 100, temperature: 1, spacing: 'leading', clipX0: 1 });
    expect(sched).toBeInstanceOf(DdpmScheduler);
    const x0 = tf.randomUniform([16], -1, 1, 'float32', 9);
    const out = await sampleLoop(tf, sched, () => x0.clone(), { shape: [16], seed: 4 });
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(out, x0))).dataSync()[0])).toBeLessThan(1e-6);
    tf.dispose([x0, out]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => createScheduler(tf, linear, { kind: 'euler' } as never)).toThrow(/unknown sampler kind/);
  });
});

describe('classifier-free guidance', () => {
  it('x0 = x0_u + w (x0_c - x0_u)', () => {
    const c = tf.tensor([1, 2]); const u = tf.tensor([0, 1]);
    const g1 = applyGuidance(tf, c, u, 1); const g0 = applyGuidance(tf, c, u, 0); const g2 = applyGuidance(tf, c, u, 2);
    expect(Array.from(g1.dataSync())).toEqual([1, 2]);
    expect(Array.from(g0.dataSync())).toEqual([0, 1]);
    expect(Array.from(g2.dataSync())).toEqual([2, 3]);
    tf.dispose([c, u, g0, g1, g2]);
  });
});
