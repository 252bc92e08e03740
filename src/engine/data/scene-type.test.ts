import { describe, expect, it } from 'vitest';
import { intrinsicsFromFov, lookAt } from '../camera';
import { classifySceneType } from './scene-type';
import { percentile, pointsBox, sparseNearFar } from './sparse-bounds';
import type { Capture, CaptureView } from './types';

type V3 = [number, number, number];
const K = intrinsicsFromFov(24, 16, 1.0);

function image(noisy: boolean, seed: number) {
  const data = new Float32Array(24 * 16 * 3);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = noisy ? s / 2147483648 : 1;
  }
  return { width: 24, height: 16, data };
}

function capture(eyes: V3[], targets: V3[], noisy: boolean): Capture {
  const views: CaptureView[] = eyes.map((e, i) => ({
    file: `${i}.png`, split: 'train', intrinsics: K, c2w: lookAt(e, targets[i % targets.length]), image: image(noisy, i + 1),
  }));
  return { format: 'colmap', views, background: [1, 1, 1], aabb: { min: [-1, -1, -1], max: [1, 1, 1] }, near: 1, far: 6, warnings: [] };
}

const ring = (n: number, r: number, span = 2 * Math.PI): V3[] =>
  Array.from({ length: n }, (_, i) => [r * Math.sin((span * i) / n), 0.8, r * Math.cos((span * i) / n)]);
const grid = (n: number): V3[] => Array.from({ length: n }, (_, i) => [0.3 * (i % 4) - 0.45, 0.2 * Math.floor(i / 4) - 0.3, 4]);

function points(n: number, radius: number, seed: number): Float32Array {
  const xyz = new Float32Array(3 * n);
  let s = seed;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 - 0.5; };
  for (let i = 0; i < n; i++) { xyz[3 * i] = radius * rnd(); xyz[3 * i + 1] = radius * rnd(); xyz[3 * i + 2] = radius * rnd(); }
  return xyz;
}

describe('classifySceneType', () => {
  it('a ring of cameras over plain borders is an object', () => {
    const d = classifySceneType(capture(ring(16, 4), [[0, 0, 0]], false));
    expect(d.type).toBe('object');
    expect(d.reasons.converges).toBe(1);
    expect(d.reasons.azimuthSpanDeg).toBeGreaterThan(300);
    expect(d.reasons.borderStd).toBeLessThan(0.01);
  });

  it('the same ring over busy borders is unbounded, even when COLMAP found points only near the centre', () => {
    const c = capture(ring(16, 4), [[0, 0, 0]], true);
    expect(classifySceneType(c).type).toBe('unbounded');
    // Points only near the centre (a tiled floor gives COLMAP few points far out) but busy borders:
    // the photos show a background, so still unbounded.
    c.sparsePoints = { xyz: points(500, 1.5, 7), rgb: new Uint8Array(1500) };
    const busy = classifySceneType(c);
    expect(busy.reasons.farPoints).toBe(0);
    expect(busy.type).toBe('unbounded');
    expect(busy.why).toMatch(/image borders vary/);
    // The same points over plain borders: an object.
    const plain = capture(ring(16, 4), [[0, 0, 0]], false);
    plain.sparsePoints = c.sparsePoints;
    const d = classifySceneType(plain);
    expect(d.type).toBe('object');
    expect(d.why).toMatch(/borders are plain/);
    // A third of the points far out (a room around the rig): unbounded, whatever the borders look like.
    const far = points(250, 40, 9);
    const xyz = new Float32Array(1500 + 750);
    xyz.set(plain.sparsePoints.xyz); xyz.set(far, 1500);
    plain.sparsePoints = { xyz, rgb: new Uint8Array(xyz.length) };
    expect(classifySceneType(plain).type).toBe('unbounded');
  });

  it('cameras on a plane all looking the same way are forward-facing, even over plain borders', () => {
    const eyes = grid(12);
    const d = classifySceneType(capture(eyes, eyes.map((e) => [e[0], e[1], -10] as V3), false));
    expect(d.type).toBe('forward-facing');
    expect(d.reasons.forwardAlignment).toBeGreaterThan(0.99);
  });

  it('alpha masks mean an object', () => {
    const c = capture(ring(8, 4), [[0, 0, 0]], true);
    for (const v of c.views) {
      v.alpha = new Float32Array(24 * 16).fill(1);
      v.alpha.fill(0, 0, 24); // a transparent top row: a real mask
    }
    expect(classifySceneType(c).type).toBe('object');
  });

  it('an all-opaque alpha channel (photos decoded as RGBA) is no mask', () => {
    const c = capture(ring(8, 4), [[0, 0, 0]], true);
    const without = classifySceneType(c).type;
    for (const v of c.views) v.alpha = new Float32Array(24 * 16).fill(1);
    const d = classifySceneType(c);
    expect(d.reasons.alphaViews).toBe(0);
    expect(d.type).toBe(without);
    expect(without).not.toBe('object');
  });
});

describe('sparse bounds', () => {
  it('near/far from percentiles ignore a few stray points that min/max would follow', () => {
    const c = capture(ring(12, 4), [[0, 0, 0]], false);
    const xyz = new Float32Array(3 * 1003);
    xyz.set(points(1000, 1, 3));
    // Three strays: one almost on a camera's lens, two far behind the scene.
    xyz.set([0, 0.8, 3.9, 0, 0, -60, 0.1, 0, -80], 3000);
    const nf = sparseNearFar(c.views, xyz)!;
    expect(nf).not.toBeNull();
    // True distances from the ring (r = 4, height 0.8) to the unit cube: about 3.2 .. 4.9.
    expect(nf.near).toBeGreaterThan(0.8 * 2.9);
    expect(nf.near).toBeLessThan(3.3);
    expect(nf.far).toBeGreaterThan(4.6);
    expect(nf.far).toBeLessThan(1.2 * 5.2);
  });

  it('returns null without enough points in view, so the caller keeps its camera-based guess', () => {
    const c = capture(ring(4, 4), [[0, 0, 0]], false);
    expect(sparseNearFar(c.views, new Float32Array([0, 0, 0]))).toBeNull();
  });

  it('pointsBox spans the points near the centre by percentiles', () => {
    const xyz = new Float32Array(3 * 401);
    xyz.set(points(400, 2, 5));
    xyz.set([0.9, 0.9, 0.9], 1200); // one outlier inside the radius
    const b = pointsBox(xyz, [0, 0, 0], 3, 2, 0)!;
    for (let a = 0; a < 3; a++) {
      expect(b.min[a]).toBeGreaterThan(-1.01);
      expect(b.max[a]).toBeLessThan(1.01);
      expect(b.max[a] - b.min[a]).toBeGreaterThan(1.7);
    }
    expect(percentile([5, 1, 3], 50)).toBe(3);
  });
});
