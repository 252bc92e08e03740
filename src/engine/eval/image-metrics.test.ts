import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../data/types';
import { pixelDiversity } from './diversity';
import { highFrequencyEnergy, laplacianOfLuminance, sharpnessRatio } from './high-frequency';

function image(w: number, h: number, f: (x: number, y: number, c: number) => number): RgbImage {
  const data = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = f(x, y, c);
  return { width: w, height: h, data };
}

function boxBlur(img: RgbImage, radius = 1): RgbImage {
  const { width: w, height: h } = img;
  return image(w, h, (x, y, c) => {
    let s = 0; let n = 0;
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        const xx = Math.min(w - 1, Math.max(0, x + dx)); const yy = Math.min(h - 1, Math.max(0, y + dy));
        s += img.data[(yy * w + xx) * 3 + c]; n++;
      }
    }
    return s / n;
  });
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const W = 32;
const ALL = new Uint8Array(W * W).fill(1);
const interior = new Uint8Array(W * W).map((_, i) => (i % W > 0 && i % W < W - 1 && i >= W && i < W * (W - 1) ? 1 : 0));

describe('highFrequencyEnergy', () => {
  it('is 0 for a constant image and 16 inside a unit checkerboard', () => {
    expect(highFrequencyEnergy(image(W, W, () => 0.4), ALL)).toBe(0);
    const checker = image(W, W, (x, y) => (x + y) % 2);
    // Y = 0 or 1 (the Rec. 709 weights sum to 1); the 5-point Laplacian is +-4 inside.
    expect(highFrequencyEnergy(checker, interior)).toBeCloseTo(16, 4);
    expect(Math.abs(laplacianOfLuminance(checker)[5 * W + 5])).toBeCloseTo(4, 5);
  });

  it('only counts the masked pixels; an empty mask gives NaN', () => {
    const leftDetail = image(W, W, (x, y) => (x < W / 2 ? (x + y) % 2 : 0.5));
    const right = new Uint8Array(W * W).map((_, i) => (i % W >= W / 2 + 1 ? 1 : 0));
    expect(highFrequencyEnergy(leftDetail, right)).toBe(0);
    expect(highFrequencyEnergy(leftDetail, ALL)).toBeGreaterThan(1);
    expect(highFrequencyEnergy(leftDetail, new Uint8Array(W * W))).toBeNaN();
  });

  it('weighs channels by luminance', () => {
    const blueOnly = image(W, W, (x, y, c) => (c === 2 ? (x + y) % 2 : 0));
    expect(highFrequencyEnergy(blueOnly, interior)).toBeCloseTo(16 * 0.0722 ** 2, 5);
  });
});

describe('sharpnessRatio', () => {
  const rnd = seeded(5);
  const textured = image(W, W, () => rnd());

  it('is 1 for ground truth itself, < 1 when blurred (more so for more blur), > 1 with added noise', () => {
    expect(sharpnessRatio([textured], [textured], [ALL])).toBeCloseTo(1, 10);
    const r1 = sharpnessRatio([boxBlur(textured, 1)], [textured], [ALL]);
    const r2 = sharpnessRatio([boxBlur(textured, 2)], [textured], [ALL]);
    expect(r1).toBeLessThan(0.5);
    expect(r2).toBeLessThan(r1);
    expect(r2).toBeGreaterThan(0);
    const smooth = image(W, W, (x, y) => 0.5 + 0.3 * Math.sin(x / 3) * Math.cos(y / 4));
    const noisy = image(W, W, (x, y, c) => smooth.data[(y * W + x) * 3 + c] + (rnd() - 0.5) * 0.2);
    expect(sharpnessRatio([noisy], [smooth], [ALL])).toBeGreaterThan(1);
  });

  it('pools energy over all images in their masks', () => {
    const blurred = boxBlur(textured, 1);
    const half = new Uint8Array(W * W).map((_, i) => (i < (W * W) / 2 ? 1 : 0));
    const num = highFrequencyEnergy(textured, half) * (W * W) / 2 + highFrequencyEnergy(blurred, ALL) * W * W;
    const den = highFrequencyEnergy(textured, half) * (W * W) / 2 + highFrequencyEnergy(textured, ALL) * W * W;
    expect(sharpnessRatio([textured, blurred], [textured, textured], [half, ALL])).toBeCloseTo(num / den, 8);
    expect(sharpnessRatio([textured], [image(W, W, () => 0.5)], [ALL])).toBeNaN();
  });

  it('rejects mismatched inputs, naming the argument', () => {
    expect(() => sharpnessRatio([textured], [], [ALL])).toThrow(/1 generated, 0 ground truth, 1 masks/);
    expect(() => sharpnessRatio([textured], [image(16, 16, () => 0)], [ALL])).toThrow(/generated\[0\] is 32x32 but groundTruth\[0\] is 16x16/);
    expect(() => sharpnessRatio([textured], [textured], [new Uint8Array(5)])).toThrow(/masks\[0\] must be a Uint8Array of 1024 values/);
  });
});

describe('pixelDiversity', () => {
  const base = image(8, 8, (x, y, c) => (x + 2 * y + c) / 30);

  it('is 0 for identical samples and for a single sample', () => {
    const all = new Uint8Array(64).fill(1);
    expect(pixelDiversity([base, base, base, base], all)).toBe(0);
    expect(pixelDiversity([base], all)).toBe(0);
    expect(() => pixelDiversity([], all)).toThrow(/at least one sample/);
  });

  it('gives the population std of a known per-pixel spread, averaged over channels, in the mask only', () => {
    const offsets = [0, 0.1, 0.2, 0.3];
    const mask = new Uint8Array(64).map((_, i) => (i < 32 ? 1 : 0));
    // Inside the mask all channels spread by the offsets; outside they spread wildly (ignored).
    const samples = offsets.map((o, k) => image(8, 8, (x, y, c) => base.data[(y * 8 + x) * 3 + c] + (y < 4 ? o : 10 * k)));
    const std = Math.sqrt(offsets.reduce((a, o) => a + (o - 0.15) ** 2, 0) / 4); // 0.1118...
    expect(pixelDiversity(samples, mask)).toBeCloseTo(std, 6);
    // Spread in the red channel only: a third of that.
    const redOnly = offsets.map((o) => image(8, 8, (x, y, c) => base.data[(y * 8 + x) * 3 + c] + (c === 0 ? o : 0)));
    expect(pixelDiversity(redOnly, mask)).toBeCloseTo(std / 3, 6);
    // Half the masked pixels vary, half do not: the mean halves.
    const halfVary = offsets.map((o) => image(8, 8, (x, y, c) => base.data[(y * 8 + x) * 3 + c] + (y < 2 ? o : 0)));
    expect(pixelDiversity(halfVary, mask)).toBeCloseTo(std / 2, 6);
    expect(pixelDiversity(samples, new Uint8Array(64))).toBeNaN();
  });
});
