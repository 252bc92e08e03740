import { Matrix4, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import type { CaptureCameras } from '../../shared';
import { SEGMENTS_PER_CAMERA, SPLIT_COLOURS, boxEdges, cameraCentre, frustumBuffers, frustumDepth, sceneFrame, splitCounts } from './frustum-geometry';

type View = CaptureCameras['views'][number];

/** A camera at `eye` looking at the origin, as getCaptureCameras returns it (column-major). */
function lookingAtOrigin(eye: [number, number, number], split: View['split'] = 'train'): View {
  const m = new Matrix4().lookAt(new Vector3(...eye), new Vector3(0, 0, 0), new Vector3(0, 1, 0));
  m.setPosition(...eye);
  return { file: 'a.png', split, c2w: m.toArray(), width: 100, height: 80, fx: 100, fy: 100, cx: 50, cy: 40 };
}

describe('frustum geometry', () => {
  it('reads c2w column-major: the apex is the translation and the base lies towards the target', () => {
    const view = lookingAtOrigin([0, 0, 5]);
    expect(cameraCentre(view)).toEqual([0, 0, 5]);
    const { positions } = frustumBuffers([view], 1);
    expect(positions.length).toBe(SEGMENTS_PER_CAMERA * 6);
    expect(Array.from(positions.slice(0, 3))).toEqual([0, 0, 5]);
    // First base corner: pixel (0, 0) at depth 1 -> (-0.5, +0.4, -1) in camera space -> z = 4 in the world.
    expect(positions[3]).toBeCloseTo(-0.5, 6);
    expect(positions[4]).toBeCloseTo(0.4, 6);
    expect(positions[5]).toBeCloseTo(4, 6);
  });

  it('a camera on +X looking at the origin points its frustum towards -X', () => {
    const { positions } = frustumBuffers([lookingAtOrigin([3, 0, 0])], 1);
    expect(positions[5 - 2]).toBeCloseTo(2, 6); // x of the first base corner
  });

  it('colours by split and counts them', () => {
    const views = [lookingAtOrigin([0, 0, 5], 'train'), lookingAtOrigin([5, 0, 0], 'test'), { ...lookingAtOrigin([0, 5, 0.1]), split: undefined }];
    const { colours } = frustumBuffers(views, 0.5);
    const per = SEGMENTS_PER_CAMERA * 6;
    expect(Array.from(colours.slice(0, 3))).toEqual(Array.from(Float32Array.from(SPLIT_COLOURS.train)));
    expect(Array.from(colours.slice(per, per + 3))).toEqual(Array.from(Float32Array.from(SPLIT_COLOURS.test)));
    expect(splitCounts(views)).toEqual({ train: 2, val: 0, test: 1 });
  });

  it('box edges, scene frame and depth', () => {
    const edges = boxEdges([-1, -2, -3], [1, 2, 3]);
    expect(edges.length).toBe(12 * 6);
    for (let i = 0; i < edges.length; i += 6) {
      const changed = [0, 1, 2].filter((k) => edges[i + k] !== edges[i + 3 + k]);
      expect(changed).toHaveLength(1);
    }
    const cams: CaptureCameras = { format: 'blender', views: [lookingAtOrigin([0, 0, 4])], aabb: { min: [-1, -1, -1], max: [1, 1, 1] } };
    expect(sceneFrame(cams)).toEqual({ centre: [0, 0, 0], radius: Math.sqrt(3) });
    expect(frustumDepth(cams.views, [0, 0, 0], 0.25)).toBeCloseTo(1, 6);
    expect(sceneFrame({ format: 'images', views: [] })).toEqual({ centre: [0, 0, 0], radius: 1 });
  });
});

/** Row-major 4x4 -> column-major (how getCaptureCameras sends c2w). */
const colMajorOf = (m: number[]) => [0, 1, 2, 3].flatMap((c) => [0, 1, 2, 3].map((r) => m[4 * r + c]));

// A camera at (0, 0, 5) looking down -Z at the origin (identity rotation), 100x50 pixels.
const lookingDownZ = {
  file: 'a.png', c2w: colMajorOf([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 5, 0, 0, 0, 1]),
  width: 100, height: 50, fx: 50, fy: 50, cx: 50, cy: 25,
};

describe('frustum lines in world space', () => {
  it('draws a pyramid from the camera centre towards where it looks', () => {
    const s = frustumBuffers([lookingDownZ], 2).positions;
    expect(s.length).toBe(SEGMENTS_PER_CAMERA * 6);
    expect([...s.subarray(0, 3)]).toEqual([0, 0, 5]);
    // Corner (0, 0) = top-left of the image: x = -1 * depth, y = +0.5 * depth, z = 5 - depth.
    expect([...s.subarray(3, 6)]).toEqual([-2, 1, 3]);
    // Every base corner lies on the plane z = 3 (depth 2 in front of the camera).
    for (let i = 0; i < s.length; i += 3) expect([5, 3]).toContain(s[i + 2]);
    // The up marker's tip is above the top edge.
    const tipY = Math.max(...Array.from({ length: s.length / 3 }, (_, i) => s[3 * i + 1]));
    expect(tipY).toBeCloseTo(1.6, 6); // 0.3 of the image height above the top edge, at depth 2
  });
  it('follows the rotation of c2w', () => {
    // Turned 90 degrees about +Y: camera at (5, 0, 0) looking down -X.
    const turned = { ...lookingDownZ, c2w: colMajorOf([0, 0, 1, 5, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 1]) };
    const s = frustumBuffers([turned], 1).positions;
    expect(cameraCentre(turned)).toEqual([5, 0, 0]);
    expect(s[3]).toBeCloseTo(4, 6);
  });
  it('sizes the frustums from the camera distances', () => {
    expect(frustumDepth([lookingDownZ, lookingDownZ, lookingDownZ], [0, 0, 0], 0.1)).toBeCloseTo(0.5, 9);
    expect(frustumDepth([], [0, 0, 0])).toBe(0.1);
  });
});
