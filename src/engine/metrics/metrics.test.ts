import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../data/types';
import { mse, psnr, ssim } from './index';

const img = (w: number, h: number, f: (x: number, y: number, c: number) => number): RgbImage => {
  const data = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = f(x, y, c);
  return { width: w, height: h, data };
};
const pattern = (x: number, y: number, c: number) => 0.5 + 0.4 * Math.sin(0.7 * x + 1.3 * y + c);

describe('psnr', () => {
  it('is +Infinity for identical images', () => {
    const a = img(16, 12, pattern);
    expect(psnr(a, a)).toBe(Infinity);
  });
  it('matches -10 log10(MSE) for a known error level', () => {
    const a = img(20, 20, () => 0.5);
    // Alternating +-0.05 noise: MSE = 0.0025 exactly -> 26.0206 dB.
    const b = img(20, 20, (x, y, c) => 0.5 + ((x + y + c) % 2 === 0 ? 0.05 : -0.05));
    expect(mse(a, b)).toBeCloseTo(0.0025, 8);
    expect(psnr(a, b)).toBeCloseTo(-10 * Math.log10(0.0025), 4);
    expect(psnr(a, b)).toBeCloseTo(26.0206, 3);
    // A constant offset of 0.1 in one channel of three: MSE = 0.01 / 3.
    const c = img(20, 20, (_x, _y, ch) => (ch === 1 ? 0.6 : 0.5));
    expect(psnr(a, c)).toBeCloseTo(10 * Math.log10(300), 4);
  });
  it('rejects images of different sizes, naming both sizes', () => {
    expect(() => psnr(img(4, 4, pattern), img(4, 5, pattern))).toThrow(/4x4.*4x5/);
  });
});

describe('ssim', () => {
  it('is 1 for identical images', () => {
    const a = img(32, 24, pattern);
    expect(ssim(a, a)).toBeCloseTo(1, 10);
  });
  it('matches the closed form for two constant images', () => {
    // Both constant: variances and covariance vanish, SSIM = (2ab + C1) / (a^2 + b^2 + C1).
    const a = img(16, 16, () => 0.5), b = img(16, 16, () => 0.6);
    const C1 = 1e-4;
    expect(ssim(a, b)).toBeCloseTo((2 * 0.5 * 0.6 + C1) / (0.25 + 0.36 + C1), 6);
  });
  it('is symmetric, drops with noise and is negative for an inverted pattern', () => {
    const a = img(32, 32, pattern);
    const noisy = img(32, 32, (x, y, c) => pattern(x, y, c) + 0.1 * Math.sin(12.9898 * x + 78.233 * y + 37.7 * c));
    const inv = img(32, 32, (x, y, c) => 1 - pattern(x, y, c));
    const s = ssim(a, noisy);
    expect(s).toBeCloseTo(ssim(noisy, a), 10);
    expect(s).toBeLessThan(0.99);
    expect(s).toBeGreaterThan(0.3);
    expect(ssim(a, inv)).toBeLessThan(0);
  });
});
