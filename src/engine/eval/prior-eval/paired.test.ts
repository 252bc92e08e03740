// eval-prior's paired prior (plan.ts): sample i of 'paired' starts from exactly the noise of DDRep's sample i.
// With a tiny prior (random output weights so it is not trivial) and a SIREN fitted tightly every step, DDRep's
// sample and its paired prior sample agree closely, while DDRep's sample of another seed does not: the pairing
// is by noise, not by chance. Also: 'paired' is refused on a rep without a pixel-grid twin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPriorModel, disposePriorModel, imagePrior, type PriorModel } from '../../prior';
import { TINY_PRIOR } from '../../prior/test-fixtures';
import { useBackend } from '../../testing/backends';
import type { Tf } from '../../tf';
import { DDREP_DEFAULTS } from '../../ddrep';
import { pairedPsnr } from './metrics';
import { PRIOR_EVAL_PLAN_DEFAULTS } from './plan';
import { runPriorEvalTask, type PriorEvalMethodConfigs, type PriorEvalTaskContext } from './sample';

let tf: Tf;
let model: PriorModel;
const S = 8;

beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
  model = createPriorModel(tf, TINY_PRIOR, 5);
  model.store.names().filter((n) => /(^unet\.out|\.film|attn\.out)\.w$/.test(n)).forEach((n, i) => {
    const w = model.store.v(n);
    tf.tidy(() => w.assign(tf.randomNormal(w.shape, 0, 0.2, 'float32', 21 + i)));
  });
});
afterAll(() => { disposePriorModel(model); });

function context(rep: PriorEvalTaskContext['rep'], seed: number): PriorEvalTaskContext {
  const configs: PriorEvalMethodConfigs = {
    prior: {},
    // Tolerance 0 and a generous cap: the SIREN makes (nearly) every requested step, as the pixel grid does exactly.
    ddrep: { ...DDREP_DEFAULTS, sampler: { ...DDREP_DEFAULTS.sampler, steps: 4 }, guidance: 1, inner: { solver: 'adam', iterations: 150, lr: null, tolerance: 0 } },
    sds: {}, sjc: {}, siren: {}, panoramaWindows: 4, field: {},
  };
  return {
    rep, size: S, conditions: [[0, 1, 0.3], [1, 0, 0.2]], configs,
    plan: { ...PRIOR_EVAL_PLAN_DEFAULTS, samples: 2, seedsPerCondition: 2, priorSamples: 2, seed },
  };
}

const unit = (x: Float32Array) => x.map((v) => Math.min(1, Math.max(0, (v + 1) / 2)));

describe('eval-prior paired prior', () => {
  it('draws the prior sample from DDRep\'s own noise: close to DDRep\'s sample of that seed, far from another seed\'s', async () => {
    const prior = imagePrior(model);
    const task = (method: 'paired' | 'ddrep', seed: number) => runPriorEvalTask(tf, prior, { method, index: 0, count: 1, cost: 1 }, context('siren', seed));
    const paired = await task('paired', 3);
    const ddrep = await task('ddrep', 3);
    const other = await task('ddrep', 4);
    expect(paired.records[0]).toMatchObject({ method: 'paired', seed: 3, condition: [0, 1, 0.3], innerIterations: null });
    // 4 guidance-1 steps: one UNet call each, like DDRep's.
    expect(paired.records[0].denoiserCalls).toBe(4);
    const same = pairedPsnr(unit(paired.images), unit(ddrep.images), S);
    const different = pairedPsnr(unit(paired.images), unit(other.images), S);
    // Measured: 52.5 dB against 5.0 dB.
    expect(same).toBeGreaterThan(35);
    expect(different).toBeLessThan(20);
  }, 120_000);

  it('is refused on a rep without a pixel-grid twin', async () => {
    await expect(runPriorEvalTask(tf, imagePrior(model), { method: 'paired', index: 0, count: 1, cost: 1 }, context('panorama', 0)))
      .rejects.toThrow(/paired prior needs a rep with a pixel-grid twin \(siren\), got panorama/);
  });
});
