import { describe, expect, it } from 'vitest';
import { dominantColours, foregroundPixels, nearestColourDistance, type Rgb } from './dominant-colours';

function image(parts: [Rgb, number][], channels = 3): Uint8Array {
  const total = parts.reduce((s, [, n]) => s + n, 0);
  const out = new Uint8Array(total * channels);
  let p = 0;
  for (const [c, n] of parts) {
    for (let i = 0; i < n; i++, p++) {
      // A little noise so clusters are not single points.
      const j = (p * 7919) % 11 - 5;
      out.set([c[0] + j, c[1] - j, c[2] + j].map((v) => Math.max(0, Math.min(255, v))), p * channels);
      if (channels === 4) out[p * channels + 3] = 255;
    }
  }
  return out;
}

describe('dominantColours', () => {
  it('finds the main colours and their shares, skipping the background', () => {
    const data = image([[[16, 19, 24], 5000], [[200, 30, 30], 3000], [[30, 60, 200], 1500], [[240, 240, 240], 500]]);
    const clusters = dominantColours({ data, channels: 3 }, { k: 3, exclude: [[16, 19, 24]] });
    expect(clusters).toHaveLength(3);
    expect(nearestColourDistance([200, 30, 30], clusters)).toBeLessThan(10);
    expect(nearestColourDistance([30, 60, 200], clusters)).toBeLessThan(10);
    expect(nearestColourDistance([240, 240, 240], clusters)).toBeLessThan(10);
    expect(clusters[0].share).toBeCloseTo(0.6, 1);
    expect(clusters.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 6);
  });
  it('notices swapped channels', () => {
    const a = dominantColours({ data: image([[[200, 30, 30], 100], [[30, 160, 60], 100]]), channels: 3 }, { k: 2 });
    const swapped = dominantColours({ data: image([[[30, 30, 200], 100], [[60, 160, 30], 100]]), channels: 3 }, { k: 2 });
    for (const c of swapped) expect(nearestColourDistance(c.colour, a)).toBeGreaterThan(40);
  });
  it('reads RGBA, ignores transparent pixels and is deterministic', () => {
    const data = image([[[10, 200, 10], 400], [[250, 250, 0], 100]], 4);
    for (let i = 3; i < 40; i += 4) data[i] = 0;
    expect(foregroundPixels({ data, channels: 4 })).toHaveLength(490);
    const one = dominantColours({ data, channels: 4 }, { k: 2 });
    const two = dominantColours({ data, channels: 4 }, { k: 2 });
    expect(one).toEqual(two);
  });
  it('is empty for an all-background image', () => {
    const data = image([[[0, 0, 0], 50]]);
    expect(dominantColours({ data, channels: 3 }, { exclude: [[0, 0, 0]] })).toEqual([]);
    expect(nearestColourDistance([1, 2, 3], [])).toBe(Infinity);
  });
});
