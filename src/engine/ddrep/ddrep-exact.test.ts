// Exactness tests of the DDRep core (issue #17 "Exactness tests first"; notes §1.8):
//  (a) pixel grid (J = I): DDRep is image-space DDIM-eta with the same scheduler and noise seeds;
//  (d) no tensor leaks (numTensors before/after, here and in every other ddrep test).
// (b) the canvas closed form is in canvas-panorama.test.ts; (c) the Gaussian toy in ddrep-toy.test.ts.
// Blind spot, by construction: with J = I and an exact solve, x_t = sqrt(abar') target + sqrt(1 - abar') E'
// equals the DDIM x_prev for ANY managed noise E', so the closed-form cases check the scheduler reuse,
// guidance, eps/x0 conversion and target algebra, not the separated-noise bookkeeping. The Adam case below
// and the toy test (c) do catch it: re-drawing E' every step (the notes' "annealed SDS" pitfall) fails both.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COSINE_SCHEDULE_DEFAULTS, DdimScheduler, addNoise, makeNoiseSchedule, sampleLoop } from '../diffusion';
import { tfSeed } from '../tf';
import { sampleDdrep } from './ddrep';
import { pixelGrid } from './pixel-grid';
import { gaussianPrior, maxAbsDiff } from './test-utils';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const schedule = makeNoiseSchedule(COSINE_SCHEDULE_DEFAULTS);
const MEAN = [0.3, -0.2, 0.1];
const STD = [0.4, 0.25, 0.5];

/** Image-space DDIM-eta from x_T = sqrt(1 - abar_T) eps (DDRep's start: x_hat_T = 0). */
async function imageDdim(eta: number, steps: number, seed: number, H: number, W: number, prediction: 'x0' | 'epsilon') {
  const sched = new DdimScheduler(tf, schedule, { steps, eta, clipX0: 1 });
  const prior = gaussianPrior(tf, schedule, MEAN, STD, prediction);
  const eps = tf.randomNormal([1, H, W, 3], 0, 1, 'float32', tfSeed(seed));
  const zero = tf.zerosLike(eps);
  const initial = addNoise(tf, schedule, zero, eps, sched.timesteps[0]);
  const denoise = async (x: tf.Tensor, t: number) => {
    const out = await prior.denoise(x, t, null);
    if (prediction === 'x0') return out;
    const ab = schedule.alphasCumprod[t];
    const x0 = tf.tidy(() => tf.div(tf.sub(x, tf.mul(out, Math.sqrt(1 - ab))), Math.sqrt(ab)));
    out.dispose();
    return x0;
  };
  const out = await sampleLoop(tf, sched, denoise, { shape: [1, H, W, 3], seed, initial });
  tf.dispose([eps, zero, initial]);
  return out;
}

describe('DDRep exactness (a): pixel grid reproduces image-space DDIM', () => {
  for (const [eta, prediction] of [[1, 'x0'], [0, 'x0'], [0.5, 'epsilon']] as const) {
    it(`eta ${eta}, ${prediction}-prediction, closed-form solve: equal to float tolerance`, async () => {
      const before = tf.memory().numTensors;
      const ref = await imageDdim(eta, 25, 7, 6, 5, prediction);
      const rep = pixelGrid(tf, { height: 6, width: 5 });
      const prior = gaussianPrior(tf, schedule, MEAN, STD, prediction);
      const stats = await sampleDdrep(tf, rep, prior, {
        sampler: { kind: 'ddim', steps: 25, eta, temperature: 1, spacing: 'trailing', clipX0: 1 },
        guidance: 1, seed: 7, inner: { solver: 'closed-form', iterations: 0, lr: null },
      });
      const err = tf.tidy(() => maxAbsDiff(tf, rep.parameters[0], tf.squeeze(ref, [0])));
      expect(stats.denoiserCalls).toBe(25);
      expect(err).toBeLessThan(2e-5);
      // Not vacuous: the sample differs from the mean image and from a different seed's sample.
      const spread = tf.tidy(() => tf.moments(ref).variance.dataSync()[0]);
      expect(spread).toBeGreaterThan(0.01);
      ref.dispose(); rep.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('eta 1 with the default warm-started Adam fit (200 steps, lr 0.05): within 1e-4 (measured 7e-6)', async () => {
    const ref = await imageDdim(1, 20, 3, 4, 4, 'x0');
    const rep = pixelGrid(tf, { height: 4, width: 4 });
    const stats = await sampleDdrep(tf, rep, gaussianPrior(tf, schedule, MEAN, STD), {
      sampler: { kind: 'ddim', steps: 20, eta: 1, temperature: 1, spacing: 'trailing', clipX0: 1 }, guidance: 1, seed: 3,
    });
    const err = tf.tidy(() => maxAbsDiff(tf, rep.parameters[0], tf.squeeze(ref, [0])));
    console.log(`pixel grid + Adam: max |DDRep - DDIM| = ${err.toExponential(2)}, worst unachieved = ${Math.max(...stats.unachieved).toExponential(2)}`);
    expect(err).toBeLessThan(1e-4);
    ref.dispose(); rep.dispose();
  });

  it('a different seed gives a different sample (the comparison is not vacuous)', async () => {
    const a = await imageDdim(1, 10, 1, 4, 4, 'x0');
    const rep = pixelGrid(tf, { height: 4, width: 4 });
    await sampleDdrep(tf, rep, gaussianPrior(tf, schedule, MEAN, STD), {
      sampler: { kind: 'ddim', steps: 10, eta: 1, temperature: 1, spacing: 'trailing', clipX0: 1 },
      guidance: 1, seed: 2, inner: { solver: 'closed-form', iterations: 0, lr: null },
    });
    expect(tf.tidy(() => maxAbsDiff(tf, rep.parameters[0], tf.squeeze(a, [0])))).toBeGreaterThan(0.1);
    a.dispose(); rep.dispose();
  });
});
