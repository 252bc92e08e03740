// The fused SIREN sine layer and the inner fit's early stop:
//  - sinCosInto matches Math.sin/cos to float32 rounding over a wide argument range;
//  - sineLayer's value and gradients (w.r.t. z and b) equal tf's sin(w0 (z + b)) autodiff on wasm and cpu,
//    and it leaks no tensors;
//  - fitViewsReport stops once the unachieved fraction reaches the tolerance (fewer iterations, fraction
//    <= tolerance), runs the whole cap with tolerance 0, and takes the SIREN's suggested tolerance when null.
import type * as tfn from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends';
import { fitViewsReport } from './inner-fit';
import { sinCosInto, sineLayer } from './sine-activation';
import { siren } from './siren';

describe('sine activation', () => {
  it('sinCosInto agrees with Math.sin and Math.cos to 1e-7', () => {
    const x = Float32Array.from({ length: 20001 }, (_, i) => -200 + i * 0.02);
    const s = new Float32Array(x.length); const c = new Float32Array(x.length);
    sinCosInto(x, 30, s, c);
    let err = 0;
    for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(s[i] - Math.sin(30 * x[i])), Math.abs(c[i] - Math.cos(30 * x[i])));
    expect(err).toBeLessThan(1e-6); // |30 x| up to 6000 rad: float32 storage of the result dominates
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`sineLayer equals sin(w0 (z + b)) with its gradients on ${backend}, without leaks`, async () => {
      const s = await useBackend(backend);
      if (!s.ok) throw new Error(s.reason);
      const tf = s.tf;
      const z = tf.randomNormal([37, 12], 0, 1, 'float32', 3) as tfn.Tensor2D;
      const b = tf.randomNormal([12], 0, 1, 'float32', 4);
      const dy = tf.randomNormal([37, 12], 0, 1, 'float32', 5);
      const before = tf.memory().numTensors;
      const [v1, v2, g1, g2] = tf.tidy(() => {
        const ref = (zz: tfn.Tensor, bb: tfn.Tensor) => tf.sin(tf.mul(tf.add(zz, bb), 30));
        const ours = (zz: tfn.Tensor, bb: tfn.Tensor) => sineLayer(tf, zz as tfn.Tensor2D, bb, 30);
        const grad = (f: typeof ref) => tf.grads((zz: tfn.Tensor, bb: tfn.Tensor) => tf.sum(tf.mul(f(zz, bb), dy)))([z, b]);
        return [ref(z, b), ours(z, b), grad(ref), grad(ours)] as const;
      });
      const close = (a: tfn.Tensor, bb: tfn.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, bb))).dataSync()[0]);
      expect(close(v1, v2)).toBeLessThan(1e-5);
      expect(close(g1[0], g2[0])).toBeLessThan(1e-3); // gradients are w0 = 30 times larger
      expect(close(g1[1], g2[1])).toBeLessThan(1e-3);
      tf.dispose([v1, v2, ...g1, ...g2]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([z, b, dy]);
    });
  }

  it('fitViewsReport: early stop at the tolerance, the full cap at 0, the SIREN tolerance when null', async () => {
    const s = await useBackend('wasm');
    if (!s.ok) throw new Error(s.reason);
    const tf = s.tf;
    const before = tf.memory().numTensors;
    const target = [tf.tidy(() => tf.mul(tf.randomNormal([8, 8, 3], 0, 1, 'float32', 9), 0.5))];
    const run = (tolerance: number | null) => {
      const rep = siren(tf, { height: 8, width: 8, hidden: 16, seed: 2 });
      const views = rep.sampleViews(() => 0, 1);
      const start = tf.tidy(() => tf.mean(tf.squaredDifference(rep.render(views[0]), target[0])).dataSync()[0]);
      const r = fitViewsReport(tf, rep, views, target, { solver: 'adam', iterations: 300, lr: 0.01, tolerance });
      rep.dispose();
      return { ...r, fraction: Math.sqrt(r.loss / start) };
    };
    const full = run(0);
    const early = run(0.3);
    const auto = run(null);
    expect(full.iterations).toBe(300);
    expect(early.iterations).toBeLessThan(300);
    expect(early.iterations % 5).toBe(1); // stopped right after a check (every 5 iterations)
    expect(early.fraction).toBeLessThanOrEqual(0.3);
    expect(auto.iterations).toBeGreaterThan(early.iterations); // SIREN default 0.1 is tighter than 0.3
    expect(auto.fraction).toBeLessThanOrEqual(0.1);
    const rep = siren(tf, { height: 8, width: 8 });
    expect(() => fitViewsReport(tf, rep, rep.sampleViews(() => 0, 1), target, { solver: 'adam', iterations: 3, lr: null, tolerance: 1 }))
      .toThrow(/tolerance must be in \[0, 1\), got 1/);
    rep.dispose();
    tf.dispose(target);
    expect(tf.memory().numTensors).toBe(before);
  });
});
