import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../testing/backends';
import { renderRays } from './render-rays';
import { importanceSample, stratifiedSamples } from './sampling';
import type { FieldFn } from './types';

beforeAll(async () => {
  const status = await useBackend('cpu');
  if (!status.ok) throw new Error(status.reason);
});

const arr = (t: tf.Tensor) => Array.from(t.dataSync());
const round = (xs: number[], d = 5) => xs.map((x) => Number(x.toFixed(d)));

/** Slab |z| < 0.5 of density `density`, colour (0.2, 0.4, 0.8), features (1, -1). */
const slab = (density: number): FieldFn => (points) => {
  const z = points.slice([0, 0, 2], [-1, -1, 1]).squeeze([2]) as tf.Tensor2D; // [N, S]
  const sigma = tf.where(z.abs().less(0.5), tf.fill(z.shape, density), tf.zerosLike(z)) as tf.Tensor2D;
  const [n, s] = z.shape;
  const rgb = tf.tile(tf.tensor3d([0.2, 0.4, 0.8], [1, 1, 3]), [n, s, 1]) as tf.Tensor3D;
  const features = tf.tile(tf.tensor3d([1, -1], [1, 1, 2]), [n, s, 1]) as tf.Tensor3D;
  return { sigma, rgb, features };
};

/** One ray from (x, 0, 4) looking down -z, so it crosses the slab for t in (3.5, 4.5). */
const raysDown = (xs: number[]) => ({
  origins: tf.tensor2d(xs.flatMap((x) => [x, 0, 4]), [xs.length, 3]),
  directions: tf.tensor2d(xs.flatMap(() => [0, 0, -1]), [xs.length, 3]),
});

describe('stratifiedSamples', () => {
  it('uses bin midpoints when not training', () => {
    const r = tf.tidy(() => {
      const s = stratifiedSamples(tf, tf.tensor1d([2]), tf.tensor1d([6]), 4, false, null);
      return { t: arr(s.t), e: arr(s.edges) };
    });
    expect(r.t).toEqual([2.5, 3.5, 4.5, 5.5]);
    expect(r.e).toEqual([2, 3, 4, 5, 6]);
  });

  it('jitters inside the bins when training, reproducibly with a seed', () => {
    const draw = (seed: number) => tf.tidy(() => {
      const s = stratifiedSamples(tf, tf.tensor1d([2, 0]), tf.tensor1d([6, 1]), 8, true, seed);
      return { t: arr(s.t), e: arr(s.edges) };
    });
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    expect(draw(8).t).not.toEqual(a.t);
    for (let i = 0; i < 8; i++) {
      expect(a.t[i]).toBeGreaterThanOrEqual(2 + 0.5 * i);
      expect(a.t[i]).toBeLessThan(2 + 0.5 * (i + 1));
      expect(a.e[i]).toBeLessThanOrEqual(a.t[i]); // each sample sits inside its interval
      expect(a.t[i]).toBeLessThanOrEqual(a.e[i + 1]);
    }
    expect([a.e[0], a.e[8], a.e[9], a.e[17]]).toEqual([2, 6, 0, 1]);
  });
});

describe('importanceSample', () => {
  it('inverts the CDF exactly for one-hot weights (deterministic u)', () => {
    const t = tf.tidy(() => {
      const near = tf.tensor1d([0]);
      const far = tf.tensor1d([4]);
      const coarse = stratifiedSamples(tf, near, far, 4, false, null); // edges 0..4
      const res = importanceSample(tf, coarse, tf.tensor2d([[0, 0, 1, 0]]), near, far, 4, false, null, 0);
      return arr(res.t);
    });
    // fine u = (k + 1/2) / 4 inside interval [2, 3] -> 2.125, 2.375, 2.625, 2.875; merged with 0.5..3.5
    expect(round(t)).toEqual([0.5, 1.5, 2.125, 2.375, 2.5, 2.625, 2.875, 3.5]);
  });

  it('has zero gradient with respect to the weights (sampling is not differentiable)', () => {
    const g = tf.tidy(() => arr(tf.grad((w: tf.Tensor) => {
      const near = tf.tensor1d([0]);
      const far = tf.tensor1d([4]);
      const coarse = stratifiedSamples(tf, near, far, 4, false, null);
      return importanceSample(tf, coarse, w as tf.Tensor2D, near, far, 3, true, 1, 0.01).t.sum();
    })(tf.tensor2d([[0.1, 0.5, 0.3, 0.1]]))));
    expect(g).toEqual([0, 0, 0, 0]);
  });
});

