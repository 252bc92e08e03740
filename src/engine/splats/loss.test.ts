import { describe, expect, it } from 'vitest';
import { Prng } from '../recon/prng';
import { SplatLoss } from './loss';

describe('0.8 L1 + 0.2 (1 - SSIM)', () => {
  const w = 13, h = 9, rng = new Prng(4);
  const target = new Float32Array(w * h * 3).map(() => rng.next());
  const render = new Float32Array(w * h * 3).map((_, k) => Math.min(1, Math.max(0, target[k] + 0.3 * (rng.next() - 0.5))));

  it('is 0 with SSIM 1 on identical images and SSIM < 1 otherwise', () => {
    const g = new Float32Array(render.length);
    const same = new SplatLoss().compute(target, target, w, h, g);
    expect(same.loss).toBeCloseTo(0, 10);
    expect(same.ssim).toBeCloseTo(1, 10);
    const diff = new SplatLoss().compute(render, target, w, h, g);
    expect(diff.ssim).toBeLessThan(0.99);
    expect(diff.loss).toBeGreaterThan(0.02);
  });

  it('SSIM-only gradient matches finite differences (with borders)', () => {
    const loss = new SplatLoss(), g = new Float32Array(render.length), scratch = new Float32Array(render.length);
    const x = Float64Array.from(render);
    loss.compute(x, target, w, h, g, 1);
    for (const k of [0, 5, 40, 3 * (4 * w + 6) + 1, render.length - 1, 200]) {
      const v = x[k];
      x[k] = v + 1e-5; const lp = loss.compute(x, target, w, h, scratch, 1).loss;
      x[k] = v - 1e-5; const lm = loss.compute(x, target, w, h, scratch, 1).loss;
      x[k] = v;
      expect(g[k]).toBeCloseTo((lp - lm) / 2e-5, 6);
    }
  });

  it('the L1 part alone (ssimWeight 0) has gradient sign(d) / count', () => {
    const g = new Float32Array(render.length);
    new SplatLoss().compute(render, target, w, h, g, 0);
    const k = 17;
    expect(g[k]).toBeCloseTo(Math.sign(render[k] - target[k]) / render.length, 9);
  });
});
