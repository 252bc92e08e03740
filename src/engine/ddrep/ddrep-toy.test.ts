// Exactness test (c), the paper's central claim at toy scale (notes §1.9): Gaussian data with an exact
// denoiser, a badly conditioned linear render x = A theta, DDRep's warm-started Adam fit. DDRep samples
// must have the data mean and std within Monte-Carlo error; SDS (same prior, same rep) collapses toward the
// mode (for a Gaussian, the mean), so its spread is far below the data's.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COSINE_SCHEDULE_DEFAULTS, makeNoiseSchedule } from '../diffusion';
import { sampleDdrep } from './ddrep';
import { sampleSds } from './sds';
import { gaussianPrior, linearToyRep } from './test-utils';
import type { DifferentiableRep } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const schedule = makeNoiseSchedule(COSINE_SCHEDULE_DEFAULTS);
const MEAN = [1, -2, 0.5];
const STD = [0.5, 2, 1];
// A mixes channels 0 and 1 (singular values 1.6 and 0.4, condition number 4) and scales channel 2.
const A = [[1, 0.6, 0], [0.6, 1, 0], [0, 0, 0.5]];
const N = 800;
const SAMPLER = { kind: 'ddim', steps: 30, eta: 1, temperature: 1, spacing: 'trailing', clipX0: null } as const;

/** Rendered samples [N, 3]. */
function samples(rep: DifferentiableRep): number[][] {
  return tf.tidy(() => tf.reshape(rep.render(rep.sampleViews(() => 0, 1)[0]), [N, 3]).arraySync()) as number[][];
}
function moments(x: number[][]): { mean: number[]; std: number[] } {
  const mean = [0, 1, 2].map((c) => x.reduce((s, r) => s + r[c], 0) / N);
  const std = [0, 1, 2].map((c) => Math.sqrt(x.reduce((s, r) => s + (r[c] - mean[c]) ** 2, 0) / (N - 1)));
  return { mean, std };
}
const fmt = (v: number[]) => v.map((x) => x.toFixed(3)).join(', ');

describe('Gaussian toy (notes §1.9): DDRep samples, SDS seeks the mode', () => {
  it('DDRep with the Adam fit equals image-space DDIM per sample and matches the data moments', async () => {
    const before = tf.memory().numTensors;
    const prior = gaussianPrior(tf, schedule, MEAN, STD);
    // Reference: the closed-form solve, which is image-space DDIM-eta exactly (test (a)).
    const exact = linearToyRep(tf, A, N);
    await sampleDdrep(tf, exact, prior, { sampler: SAMPLER, guidance: 1, seed: 12, inner: { solver: 'closed-form', iterations: 0, lr: null } });
    const rep = linearToyRep(tf, A, N);
    const stats = await sampleDdrep(tf, rep, prior, {
      sampler: SAMPLER, guidance: 1, seed: 12, inner: { solver: 'adam', iterations: 100, lr: 0.05 },
    });
    const xe = samples(exact); const xa = samples(rep);
    const me = moments(xe); const m = moments(xa);
    const rms = [0, 1, 2].map((c) => Math.sqrt(xa.reduce((s, r, j) => s + (r[c] - xe[j][c]) ** 2, 0) / N));
    console.log(`toy DDIM (exact solve): mean ${fmt(me.mean)} std ${fmt(me.std)}`);
    console.log(`toy DDRep (Adam 100 x lr 0.05): mean ${fmt(m.mean)} std ${fmt(m.std)}; rms vs exact ${fmt(rms)}; ` +
      `unachieved first/last ${stats.unachieved[0].toFixed(3)}/${stats.unachieved.at(-1)!.toFixed(3)}; ${stats.seconds.toFixed(1)} s`);
    for (let c = 0; c < 3; c++) {
      expect(rms[c]).toBeLessThan(0.02 * STD[c]); // the pullback reproduces the prior's own sampler per sample
      expect(Math.abs(m.mean[c] - MEAN[c])).toBeLessThan((4 * STD[c]) / Math.sqrt(N)); // 4 standard errors
      // 4 SE of a std (0.10) plus... nothing: the 30-step eta-1 sampler itself under-disperses Gaussian data
      // (it ignores Var[x0 | x_t]); measured ~0.88-0.93 of the data std, so the band is [0.82, 1.1].
      expect(m.std[c] / STD[c]).toBeGreaterThan(0.82);
      expect(m.std[c] / STD[c]).toBeLessThan(1.1);
    }
    exact.dispose(); rep.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('SDS (same prior and rep, 1500 Adam steps) collapses to the mode: total variance < 0.1x the data', async () => {
    const before = tf.memory().numTensors;
    const rep = linearToyRep(tf, A, N);
    // Each theta_j starts at its own random point, so a collapse is the method's doing, not the init's.
    const init = tf.randomNormal([N, 3], 0, 2, 'float32', 5);
    rep.parameters[0].assign(init);
    init.dispose();
    const stats = await sampleSds(tf, rep, gaussianPrior(tf, schedule, MEAN, STD), { iterations: 1500, lr: 0.1, guidance: 1, seed: 3 });
    const m = moments(samples(rep));
    const ratio = m.std.reduce((s, v) => s + v * v, 0) / STD.reduce((s, v) => s + v * v, 0);
    console.log(`toy SDS: mean ${fmt(m.mean)} std ${fmt(m.std)}; total variance ratio ${ratio.toFixed(3)}; ${stats.seconds.toFixed(1)} s`);
    expect(ratio).toBeLessThan(0.1);
    for (let c = 0; c < 3; c++) expect(Math.abs(m.mean[c] - MEAN[c])).toBeLessThan(0.1 * STD[c]); // it found the mode
    rep.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
