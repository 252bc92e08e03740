import { describe, expect, it } from 'vitest';
import type { BakedGrid } from '../../../engine/grid/types';
import { cropGrid, cropPoints } from './crop-grid';

/** A 4x4x4 grid over [0,4]^3 whose density is the voxel's index (so the crop can be checked exactly). */
function grid(): BakedGrid {
  const n = 64;
  const density = new Float32Array(n).map((_, i) => i);
  const rgb = new Float32Array(3 * n).map((_, i) => i / (3 * n));
  return { resolution: [4, 4, 4], aabb: { min: [0, 0, 0], max: [4, 4, 4] }, density, rgb };
}

describe('cropGrid', () => {
  it('keeps exactly the voxels whose centres are inside the box', () => {
    const g = grid();
    const c = cropGrid(g, { min: [1, 0, 2.5], max: [3, 0.6, 4] });
    // x centres 1.5, 2.5; y centre 0.5; z centres 2.5, 3.5
    expect(c.resolution).toEqual([2, 1, 2]);
    expect(c.aabb).toEqual({ min: [1, 0, 2], max: [3, 1, 4] });
    const expected = [1 + 4 * 0 + 16 * 2, 2 + 16 * 2, 1 + 16 * 3, 2 + 16 * 3];
    expect([...c.density]).toEqual(expected);
    expect(c.rgb[3]).toBeCloseTo(g.rgb[3 * expected[1]]);
  });

  it('a box holding the whole grid returns all of it; a box beside it is an error naming the field', () => {
    expect(cropGrid(grid(), { min: [-9, -9, -9], max: [9, 9, 9] }).resolution).toEqual([4, 4, 4]);
    expect(() => cropGrid(grid(), { min: [5, 5, 5], max: [6, 6, 6] }, 'scene/manifest.json: field "cropBox"')).toThrow(/field "cropBox".*holds no voxel/);
  });
});

describe('cropPoints', () => {
  it('keeps the points inside, with their colours', () => {
    const positions = new Float32Array([0, 0, 0, 2, 2, 2, 0.5, 0.5, 0.5]);
    const colors = new Float32Array([0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3]);
    const r = cropPoints(positions, colors, { min: [0, 0, 0], max: [1, 1, 1] });
    expect([...r.positions]).toEqual([0, 0, 0, 0.5, 0.5, 0.5]);
    expect([...r.colors].map((v) => +v.toFixed(2))).toEqual([0.1, 0.1, 0.1, 0.3, 0.3, 0.3]);
  });
});
