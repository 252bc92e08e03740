import type * as tfn from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { alphaBarAt } from '../diffusion';
import { guidedPrediction, pixelGrid, sampleDdrep } from '../ddrep';
import { useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import { imagePrior, PRIOR_ADAPTER_DEFAULTS } from './adapter';
import { createPriorModel, disposePriorModel, priorEpsilon, type PriorModel } from './model';
import { samplePrior } from './sample';
import { TINY_PRIOR } from './test-fixtures';

let tf: Tf;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
});

/** A model whose zero-initialised layers got random weights (as if trained), so c and t matter. */
function model(): PriorModel {
  const m = createPriorModel(tf, TINY_PRIOR, 7);
  m.store.names().filter((n) => /(^unet\.out|\.film|attn\.out)\.w$/.test(n)).forEach((n, i) => {
    const w = m.store.v(n);
    tf.tidy(() => w.assign(tf.randomNormal(w.shape, 0, 0.2, 'float32', 11 + i)));
  });
  return m;
}
const arr = (t: tfn.Tensor) => Array.from(t.dataSync());
const close = (a: number[], b: number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

describe('prior adapter (ddrep Prior)', () => {
  it('plugs into guidedPrediction: CFG eps = u + w (c - u), x0 from eps, two calls', async () => {
    const m = model();
    const prior = imagePrior(m);
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1) as tfn.Tensor4D;
    const cond = [[0, 1, 0.3], [1, 0, 0.1]];
    const t = 400;
    const g = await guidedPrediction(tf, prior, x, t, cond, 3);
    expect(g.calls).toBe(2);
    expect(prior.calls).toBe(2);
    const c = priorEpsilon(m, x, [t, t], cond);
    const u = priorEpsilon(m, x, [t, t], null);
    const want = tf.tidy(() => tf.add(u, tf.mul(tf.sub(c, u), 3)));
    expect(close(arr(g.eps), arr(want), 1e-5)).toBe(true);
    expect(arr(c).some((v, i) => Math.abs(v - arr(u)[i]) > 1e-4)).toBe(true); // the guidance term is not trivially 0
    const ab = alphaBarAt(m.schedule, t);
    const x0 = tf.tidy(() => tf.div(tf.sub(x, tf.mul(want, Math.sqrt(1 - ab))), Math.sqrt(ab)));
    expect(close(arr(g.x0), arr(x0), 1e-4)).toBe(true);
    tf.dispose([x, g.eps, g.x0, c, u, want, x0]);
    disposePriorModel(m);
  });

  it('completes [sin az, cos az] conditions with the default elevation and rejects other lengths', async () => {
    const m = model();
    const prior = imagePrior(m);
    const x = tf.randomNormal([1, 8, 8, 3], 0, 1, 'float32', 2) as tfn.Tensor4D;
    const a = await prior.denoise(x, 100, [[0.6, 0.8]]);
    const b = priorEpsilon(m, x, [100], [[0.6, 0.8, PRIOR_ADAPTER_DEFAULTS.elevationForAzimuthOnly]]);
    expect(arr(a)).toEqual(arr(b));
    expect(() => prior.denoise(x, 100, [[1, 2, 3, 4]])).toThrow(/cond\[0\] must be \[sin az, cos az, elevation\]/);
    expect(() => prior.denoise(x, 1000, null)).toThrow(/t must be an integer in \[0, 999\], got 1000/);
    tf.dispose([x, a, b]);
    disposePriorModel(m);
  });

  it('drives a DDRep sample of a pixel grid and its own DDIM samples (shapes, determinism by seed)', async () => {
    const m = model();
    const prior = imagePrior(m);
    const rep = pixelGrid(tf, { height: 8, width: 8, cond: [0, 1, 0.2] });
    const stats = await sampleDdrep(tf, rep, prior, { sampler: { kind: 'ddim', steps: 3, eta: 1, temperature: 1, spacing: 'trailing', clipX0: 1 }, guidance: 2 });
    expect(stats.steps).toBe(3);
    expect(stats.denoiserCalls).toBe(6);
    const img = tf.tidy(() => rep.render(rep.sampleViews(() => 0, 1)[0]));
    expect(img.shape).toEqual([8, 8, 3]);
    expect(arr(img).every(Number.isFinite)).toBe(true);
    rep.dispose(); img.dispose();
    const conds = [[0, 1, 0.2], null];
    const s1 = await samplePrior(tf, prior, conds, { size: 8, seed: 4, sampler: { kind: 'ddim', steps: 4, eta: 0, temperature: 1, spacing: 'trailing', clipX0: 1 } });
    const s2 = await samplePrior(tf, prior, conds, { size: 8, seed: 4, sampler: { kind: 'ddim', steps: 4, eta: 0, temperature: 1, spacing: 'trailing', clipX0: 1 } });
    expect(s1.shape).toEqual([2, 8, 8, 3]);
    expect(arr(s1)).toEqual(arr(s2));
    tf.dispose([s1, s2]);
    disposePriorModel(m);
  });
});
