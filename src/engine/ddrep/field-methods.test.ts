// DDRep, SDS and SJC drive the voxel field through its own solver (rep.fitViews): with an exact Gaussian prior
// whose mean is one colour, every fixed view's render moves to that colour; the prior sees each view's own
// conditioning vector; nothing leaks. With an exact view-conditioned Gaussian prior centred on the renders of one
// procedural object (the prior's own renderer and rig), DDRep recovers that object in 3-D: views it never
// fitted (a ring at another elevation) come out close to the object's renders.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { intrinsicsFromFov } from '../camera';
import { cameraOnSphere, DATASET_DEFAULTS, proceduralCategoryScene, renderAnalyticView } from '../data/procedural';
import { alphaBarAt, COSINE_SCHEDULE_DEFAULTS, makeNoiseSchedule } from '../diffusion';
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

  it('DDRep with a view-conditioned prior centred on one object recovers it in views it never fitted', async () => {
    const R = 16;
    const { scene } = proceduralCategoryScene(4242);
    const k = intrinsicsFromFov(R, R, (DATASET_DEFAULTS.fovDeg * Math.PI) / 180);
    /** The object's render [R, R, 3] in [-1, 1] for a prior condition [sin az, cos az, el] (prior/data.ts's rig). */
    const cache = new Map<string, Float32Array>();
    const renderFor = (c: readonly number[]) => {
      const hit = cache.get(c.join(','));
      if (hit) return hit;
      const img = renderAnalyticView(scene, k, cameraOnSphere([0, 0, 0], DATASET_DEFAULTS.radius, Math.atan2(c[0], c[1]), c[2]), DATASET_DEFAULTS.background, 2).image.data;
      const out = Float32Array.from(img, (v) => 2 * v - 1);
      cache.set(c.join(','), out);
      return out;
    };
    const s2 = 0.05 ** 2;
    // Exact posterior mean of x0 ~ N(mu(cond), s^2) given the VP x_t (test-utils.ts gaussianPrior, per row).
    const prior: Prior = {
      schedule, prediction: 'x0',
      denoise: (x, t, cond) => tf.tidy(() => {
        const ab = alphaBarAt(schedule, t);
        const mu = tf.stack(cond!.map((c) => tf.tensor3d(renderFor(c!), [R, R, 3])));
        const gain = (s2 * Math.sqrt(ab)) / (ab * s2 + 1 - ab);
        return tf.add(mu, tf.mul(tf.sub(x, tf.mul(mu, Math.sqrt(ab))), gain));
      }),
    };
    const rep = voxelField(tf, { views: 8, size: R, resolution: 25, seed: 7 });
    const held = rep.ring(4, 25).map((v) => ({ v, want: tf.tensor3d(renderFor(v.cond!), [R, R, 3]) }));
    const heldError = () => tf.tidy(() => tf.mean(tf.stack(held.map((h) => tf.mean(tf.abs(tf.sub(rep.render(h.v), h.want))))))).dataSync()[0];
    const start = heldError();
    await sampleDdrep(tf, rep, prior, { sampler: { ...DDREP_DEFAULTS.sampler, steps: 12 }, guidance: 1, viewsPerStep: 8, inner: { solver: 'adam', iterations: 25, lr: null }, seed: 1 });
    const end = heldError();
    console.log(`held-out ring views: mean |render - object| ${start.toFixed(3)} at the blob init -> ${end.toFixed(3)} after DDRep`);
    expect(end).toBeLessThan(0.4 * start);
    tf.dispose(held.map((h) => h.want));
  }, 120_000);
});
