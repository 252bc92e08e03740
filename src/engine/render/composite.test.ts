import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { useBackend } from '../testing/backends';
import { composite, compositeWeights } from './composite';
import { gradCheck, randomArray } from './test-utils';

beforeAll(async () => {
  const status = await useBackend('cpu');
  if (!status.ok) throw new Error(status.reason);
});

describe('composite', () => {
  it('matches hand-computed compositing for two intervals', () => {
    const before = tf.memory().numTensors;
    // Ray with edges [0, 1, 3], sigma [ln 2, ln 2 / 2]: tau = [ln 2, ln 2] -> alpha = [1/2, 1/2],
    // T = [1, 1/2], w = [1/2, 1/4], opacity 3/4.
    const res = tf.tidy(() => {
      const r = composite(tf, {
        sigma: tf.tensor2d([[Math.LN2, Math.LN2 / 2]]),
        rgb: tf.tensor3d([[[1, 0, 0], [0, 1, 0]]]),
        features: tf.tensor3d([[[2], [4]]]),
        t: tf.tensor2d([[0.5, 2]]),
        edges: tf.tensor2d([[0, 1, 3]]),
      }, [0, 0, 1]);
      return {
        rgb: Array.from(r.rgb.dataSync()), depth: r.depth.dataSync()[0], opacity: r.opacity.dataSync()[0],
        weights: Array.from(r.weights.dataSync()), features: Array.from(r.features!.dataSync()),
      };
    });
    expect(res.weights[0]).toBeCloseTo(0.5, 6);
    expect(res.weights[1]).toBeCloseTo(0.25, 6);
    expect(res.opacity).toBeCloseTo(0.75, 6);
    // rgb = 0.5 red + 0.25 green + 0.25 blue background
    expect(res.rgb[0]).toBeCloseTo(0.5, 6);
    expect(res.rgb[1]).toBeCloseTo(0.25, 6);
    expect(res.rgb[2]).toBeCloseTo(0.25, 6);
    expect(res.depth).toBeCloseTo(0.5 * 0.5 + 0.25 * 2, 6);
    expect(res.features[0]).toBeCloseTo(0.5 * 2 + 0.25 * 4, 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an opaque interval stops the ray: depth at the wall, background hidden', () => {
    const w = tf.tidy((): number[] => Array.from(compositeWeights(
      tf, tf.tensor2d([[0, 0, 1e4, 5]]), tf.tensor2d([[0, 1, 2, 3, 4]]),
    ).dataSync()));
    expect(w).toEqual([0, 0, 1, 0]);
  });

  it('uses a per-ray background tensor', () => {
    const rgb = tf.tidy(() => Array.from(composite(tf, {
      sigma: tf.zeros([2, 3]), rgb: tf.ones([2, 3, 3]), t: tf.tensor2d([[1, 2, 3], [1, 2, 3]]),
      edges: tf.tensor2d([[0.5, 1.5, 2.5, 3.5], [0.5, 1.5, 2.5, 3.5]]),
    }, tf.tensor2d([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])).rgb.dataSync()));
    expect(rgb.map((v) => Number(v.toFixed(5)))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
  });

  it('rejects mismatched shapes naming the field', () => {
    expect(() => tf.tidy(() => { composite(tf, {
      sigma: tf.zeros([2, 3]), rgb: tf.zeros([2, 3, 3]), t: tf.zeros([2, 3]), edges: tf.zeros([2, 3]),
    }, [0, 0, 0]); })).toThrow(/composite\.ts: edges has shape \[2, 3\], expected \[2, 4\]/);
  });

  describe('gradients match finite differences', () => {
    const n = 2;
    const s = 4;
    const sigma0 = randomArray(n * s, 1, 0.1, 1.5);
    const rgb0 = randomArray(n * s * 3, 2);
    const feat0 = randomArray(n * s * 2, 3, -1, 1);
    const edges0 = Float32Array.from([0, 0.4, 0.9, 1.3, 2.0, 1, 1.2, 1.7, 2.5, 2.8]);
    const t0 = Float32Array.from([0.2, 0.6, 1.1, 1.6, 1.1, 1.5, 2.1, 2.6]);
    const probes = [randomArray(n * 3, 4, -1, 1), randomArray(n, 5, -1, 1), randomArray(n, 6, -1, 1), randomArray(n * 2, 7, -1, 1)];
    // Scalar probe of every output: sum(rgb P0) + sum(depth P1) + sum(opacity P2) + sum(features P3).
    const loss = (over: Partial<Record<'sigma' | 'rgb' | 'features' | 't' | 'edges' | 'bg', Tensor>>) => {
      const r = composite(tf, {
        sigma: (over.sigma ?? tf.tensor2d(sigma0, [n, s])) as tf.Tensor2D,
        rgb: (over.rgb ?? tf.tensor3d(rgb0, [n, s, 3])) as tf.Tensor3D,
        features: (over.features ?? tf.tensor3d(feat0, [n, s, 2])) as tf.Tensor3D,
        t: (over.t ?? tf.tensor2d(t0, [n, s])) as tf.Tensor2D,
        edges: (over.edges ?? tf.tensor2d(edges0, [n, s + 1])) as tf.Tensor2D,
      }, (over.bg ?? tf.tensor2d([0.2, 0.5, 0.9, 0.3, 0.3, 0.1], [n, 3])) as tf.Tensor2D);
      return r.rgb.mul(tf.tensor2d(probes[0], [n, 3])).sum()
        .add(r.depth.mul(tf.tensor1d(probes[1])).sum())
        .add(r.opacity.mul(tf.tensor1d(probes[2])).sum())
        .add(r.features!.mul(tf.tensor2d(probes[3], [n, 2])).sum()) as tf.Scalar;
    };
    const cases: Array<[string, Float32Array, number[]]> = [
      ['sigma', sigma0, [n, s]], ['rgb', rgb0, [n, s, 3]], ['features', feat0, [n, s, 2]],
      ['t', t0, [n, s]], ['edges', edges0, [n, s + 1]],
      ['bg', Float32Array.from([0.2, 0.5, 0.9, 0.3, 0.3, 0.1]), [n, 3]],
    ];
    for (const [name, x0, shape] of cases) {
      it(`with respect to ${name}`, () => {
        const before = tf.memory().numTensors;
        const res = gradCheck(tf, (x) => loss({ [name]: x }), x0, shape);
        expect(res.worst).toBeLessThanOrEqual(1);
        expect(res.analytic.some((v) => Math.abs(v) > 1e-4)).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  });
});
