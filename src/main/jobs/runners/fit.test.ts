import { describe, expect, it } from 'vitest';
import { decodeVolume, encodeVolume } from '../../../shared/volume-file';
import type { BakedGrid } from '../../../engine/grid/types';
import { SCENE_FILES, volumeGridOf } from './fit';

function grid(n: [number, number, number], fill: (x: number, y: number, z: number) => [number, number, number, number]): BakedGrid {
  const count = n[0] * n[1] * n[2];
  const density = new Float32Array(count);
  const rgb = new Float32Array(3 * count);
  for (let z = 0; z < n[2]; z++) for (let y = 0; y < n[1]; y++) for (let x = 0; x < n[0]; x++) {
    const i = x + n[0] * (y + n[1] * z);
    const [d, r, g, b] = fill(x, y, z);
    density[i] = d;
    rgb.set([r, g, b], 3 * i);
  }
  return { resolution: n, aabb: { min: [-1, -1, -1], max: [1, 1, 1] }, density, rgb };
}

describe('volumeGridOf', () => {
  it('keeps a grid that already fits', () => {
    const g = grid([8, 8, 8], () => [1, 0.5, 0.5, 0.5]);
    expect(volumeGridOf(g, 8)).toBe(g);
  });

  it('box-averages density and density-weights colour', () => {
    // Left half dense red, right half empty black: each 2x2x2 block straddling nothing.
    const g = grid([8, 4, 4], (x) => (x < 4 ? [10, 1, 0, 0] : [0, 0, 0, 0]));
    const v = volumeGridOf(g, 4);
    expect(v.resolution).toEqual([4, 2, 2]);
    expect(v.aabb).toEqual({ min: [-1, -1, -1], max: [1, 1, 1] });
    expect(v.density[0]).toBeCloseTo(10);
    expect(v.density[3]).toBeCloseTo(0);
    expect(v.rgb[0]).toBeCloseTo(1);
    // A mixed block (one dense voxel of eight) keeps the dense voxel's colour.
    const m = grid([2, 2, 2], (x, y, z) => (x + y + z === 0 ? [8, 0, 1, 0] : [0, 0, 0, 1]));
    const mv = volumeGridOf(m, 1);
    expect(mv.density[0]).toBeCloseTo(1);
    expect(mv.rgb[1]).toBeGreaterThan(0.99);
    expect(mv.rgb[2]).toBeLessThan(0.01);
  });

  it('cuts a remainder and shrinks the aabb to the covered blocks', () => {
    const g = grid([9, 9, 9], () => [1, 0, 0, 0]);
    const v = volumeGridOf(g, 4);
    expect(v.resolution).toEqual([3, 3, 3]);
    expect(v.aabb.max[0]).toBeCloseTo(-1 + (2 * 9) / 9);
    const g2 = grid([10, 10, 10], () => [1, 0, 0, 0]);
    const v2 = volumeGridOf(g2, 4);
    expect(v2.resolution).toEqual([3, 3, 3]);
    expect(v2.aabb.max[0]).toBeCloseTo(-1 + (2 * 9) / 10);
  });

  it('limits the longest side to VOLUME_MAX_SIDE and round-trips through volume.bin', () => {
    const g = grid([300, 2, 2], (x) => [x, 0.2, 0.4, 0.6]);
    const v = decodeVolume(encodeVolume(volumeGridOf(g)));
    expect(Math.max(...v.resolution)).toBeLessThanOrEqual(128);
    expect(SCENE_FILES.volume).toBe('volume.bin');
  });
});
