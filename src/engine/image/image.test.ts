import { describe, expect, it } from 'vitest';
import {
  createRgbImage, decodeRgba8ToRgb, encodeRgbToRgba8, fitWithinMaxSide, resizeDepth, resizeRgb,
  resizeRgba, rgba8ToRgbResized,
} from './index';

describe('RGBA conversion', () => {
  it('round-trips opaque colours through 8 bits', () => {
    const img = createRgbImage(2, 1);
    img.data.set([0, 0.5, 1, 0.2, 0.4, 0.6]);
    const back = decodeRgba8ToRgb(encodeRgbToRgba8(img));
    for (let i = 0; i < 6; i++) expect(back.data[i]).toBeCloseTo(img.data[i], 2);
  });

  it('composites straight alpha over the background', () => {
    const rgba = new Uint8Array([255, 0, 0, 128, 0, 0, 0, 0]);
    const rgb = decodeRgba8ToRgb({ width: 2, height: 1, rgba }, [0, 0, 1]);
    expect(rgb.data[0]).toBeCloseTo(128 / 255, 5);
    expect(rgb.data[2]).toBeCloseTo(1 - 128 / 255, 5);
    expect(Array.from(rgb.data.slice(3))).toEqual([0, 0, 1]);
  });

  it('un-composites with alpha so that re-compositing gives the same image', () => {
    const img = createRgbImage(1, 1);
    const bg: [number, number, number] = [1, 1, 1];
    img.data.set([0.6, 0.8, 1]); // 50 % of (0.2, 0.6, 1) over white
    const enc = encodeRgbToRgba8(img, new Float32Array([0.5]), bg);
    expect(Array.from(enc.rgba)).toEqual([51, 153, 255, 128]);
    const back = decodeRgba8ToRgb(enc, bg);
    for (let i = 0; i < 3; i++) expect(back.data[i]).toBeCloseTo(img.data[i], 2);
  });
});

describe('box resize', () => {
  it('averages 2x2 blocks exactly for integer factors', () => {
    const img = createRgbImage(4, 2);
    for (let i = 0; i < 8; i++) img.data[3 * i] = i; // red = pixel index
    const out = resizeRgb(img, 2, 1);
    expect(out.data[0]).toBeCloseTo((0 + 1 + 4 + 5) / 4, 6);
    expect(out.data[3]).toBeCloseTo((2 + 3 + 6 + 7) / 4, 6);
  });

  it('preserves the mean for non-integer factors', () => {
    const img = createRgbImage(7, 5);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 37) % 11;
    const out = resizeRgb(img, 3, 2);
    const mean = (d: Float32Array) => d.reduce((a, b) => a + b, 0) / d.length;
    expect(mean(out.data)).toBeCloseTo(mean(img.data), 4);
  });

  it('filters RGBA premultiplied (no dark fringe from transparent pixels)', () => {
    const rgba = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]);
    const out = resizeRgba({ width: 2, height: 1, rgba }, 1, 1);
    expect(Array.from(out.rgba)).toEqual([255, 255, 255, 128]);
    const { image, alpha } = rgba8ToRgbResized({ width: 2, height: 1, rgba }, [0, 0, 0], 1);
    expect(alpha[0]).toBeCloseTo(0.5, 5);
    expect(image.data[0]).toBeCloseTo(0.5, 5);
  });

  it('averages only valid depth samples', () => {
    const d = resizeDepth(new Float32Array([2, 0, 4, 0]), 2, 2, 1, 1);
    expect(d[0]).toBeCloseTo(3, 6);
    expect(resizeDepth(new Float32Array([0, 0]), 2, 1, 1, 1)[0]).toBe(0);
  });

  it('fits the longer side without upscaling', () => {
    expect(fitWithinMaxSide(800, 600, 100)).toEqual({ width: 100, height: 75 });
    expect(fitWithinMaxSide(80, 60, 100)).toEqual({ width: 80, height: 60 });
    expect(fitWithinMaxSide(80, 60, 0)).toEqual({ width: 80, height: 60 });
  });
});
