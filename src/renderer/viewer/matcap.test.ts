import { describe, expect, it } from 'vitest';
import { DataTexture } from 'three';
import { createMatcapTexture, linearToSrgbByte, matcapPixels } from './matcap';

const at = (px: Uint8Array, size: number, x: number, y: number) => {
  const i = 4 * (y * size + x);
  return [px[i], px[i + 1], px[i + 2], px[i + 3]];
};
const lum = (c: number[]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];

describe('matcap', () => {
  it('is opaque and lit from the upper left by the key light', () => {
    const size = 64;
    const px = matcapPixels({ size });
    expect(px.length).toBe(size * size * 4);
    for (let i = 3; i < px.length; i += 4) expect(px[i]).toBe(255);
    // Rows are bottom-up: high y = top of the sphere. Key light points to (-x, +y).
    const upperLeft = at(px, size, 20, 44);
    const lowerRight = at(px, size, 44, 20);
    expect(lum(upperLeft)).toBeGreaterThan(lum(lowerRight) + 30);
  });
  it('shows a highlight, a darker core and a rim', () => {
    const size = 128;
    const px = matcapPixels({ size });
    const values: number[] = [];
    for (let i = 0; i < px.length; i += 4) values.push(lum([px[i], px[i + 1], px[i + 2]]));
    const max = Math.max(...values);
    const min = Math.min(...values);
    expect(max - min).toBeGreaterThan(120);
    // The disc edge on the shadow side is brighter than just inside it (rim light).
    const edge = lum(at(px, size, 127, 64));
    const inside = lum(at(px, size, 110, 64));
    expect(edge).toBeGreaterThan(inside);
  });
  it('depends on its colours', () => {
    const a = matcapPixels({ size: 16 });
    const b = matcapPixels({ size: 16, base: [0.8, 0.1, 0.1] });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
  it('converts linear to sRGB bytes', () => {
    expect(linearToSrgbByte(0)).toBe(0);
    expect(linearToSrgbByte(1)).toBe(255);
    expect(linearToSrgbByte(0.5)).toBe(188);
    expect(linearToSrgbByte(2)).toBe(255);
  });
  it('makes an sRGB data texture', () => {
    const t = createMatcapTexture({ size: 8 });
    expect(t).toBeInstanceOf(DataTexture);
    expect(t.image.width).toBe(8);
    expect(t.colorSpace).toBe('srgb');
    t.dispose();
  });
});
