import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../testing/backends';
import {
  depthSmoothnessLoss, distortionLoss, distortionLossQuadratic, normalizeEdges,
} from './regularizers';
import { gradCheck, randomArray } from './test-utils';

beforeAll(async () => {
  const status = await useBackend('cpu');
  if (!status.ok) throw new Error(status.reason);
});

const value = (f: () => tf.Scalar) => tf.tidy(() => f().dataSync()[0]);

/** Ascending edges for n rays with s intervals, random lengths in [0.05, 0.5). */
function sortedEdges(n: number, s: number, seed: number): Float32Array {
  const lengths = randomArray(n * s, seed, 0.05, 0.5);
  const out = new Float32Array(n * (s + 1));
  for (let r = 0; r < n; r++) {
    out[r * (s + 1)] = 1 + r;
    for (let i = 0; i < s; i++) out[r * (s + 1) + i + 1] = out[r * (s + 1) + i] + lengths[r * s + i];
  }
  return out;
}

describe('distortionLoss', () => {
  it('matches a hand-computed value', () => {
    // edges [0, 0.5, 1], w = [0.5, 0.5]: inter = 2 * 0.25 * 0.5 = 0.25, intra = (0.125 + 0.125) / 3.
    const v = value(() => distortionLoss(tf, tf.tensor2d([[0.5, 0.5]]), tf.tensor2d([[0, 0.5, 1]])));
    expect(v).toBeCloseTo(0.25 + 0.25 / 3, 6);
  });

  it('O(S) form equals the O(S^2) form on random rays', () => {
    const n = 5;
    const s = 9;
    const w = randomArray(n * s, 11);
    const e = sortedEdges(n, s, 12);
    const a = value(() => distortionLoss(tf, tf.tensor2d(w, [n, s]), tf.tensor2d(e, [n, s + 1])));
    const b = value(() => distortionLossQuadratic(tf, tf.tensor2d(w, [n, s]), tf.tensor2d(e, [n, s + 1])));
    expect(a).toBeGreaterThan(0);
    expect(Math.abs(a - b)).toBeLessThan(1e-5 * Math.max(1, b));
  });

  it('is lower for weight concentrated in one short interval than for spread weight', () => {
    const edges = tf.tensor2d([[0, 0.25, 0.5, 0.75, 1]]);
    const spread = value(() => distortionLoss(tf, tf.tensor2d([[0.25, 0.25, 0.25, 0.25]]), edges));
    const peaked = value(() => distortionLoss(tf, tf.tensor2d([[0, 1, 0, 0]]), edges));
    edges.dispose();
    expect(peaked).toBeCloseTo(0.25 / 3, 6);
    expect(peaked).toBeLessThan(spread);
  });

  it('normalizeEdges maps every ray onto [0, 1]', () => {
    const e = tf.tidy(() => Array.from(normalizeEdges(tf, tf.tensor2d([[2, 3, 6], [1, 1.5, 2]])).dataSync()));
    expect(e.map((x) => Number(x.toFixed(5)))).toEqual([0, 0.25, 1, 0, 0.5, 1]);
  });

  it('rejects edges of the wrong length', () => {
    expect(() => tf.tidy(() => distortionLoss(tf, tf.zeros([2, 3]), tf.zeros([2, 3]))))
      .toThrow(/regularizers\.ts: weights \[N, S\] and edges \[N, S \+ 1\] expected, got \[2, 3\] and \[2, 3\]/);
  });

  it('gradients match finite differences (weights and edges; both forms)', () => {
    const before = tf.memory().numTensors;
    const n = 2;
    const s = 5;
    const w = randomArray(n * s, 21, 0.05, 0.4);
    const e = sortedEdges(n, s, 22);
    for (const loss of [distortionLoss, distortionLossQuadratic]) {
      const gw = gradCheck(tf, (x) => loss(tf, x as tf.Tensor2D, tf.tensor2d(e, [n, s + 1])), w, [n, s]);
      expect(gw.worst).toBeLessThanOrEqual(1);
      const ge = gradCheck(tf, (x) => loss(tf, tf.tensor2d(w, [n, s]), x as tf.Tensor2D), e, [n, s + 1], { eps: 5e-4 });
      expect(ge.worst).toBeLessThanOrEqual(1);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('depthSmoothnessLoss', () => {
  const b = 2;
  const h = 4;
  const w = 5;

  it('is zero for constant depth', () => {
    const v = value(() => depthSmoothnessLoss(tf, tf.fill([b, h, w], 3), tf.randomUniform([b, h, w, 3], 0, 1, 'float32', 1)));
    expect(v).toBeCloseTo(0, 6);
  });

  it('matches hand-computed values for a ramp, with and without an image edge', () => {
    // depth = column index x; not normalised: |dx D| = 1 on H x (W-1) pairs, |dy D| = 0.
    const ramp = () => tf.tile(tf.range(0, w, 1, 'float32').reshape([1, 1, w]), [b, h, 1]) as tf.Tensor3D;
    const flat = value(() => depthSmoothnessLoss(tf, ramp(), tf.zeros([b, h, w, 3]), { normalizeDepth: false }));
    expect(flat).toBeCloseTo(1, 6);
    // An image edge between columns 1 and 2 (|dI| = 1 in every channel): that column pair gets
    // weight exp(-gamma); mean over W-1 = 4 pairs -> (3 + exp(-2)) / 4 with gamma = 2.
    const edged = value(() => {
      const img = tf.tile(tf.tensor1d([0, 0, 1, 1, 1]).reshape([1, 1, w, 1]), [b, h, 1, 3]) as tf.Tensor4D;
      return depthSmoothnessLoss(tf, ramp(), img, { normalizeDepth: false, edgeScale: 2 });
    });
    expect(edged).toBeCloseTo((3 + Math.exp(-2)) / 4, 6);
    // Mean normalisation makes the loss invariant to the depth scale.
    const small = value(() => depthSmoothnessLoss(tf, ramp().add(1).mul(0.1), tf.zeros([b, h, w, 3])));
    const large = value(() => depthSmoothnessLoss(tf, ramp().add(1).mul(10), tf.zeros([b, h, w, 3])));
    expect(small).toBeCloseTo(large, 5);
  });

  it('rejects mismatched image size naming the field', () => {
    expect(() => tf.tidy(() => depthSmoothnessLoss(tf, tf.zeros([1, 4, 4]), tf.zeros([1, 4, 5, 3]))))
      .toThrow(/regularizers\.ts: depth \[B, H, W\] and image \[B, H, W, C\] expected/);
    expect(() => tf.tidy(() => depthSmoothnessLoss(tf, tf.zeros([1, 4, 4]), tf.zeros([1, 4, 4, 3]), { edgeScale: -1 })))
      .toThrow(/options\.edgeScale must be a finite number >= 0, got -1/);
  });

  it('gradient with respect to depth matches finite differences', () => {
    const before = tf.memory().numTensors;
    const depth = randomArray(b * h * w, 31, 1, 3);
    const image = randomArray(b * h * w * 3, 32);
    for (const normalizeDepth of [false, true]) {
      const res = gradCheck(
        tf, (x) => depthSmoothnessLoss(tf, x as tf.Tensor3D, tf.tensor4d(image, [b, h, w, 3]), { normalizeDepth, edgeScale: 3 }),
        depth, [b, h, w], { eps: 1e-3 },
      );
      expect(res.worst).toBeLessThanOrEqual(1);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
