import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../../engine/data/types';
import { rampColour, spreadImage, tileStrip } from './images';

const img = (w: number, h: number, f: (p: number, c: number) => number): RgbImage => {
  const data = new Float32Array(w * h * 3);
  for (let p = 0; p < w * h; p++) for (let c = 0; c < 3; c++) data[3 * p + c] = f(p, c);
  return { width: w, height: h, data };
};

describe('variance view', () => {
  it('per-pixel std across samples, normalised to the ramp: agreeing pixels black, the most spread brightest', () => {
    // Pixel 0 agrees (0.5 everywhere); pixel 1 differs by 0.2 between the two samples; pixel 2 by 0.4.
    const a = img(3, 1, (p) => 0.5 - 0.1 * p);
    const b = img(3, 1, (p) => 0.5 + 0.1 * p);
    const s = spreadImage([a, b]);
    expect(Array.from(s.std)).toEqual([0, expect.closeTo(0.1, 6), expect.closeTo(0.2, 6)]);
    expect(s.max).toBeCloseTo(0.2, 6);
    expect(s.mean).toBeCloseTo(0.1, 6);
    expect(Array.from(s.image.data.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(s.image.data.subarray(6, 9))).toEqual(rampColour(1));
    const mid = s.image.data.subarray(3, 6);
    expect(mid[0]).toBeGreaterThan(0);
    expect(mid[0] + mid[1] + mid[2]).toBeLessThan(rampColour(1).reduce((x, y) => x + y, 0));
  });

  it('normalises by the 98th percentile: one outlier pixel does not darken the rest', () => {
    const a = img(100, 1, () => 0.5);
    const b = img(100, 1, (p) => (p === 0 ? 1 : 0.6));
    const s = spreadImage([a, b]);
    expect(s.max).toBeCloseTo(0.25, 6);
    expect(s.scale).toBeCloseTo(0.05, 6);
    expect(Array.from(s.image.data.subarray(3, 6))).toEqual(rampColour(1));
  });

  it('one sample (or identical samples) gives a black image; mismatched sizes are an error', () => {
    const a = img(2, 2, (p, c) => (p + c) / 8);
    expect(spreadImage([a, a]).image.data.every((v) => v === 0)).toBe(true);
    expect(spreadImage([a]).max).toBe(0);
    expect(() => spreadImage([a, img(1, 1, () => 0)])).toThrow(/images\[1\]: 1x1, expected 2x2/);
  });
});

describe('preview strip', () => {
  it('places tile k at x = k * size; missing tiles are grey', () => {
    const t = img(2, 2, () => 1);
    const s = tileStrip([null, t, null], 2);
    expect([s.width, s.height]).toEqual([6, 2]);
    const at = (x: number, y: number) => s.data[3 * (y * 6 + x)];
    expect([at(0, 0), at(1, 1), at(2, 0), at(3, 1), at(4, 0), at(5, 1)]).toEqual([0.5, 0.5, 1, 1, 0.5, 0.5]);
  });
});
