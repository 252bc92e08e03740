// DDRep, SDS and SJC drive the voxel field through its own solver (rep.fitViews): with an exact Gaussian prior
// whose mean is one colour, every fixed view's render moves to that colour; the prior sees each view's own
// conditioning vector; nothing leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COSINE_SCHEDULE_DEFAULTS, makeNoiseSchedule } from '../diffusion';
import { DDREP_DEFAULTS, sampleDdrep } from './ddrep';
import { voxelField, type FieldRep } from './field';
import { sampleSds } from './sds';
import { sampleSjc } from './sjc';
import { gaussianPrior } from './test-utils';
import type { Prior } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const schedule = makeNoiseSchedule(COSINE_SCHEDULE_DEFAULTS);
const MEAN = [0.5, -0.4, -0.6];
const STD = [0.05, 0.05, 0.05];

/** Mean |render - MEAN| over all fixed views and pixels. */
function offMean(rep: FieldRep): number {
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(tf.stack(rep.views.map((v) => rep.render(v))), tf.tensor1d(MEAN))))).dataSync()[0];
}

/** The Gaussian prior, recording the condition rows it was called with. */
function recordingPrior(): { prior: Prior; conds: (readonly number[] | null)[][] } {
  const inner = gaussianPrior(tf, schedule, MEAN, STD, 'x0');
  const conds: (readonly number[] | null)[][] = [];
  return { conds, prior: { ...inner, denoise: (x, t, c) => { conds.push(c ? [...c] : []); return inner.denoise(x, t, c); } } };
}

const small = { views: 6, size: 8, resolution: 9, seed: 2 };

describe('methods on the voxel field', () => {
  it('DDRep: the fit follows the prior to its mean colour in every view; conds are the views\'', async () => {
    const rep = voxelField(tf, small);
    const start = offMean(rep);
    const { prior, conds } = recordingPrior();
    const before = tf.memory().numTensors;
    const stats = await sampleDdrep(tf, rep, prior, { sampler: { ...DDREP_DEFAULTS.sampler, steps: 8 }, guidance: 1, viewsPerStep: 6, inner: { solver: 'adam', iterations: 15, lr: null }, seed: 4 });
    expect(tf.memory().numTensors).toBe(before);
    expect(stats.steps).toBe(8);
    expect(stats.unachieved.every((u) => Number.isFinite(u))).toBe(true);
    const end = offMean(rep);
    expect(start).toBeGreaterThan(0.5);
    expect(end).toBeLessThan(0.12);
    expect(conds).toHaveLength(8);
    const want = new Set(rep.views.map((v) => JSON.stringify(v.cond)));
    for (const row of conds) {
      expect(row).toHaveLength(6);
      expect(new Set(row.map((c) => JSON.stringify(c)))).toEqual(want);
    }
  }, 60_000);

  it('SDS and SJC step the field through the one-step-target fit', async () => {
    for (const method of ['sds', 'sjc'] as const) {
      const rep = voxelField(tf, small);
      const start = offMean(rep);
      const before = tf.memory().numTensors;
      const prior = gaussianPrior(tf, schedule, MEAN, STD, 'x0');
      const run = method === 'sds'
        ? sampleSds(tf, rep, prior, { iterations: 40, guidance: 1, viewsPerStep: 2, lr: 0.1, seed: 1 })
        : sampleSjc(tf, rep, prior, { iterations: 40, guidance: 1, viewsPerStep: 2, lr: 0.1, seed: 1 });
      const stats = await run;
      expect(tf.memory().numTensors).toBe(before);
      expect(stats.steps).toBe(40);
      expect(offMean(rep), method).toBeLessThan(0.6 * start);
    }
  }, 60_000);
});