describe('renderRays', () => {
  it('renders an analytic slab: opacity, colour, depth and features', () => {
    const before = tf.memory().numTensors;
    const density = 2;
    const out = tf.tidy(() => {
      const r = renderRays(tf, slab(density), raysDown([0, 0.3]), { near: 2, far: 6, samples: 64, background: [1, 1, 1] });
      return { rgb: arr(r.rgb), depth: arr(r.depth), opacity: arr(r.opacity), features: arr(r.features!), t: r.t.shape, e: r.edges.shape };
    });
    const a = 1 - Math.exp(-density); // slab thickness 1 along the ray; bins align with 3.5 and 4.5
    // continuous expected depth: int_{3.5}^{4.5} t sigma exp(-sigma (t - 3.5)) dt
    const depth = 3.5 * a + (1 - Math.exp(-density) * (1 + density)) / density;
    expect(out.opacity[0]).toBeCloseTo(a, 5);
    expect(out.opacity[1]).toBeCloseTo(a, 5);
    expect(out.rgb.slice(0, 3).map((x) => Number(x.toFixed(5)))).toEqual(round([0.2 * a + 1 - a, 0.4 * a + 1 - a, 0.8 * a + 1 - a]));
    expect(Math.abs(out.depth[0] - depth)).toBeLessThan(2e-3);
    expect(round(out.features.slice(0, 2), 4)).toEqual(round([a, -a], 4));
    expect(out.t).toEqual([2, 64]);
    expect(out.e).toEqual([2, 65]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('hierarchical sampling puts the fine samples where the coarse weights are', () => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => {
      const r = renderRays(tf, slab(20), raysDown([0]), { near: 2, far: 6, samples: 16, importanceSamples: 32 });
      return { t: arr(r.t), opacity: r.opacity.dataSync()[0], coarseOpacity: r.coarse!.opacity.dataSync()[0] };
    });
    expect(out.t.length).toBe(48);
    for (let i = 1; i < out.t.length; i++) expect(out.t[i]).toBeGreaterThanOrEqual(out.t[i - 1]);
    // The slab front is at t = 3.5 and almost opaque after 0.25; coarse bins are 0.25 wide.
    const nearFront = out.t.filter((t) => t >= 3.25 && t <= 4).length;
    expect(nearFront).toBeGreaterThanOrEqual(25);
    expect(out.opacity).toBeGreaterThan(0.99);
    expect(out.coarseOpacity).toBeGreaterThan(0.99);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('passes gradients to field parameters through both passes without leaking', () => {
    const before = tf.memory().numTensors;
    const logDensity = tf.tidy(() => tf.variable(tf.scalar(0.5)));
    const field: FieldFn = (points) => {
      const [n, s] = points.shape;
      const r2 = points.square().sum(2); // [N, S]
      const sigma = tf.exp(logDensity).mul(tf.exp(r2.neg())) as tf.Tensor2D;
      return { sigma, rgb: tf.fill([n, s, 3], 0.5) as tf.Tensor3D };
    };
    const { value, grads } = tf.variableGrads(() => {
      const rays = raysDown([0, 0.2]);
      const r = renderRays(tf, field, rays, { near: 2, far: 6, samples: 8, importanceSamples: 8, training: true, seed: 3 });
      return r.opacity.sum().add(r.coarse!.opacity.sum()) as tf.Scalar;
    });
    const g = grads[logDensity.name].dataSync()[0];
    expect(Number.isFinite(g)).toBe(true);
    expect(g).toBeGreaterThan(0); // more density -> more opacity
    tf.dispose([value, grads[logDensity.name], logDensity]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('honours per-ray near/far and a tensor background', () => {
    const out = tf.tidy(() => {
      const rays = { ...raysDown([0, 0]), near: tf.tensor1d([2, 4.5]), far: tf.tensor1d([6, 6]) };
      const r = renderRays(tf, slab(5), rays, { samples: 8, background: tf.tensor2d([[0, 0, 0], [0, 1, 0]]) });
      return { opacity: arr(r.opacity), rgb: arr(r.rgb), e: arr(r.edges) };
    });
    expect(out.opacity[0]).toBeGreaterThan(0.9);
    expect(out.opacity[1]).toBe(0); // starts behind the slab
    expect(out.rgb.slice(3)).toEqual([0, 1, 0]);
    expect([out.e[9], out.e[17]]).toEqual([4.5, 6]);
  });

  it('rejects bad options and bad field outputs, naming the field and value', () => {
    const bad = (opts: object) => () => tf.tidy(() => { renderRays(tf, slab(1), raysDown([0]), opts); });
    expect(bad({ samples: 0 })).toThrow(/render-rays\.ts: options\.samples must be an integer >= 1, got 0/);
    expect(bad({ near: 3, far: 2 })).toThrow(/options\.far must be a finite number > near \(3\), got 2/);
    expect(bad({ background: [1, 1] })).toThrow(/options\.background must be three finite numbers/);
    const wrong: FieldFn = (p) => ({ sigma: tf.zeros([p.shape[0], 3]), rgb: tf.zeros([p.shape[0], p.shape[1], 3]) });
    expect(() => tf.tidy(() => { renderRays(tf, wrong, raysDown([0]), { samples: 4 }); }))
      .toThrow(/field output sigma has shape \[1, 3\], expected \[1, 4\]/);
  });
});
