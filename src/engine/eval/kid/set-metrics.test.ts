import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/procedural/prng';
import { colourShiftSet, gaussianBlurSet } from './perturb';
import { renderCategorySet } from './render-set';
import { meanPairwiseDistance, pixelPairDistance, setSharpnessRatio } from './set-metrics';

const S = 8;
const fill = (n: number, f: (i: number, k: number) => number) => {
  const px = S * S * 3;
  return Float32Array.from({ length: n * px }, (_, j) => f(Math.floor(j / px), j % px));
};

describe('diversity', () => {
  it('is the mean pairwise feature distance: 4 for a 3-4-5 triangle, 0 for a collapsed set', () => {
    expect(meanPairwiseDistance(Float64Array.from([0, 0, 3, 0, 0, 4]), 2)).toBeCloseTo(4, 12);
    expect(meanPairwiseDistance(Float64Array.from([1, 2, 1, 2, 1, 2]), 2)).toBe(0);
    expect(() => meanPairwiseDistance(Float64Array.from([1, 2]), 2)).toThrow(/N >= 2/);
  });

  it('pixel version: the RMS difference per pair', () => {
    const imgs = fill(3, (i) => [0, 0.5, 0.5][i]);
    // pairs: (0, 0.5) -> 0.5, (0, 0.5) -> 0.5, (0.5, 0.5) -> 0
    expect(pixelPairDistance(imgs, S)).toBeCloseTo(1 / 3, 6);
  });
});

describe('sharpness of a set relative to reference renders', () => {
  const renders = renderCategorySet({ split: 'test', scenes: 2, seed: 3 });

  it('is 1 for the reference itself, falls with blur and rises with noise', () => {
    expect(setSharpnessRatio(renders.images, renders.images, 32)).toBeCloseTo(1, 10);
    const r = [0.5, 1, 2].map((s) => setSharpnessRatio(gaussianBlurSet(renders.images, 32, s), renders.images, 32));
    expect(r[0]).toBeLessThan(0.8);
    expect(r[1]).toBeLessThan(r[0]);
    expect(r[2]).toBeLessThan(r[1]);
    const rand = mulberry32(1);
    const noisy = renders.images.map((v) => v + 0.2 * (rand() - 0.5));
    expect(setSharpnessRatio(noisy, renders.images, 32)).toBeGreaterThan(1.2);
  });
});

describe('perturbations', () => {
  it('blur keeps a constant image and spreads an impulse into a normalised Gaussian', () => {
    const flat = fill(1, () => 0.3);
    gaussianBlurSet(flat, S, 1.5).forEach((v) => expect(v).toBeCloseTo(0.3, 6));
    const dot = fill(1, (_, k) => (k === (4 * S + 4) * 3 ? 1 : 0));
    const b = gaussianBlurSet(dot, S, 0.8);
    const red = b.filter((_, k) => k % 3 === 0);
    expect(red.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
    expect(red[4 * S + 4]).toBeGreaterThan(red[4 * S + 5]);
    expect(red[4 * S + 5]).toBeCloseTo(red[3 * S + 4], 6);
    expect(gaussianBlurSet(dot, S, 0)).toEqual(dot);
  });

  it('colour shift adds per channel and clamps to [0, 1]', () => {
    const out = colourShiftSet(fill(1, () => 0.95), S, [0.1, -0.05, -1]);
    expect([out[0], out[1], out[2]]).toEqual([1, Math.fround(0.9), 0]);
    expect(() => colourShiftSet(new Float32Array(5), S, [0, 0, 0])).toThrow(/\[N, 8, 8, 3\]/);
  });
});
