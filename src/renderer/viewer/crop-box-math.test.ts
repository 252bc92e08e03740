import { describe, expect, it } from 'vitest';
import { CropBoxSchema } from '../../shared';
import { MIN_CROP_SIZE, boxFromCentreSize, centreOf, sameBox, sceneBox, sizeOf } from './crop-box-math';

describe('crop box math', () => {
  it('centre/size and min/max describe the same box', () => {
    const box = { min: [-1, 0, 2], max: [1, 3, 2.5] } as { min: [number, number, number]; max: [number, number, number] };
    expect(centreOf(box)).toEqual([0, 1.5, 2.25]);
    expect(sizeOf(box)).toEqual([2, 3, 0.5]);
    expect(boxFromCentreSize(centreOf(box), sizeOf(box))).toEqual(box);
  });

  it('a gizmo scaled to zero or NaN still gives a box the schema accepts', () => {
    const b = boxFromCentreSize([0, 0, 0], [0, Number.NaN, -0]);
    expect(sizeOf(b).every((s) => s >= MIN_CROP_SIZE * 0.999)).toBe(true);
    expect(CropBoxSchema.safeParse(b).success).toBe(true);
  });

  it('starts from the scene box only when it is a valid box', () => {
    expect(sceneBox({ aabb: { min: [-1, -1, -1], max: [1, 1, 1] } })).toEqual({ min: [-1, -1, -1], max: [1, 1, 1] });
    expect(sceneBox({ aabb: { min: [-1, -1, -1], max: [1, -1, 1] } })).toBeNull();
    expect(sceneBox({ aabb: { min: [0, 0], max: [1, 1, 1] } })).toBeNull();
    expect(sceneBox({})).toBeNull();
  });

  it('sameBox compares values', () => {
    expect(sameBox({ min: [0, 0, 0], max: [1, 1, 1] }, { min: [0, 0, 0], max: [1, 1, 1] })).toBe(true);
    expect(sameBox({ min: [0, 0, 0], max: [1, 1, 1] }, { min: [0, 0, 0], max: [1, 2, 1] })).toBe(false);
    expect(sameBox(null, { min: [0, 0, 0], max: [1, 1, 1] })).toBe(false);
  });
});
