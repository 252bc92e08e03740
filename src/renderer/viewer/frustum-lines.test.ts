import { describe, expect, it } from 'vitest';
import { SEGMENTS_PER_CAMERA, cameraCentre, frustumDepth, frustumSegments } from './frustum-lines';

/** Row-major 4x4 -> column-major (how getCaptureCameras sends c2w). */
const colMajor = (m: number[]) => [0, 1, 2, 3].flatMap((c) => [0, 1, 2, 3].map((r) => m[4 * r + c]));

// A camera at (0, 0, 5) looking down -Z at the origin (identity rotation), 100x50 pixels.
const view = {
  file: 'a.png', c2w: colMajor([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 5, 0, 0, 0, 1]),
  width: 100, height: 50, fx: 50, fy: 50, cx: 50, cy: 25,
};

describe('frustum lines', () => {
  it('draws a pyramid from the camera centre towards where it looks', () => {
    const s = frustumSegments([view], 2);
    expect(s.length).toBe(SEGMENTS_PER_CAMERA * 6);
    expect([...s.subarray(0, 3)]).toEqual([0, 0, 5]);
    // Corner (0, 0) = top-left of the image: x = -1 * depth, y = +0.5 * depth, z = 5 - depth.
    expect([...s.subarray(3, 6)]).toEqual([-2, 1, 3]);
    // Every base corner lies on the plane z = 3 (depth 2 in front of the camera).
    for (let i = 0; i < s.length; i += 3) expect([5, 3]).toContain(s[i + 2]);
    // The up marker's tip is above the top edge.
    const tipY = Math.max(...Array.from({ length: s.length / 3 }, (_, i) => s[3 * i + 1]));
    expect(tipY).toBeCloseTo(1.5, 6);
  });
  it('follows the rotation of c2w', () => {
    // Turned 90 degrees about +Y: camera at (5, 0, 0) looking down -X.
    const turned = { ...view, c2w: colMajor([0, 0, 1, 5, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 1]) };
    const s = frustumSegments([turned], 1);
    expect(cameraCentre(turned)).toEqual([5, 0, 0]);
    expect(s[3]).toBeCloseTo(4, 6);
  });
  it('sizes the frustums from the camera distances', () => {
    expect(frustumDepth([view, view, view], [0, 0, 0], 0.1)).toBeCloseTo(0.5, 9);
    expect(frustumDepth([], [0, 0, 0])).toBe(0.1);
  });
});
