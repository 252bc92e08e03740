import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../testing/backends';
import { intrinsicsFromFocal, lookAt } from '../camera';
import { cameraRays, disposeRays, rayAabbBounds, raysToTensors, renderView } from './rays';
import type { FieldFn } from './types';

beforeAll(async () => {
  const status = await useBackend('cpu');
  if (!status.ok) throw new Error(status.reason);
});

/** Unit sphere of density 50, red. */
const sphere: FieldFn = (points) => {
  const r = points.square().sum(2).sqrt(); // [N, S]
  const sigma = tf.where(r.less(1), tf.fill(r.shape as [number, number], 50), tf.zerosLike(r)) as tf.Tensor2D;
  const rgb = tf.tile(tf.tensor3d([1, 0, 0], [1, 1, 3]), [points.shape[0], points.shape[1], 1]) as tf.Tensor3D;
  return { sigma, rgb };
};

describe('rays helpers', () => {
  const k = intrinsicsFromFocal(8, 6, 10);
  const c2w = lookAt([0, 0, 4], [0, 0, 0]);

  it('cameraRays gives [H*W, 3] tensors matching the camera module', () => {
    const before = tf.memory().numTensors;
    const rays = cameraRays(tf, k, c2w);
    expect(rays.origins.shape).toEqual([48, 3]);
    expect(rays.directions.shape).toEqual([48, 3]);
    const d = rays.directions.dataSync();
    // pixel (4, 3) centre is (4.5, 3.5): camera dir (0.05, -0.05, -1) normalised; camera = world here.
    const n = Math.hypot(0.05, 0.05, 1);
    const i = 3 * 8 + 4;
    expect([d[3 * i], d[3 * i + 1], d[3 * i + 2]].map((x) => x.toFixed(5))).toEqual([0.05 / n, -0.05 / n, -1 / n].map((x) => x.toFixed(5)));
    expect(Array.from(rays.origins.dataSync().slice(0, 3))).toEqual([0, 0, 4]);
    disposeRays(rays);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('raysToTensors slices a range and rejects out-of-range requests', () => {
    const all = { origins: Float32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2]), directions: new Float32Array(9), count: 3 };
    const part = raysToTensors(tf, all, 1, 2);
    expect(Array.from(part.origins.dataSync())).toEqual([1, 1, 1, 2, 2, 2]);
    disposeRays(part);
    expect(() => raysToTensors(tf, all, 2, 2)).toThrow(/rays\.ts: range start=2 count=2 is outside rays\.count=3/);
  });

  it('rayAabbBounds intersects the box and collapses misses', () => {
    const b = tf.tidy(() => {
      const rays = {
        origins: tf.tensor2d([[0, 0, 4], [5, 0, 4], [0, 0, 0]]),
        directions: tf.tensor2d([[0, 0, -1], [0, 0, -1], [1, 0, 0]]),
      };
      const { near, far } = rayAabbBounds(tf, rays, [-1, -1, -1], [1, 1, 1], 0.05);
      return [Array.from(near.dataSync()), Array.from(far.dataSync())];
    });
    expect(b[0][0]).toBeCloseTo(3, 5);
    expect(b[1][0]).toBeCloseTo(5, 5);
    expect(b[1][1]).toBe(b[0][1]); // miss -> empty interval
    expect(b[0][2]).toBeCloseTo(0.05, 5); // starts inside: clamped to minNear
    expect(b[1][2]).toBeCloseTo(1, 5);
  });

  it('renderView renders a sphere in chunks without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const img = await renderView(tf, sphere, k, c2w, { near: 2, far: 6, samples: 64, background: [0, 0, 1] }, 7);
    expect(img.rgb.length).toBe(48 * 3);
    // The sphere (radius 1 at distance 4, f = 10 px) covers the image centre, not the corner.
    const centre = 3 * 8 + 4;
    expect(img.opacity[centre]).toBeGreaterThan(0.99);
    expect(img.rgb[3 * centre]).toBeGreaterThan(0.99);
    expect(img.depth[centre] / img.opacity[centre]).toBeCloseTo(3, 1);
    expect(img.opacity[0]).toBeLessThan(0.01);
    expect(img.rgb[2]).toBeGreaterThan(0.99); // corner shows the blue background
    expect(tf.memory().numTensors).toBe(before);
  });
});
