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
