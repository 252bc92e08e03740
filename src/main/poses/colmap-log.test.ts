// COLMAP 3.8 log lines -> progress counts; focus measure and frame choice.
import { describe, expect, it } from 'vitest';
import { etaSeconds, featureCount, matchCount, meanReprojectionError, registeredCount, undistortCount } from './colmap-log';
import { laplacianVariance, pickSharpest } from './video-frames';

describe('COLMAP log parsing', () => {
  it('reads the counts of each stage', () => {
    expect(featureCount('Processed file [3/24]')).toEqual({ done: 3, total: 24 });
    expect(featureCount('  Features:        1094')).toBeNull();
    expect(matchCount('Matching block [2/3, 1/3] in 3.1s')).toEqual({ done: 4, total: 9 });
    expect(matchCount('Matching image [5/24] in 0.480s')).toEqual({ done: 5, total: 24 });
    expect(registeredCount('Registering image #9 (3)')).toBe(3);
    expect(registeredCount('Initializing with image pair #2 and #3')).toBe(2);
    expect(registeredCount('Bundle adjustment report')).toBeNull();
    expect(undistortCount('Undistorting image [4/10]')).toEqual({ done: 4, total: 10 });
    expect(meanReprojectionError('Mean reprojection error: 0.679245px')).toBeCloseTo(0.679245);
    expect(meanReprojectionError('I20261207 06:10:08 model.cc:12] Mean reprojection error: 1.5px')).toBe(1.5);
  });

  it('estimates the time left from the rate so far', () => {
    expect(etaSeconds(0, 10, 5)).toBeNull();
    expect(etaSeconds(2, 10, 5)).toBe(20);
    expect(etaSeconds(10, 10, 5)).toBe(0);
  });
});

describe('frame choice', () => {
  it('scores a sharp pattern above its blurred copy', () => {
    const w = 32, h = 32;
    const sharp = new Uint8Array(w * h).map((_, i) => (((i % w) >> 2) + ((i / w) >> 2)) % 2 ? 255 : 0);
    const blur = sharp.map((_, i) => {
      const x = i % w, y = (i / w) | 0;
      let s = 0, n = 0;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h) { s += sharp[yy * w + xx]; n++; }
      }
      return s / n;
    });
    expect(laplacianVariance(sharp, w, h)).toBeGreaterThan(5 * laplacianVariance(blur, w, h));
    expect(laplacianVariance(new Uint8Array(w * h).fill(77), w, h)).toBe(0);
  });

  it('takes the sharpest frame of each equal window', () => {
    const scores = [1, 5, 2, 0, 9, 3, 4, 4, 8, 1, 2, 7];
    expect(pickSharpest(scores, 4)).toEqual([1, 4, 8, 11]);
    expect(pickSharpest(scores, 20)).toEqual(scores.map((_, i) => i));
  });
});
