import { describe, expect, it } from 'vitest';
import { decodeVolume, encodeVolume, type VolumeGrid } from './volume-file';

function grid(): VolumeGrid {
  const n = 4 * 3 * 2;
  const density = new Float32Array(n).map((_, i) => i);
  const rgb = new Float32Array(3 * n).map((_, i) => (i % 7) / 6);
  return { resolution: [4, 3, 2], aabb: { min: [-1, -2, -3], max: [1, 2, 3] }, density, rgb };
}

describe('volume file', () => {
  it('round-trips header and quantized voxels', () => {
    const g = grid();
    const v = decodeVolume(encodeVolume(g, 23));
    expect(v.resolution).toEqual([4, 3, 2]);
    expect(v.aabb).toEqual({ min: [-1, -2, -3], max: [1, 2, 3] });
    expect(v.maxDensity).toBe(23);
    for (let i = 0; i < 24; i++) {
      expect(v.voxels[4 * i + 3]).toBe(Math.round((255 * i) / 23));
      for (let c = 0; c < 3; c++) expect(Math.abs(v.voxels[4 * i + c] / 255 - g.rgb[3 * i + c])).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
    }
  });

  it('saturates densities above maxDensity and maps NaN colour to 0', () => {
    const g = grid();
    g.rgb[0] = Number.NaN;
    const v = decodeVolume(encodeVolume(g, 10));
    expect(v.voxels[0]).toBe(0);
    expect(v.voxels[4 * 23 + 3]).toBe(255);
  });

  it('names the field of a broken file', () => {
    const bytes = encodeVolume(grid(), 1);
    expect(() => decodeVolume(bytes.subarray(0, 20), 'a/volume.bin')).toThrow(/a\/volume\.bin: header/);
    const badMagic = bytes.slice(); badMagic[0] = 0;
    expect(() => decodeVolume(badMagic)).toThrow(/magic/);
    expect(() => decodeVolume(bytes.subarray(0, bytes.length - 1))).toThrow(/voxels: expected 96/);
    const badBox = bytes.slice(); new DataView(badBox.buffer).setFloat32(20, 5, true);
    expect(() => decodeVolume(badBox)).toThrow(/aabb/);
  });

  it('rejects mismatched arrays when encoding', () => {
    const g = grid();
    expect(() => encodeVolume({ ...g, rgb: new Float32Array(3) })).toThrow(/density: expected 24/);
  });
});
