import { describe, expect, it } from 'vitest';
import {
  cameraCenter, generateRays, identity4, intrinsicsFromFocal, intrinsicsFromFov, invertRigid, lookAt, mat4,
  multiply4, opencvToOpenglC2W, openglToOpencvC2W, pixelRay, projectPoint, rigidityError, scaleIntrinsics,
} from './index';
import type { Mat4 } from './index';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, digits = 9) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], digits);
};

/** Rotation about +Y by angle a, then translation t (row-major c2w). */
const rotY = (a: number, t: [number, number, number]): Mat4 => mat4([
  Math.cos(a), 0, Math.sin(a), t[0],
  0, 1, 0, t[1],
  -Math.sin(a), 0, Math.cos(a), t[2],
  0, 0, 0, 1,
]);

describe('intrinsics', () => {
  it('fov -> focal: 90 degrees over 100 px is f = 50', () => {
    const k = intrinsicsFromFov(100, 80, Math.PI / 2);
    expect(k.fx).toBeCloseTo(50, 12);
    expect(k.fy).toBeCloseTo(50, 12);
    expect([k.cx, k.cy]).toEqual([50, 40]);
  });

  it('fov -> focal: 60 degrees over 200 px is f = 100 / tan 30 = 173.205...', () => {
    expect(intrinsicsFromFov(200, 200, Math.PI / 3).fx).toBeCloseTo(173.20508075688772, 9);
  });

  it('focal defaults and scaling', () => {
    expect(intrinsicsFromFocal(64, 48, 30)).toEqual({ width: 64, height: 48, fx: 30, fy: 30, cx: 32, cy: 24 });
    expect(scaleIntrinsics(intrinsicsFromFocal(64, 48, 30, 40, 30, 20), 32, 12))
      .toEqual({ width: 32, height: 12, fx: 15, fy: 10, cx: 15, cy: 5 });
  });
});

describe('projection and rays', () => {
  const k = intrinsicsFromFocal(100, 80, 50, 60, 50, 40);

  it('the principal point ray is the camera -Z axis (OpenGL)', () => {
    // pixel centre (u + 0.5, v + 0.5) = (50, 40) is the principal point when u = 49.5: use a
    // principal point on a pixel centre instead: cx = 49.5, cy = 39.5.
    const kc = intrinsicsFromFocal(100, 80, 50, 60, 49.5, 39.5);
    const out = new Float32Array(3);
    pixelRay(kc, identity4(), 49, 39, out, 0);
    close(out, [0, 0, -1], 7);
    // Same for a camera rotated 90 degrees about Y: -Z maps to -X.
    pixelRay(kc, rotY(Math.PI / 2, [1, 2, 3]), 49, 39, out, 0);
    close(out, [-1, 0, 0], 6);
  });

  it('projects hand-computed points', () => {
    // Camera at the origin looking down -Z: point (1, 2, -10) -> u = 50 + 50 * 1/10 = 55,
    // v = 40 - 60 * 2/10 = 28 (v grows downwards), depth 10.
    const p = projectPoint(k, identity4(), [1, 2, -10]);
    close([p.u, p.v, p.depth], [55, 28, 10]);
    // Camera at (0, 0, 5): the world origin is 5 in front, on the principal point.
    const q = projectPoint(k, mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 5, 0, 0, 0, 1]), [0, 0, 0]);
    close([q.u, q.v, q.depth], [50, 40, 5]);
  });

  it('projectPoint and pixelRay round-trip for a rotated, translated camera', () => {
    const c2w = multiply4(rotY(0.7, [0.3, -1.2, 2.5]), mat4([1, 0, 0, 0, 0, Math.cos(0.4), -Math.sin(0.4), 0, 0, Math.sin(0.4), Math.cos(0.4), 0, 0, 0, 0, 1]));
    const o = cameraCenter(c2w);
    const dir = new Float32Array(3);
    for (const [u, v] of [[0, 0], [10, 70], [99, 79], [42, 17]]) {
      pixelRay(k, c2w, u, v, dir, 0);
      expect(Math.hypot(dir[0], dir[1], dir[2])).toBeCloseTo(1, 6);
      const dist = 3.7;
      const p = projectPoint(k, c2w, [o[0] + dist * dir[0], o[1] + dist * dir[1], o[2] + dist * dir[2]]);
      expect(p.u).toBeCloseTo(u + 0.5, 4);
      expect(p.v).toBeCloseTo(v + 0.5, 4);
      expect(p.depth).toBeGreaterThan(0);
    }
  });

  it('generateRays covers a patch row-major with the camera centre as origin', () => {
    const c2w = rotY(0.3, [1, 2, 3]);
    const rays = generateRays(k, c2w, { x0: 10, y0: 20, width: 3, height: 2 });
    expect(rays.count).toBe(6);
    const expected = new Float32Array(3);
    pixelRay(k, c2w, 11, 21, expected, 0); // index 4 = row 1, column 1
    close(rays.directions.subarray(12, 15), expected, 7);
    close(rays.origins.subarray(12, 15), [1, 2, 3], 7);
    expect(generateRays(k, c2w).count).toBe(8000);
  });
});

describe('conventions and rigid transforms', () => {
  it('OpenCV <-> OpenGL flips the camera Y and Z axes and is an involution', () => {
    const gl = rotY(0.5, [1, 2, 3]);
    const cv = openglToOpencvC2W(gl);
    // Columns: camera axes in world. OpenCV x = GL x, y = -GL y, z = -GL z; centre unchanged.
    for (let r = 0; r < 3; r++) {
      expect(cv[4 * r]).toBeCloseTo(gl[4 * r], 12);
      expect(cv[4 * r + 1]).toBeCloseTo(-gl[4 * r + 1], 12);
      expect(cv[4 * r + 2]).toBeCloseTo(-gl[4 * r + 2], 12);
      expect(cv[4 * r + 3]).toBe(gl[4 * r + 3]);
    }
    close(opencvToOpenglC2W(cv), gl, 12);
    // A point in front of an OpenCV camera has camera z > 0: the OpenGL projection agrees.
    const p = projectPoint(intrinsicsFromFocal(10, 10, 5), opencvToOpenglC2W(identity4()), [0, 0, 2]);
    expect(p.depth).toBeCloseTo(2, 12);
  });

  it('invertRigid inverts rotation + translation', () => {
    const m = rotY(1.1, [4, -2, 0.5]);
    close(multiply4(m, invertRigid(m)), identity4(), 12);
    close(multiply4(invertRigid(m), m), identity4(), 12);
    // hand-computed: the inverse of a pure translation negates it
    close(invertRigid(mat4([1, 0, 0, 4, 0, 1, 0, -2, 0, 0, 1, 7, 0, 0, 0, 1])), [1, 0, 0, -4, 0, 1, 0, 2, 0, 0, 1, -7, 0, 0, 0, 1]);
  });

  it('rigidityError accepts rotations and names what is wrong otherwise', () => {
    expect(rigidityError(rotY(0.3, [1, 2, 3]))).toBeNull();
    const nan = Array.from(identity4()); nan[5] = Number.NaN;
    expect(rigidityError(nan)).toBe('entry 5 is not finite (NaN)');
    const scaled = Array.from(identity4()); scaled[0] = 2;
    expect(rigidityError(scaled)).toBe('rotation part is not orthonormal');
    expect(rigidityError([-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toBe('rotation part is a reflection (determinant < 0)');
    expect(rigidityError([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1])).toBe('last row is not [0, 0, 0, 1]');
    expect(() => mat4([1, 2, 3])).toThrow(/expected 16 matrix entries, got 3/);
  });

  it('lookAt points -Z at the target with +Y up', () => {
    const c2w = lookAt([0, 0, 5], [0, 0, 0]);
    close(c2w, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 5, 0, 0, 0, 1]);
    const side = lookAt([3, 0, 0], [0, 0, 0]); // looking down -X: camera +Z (back) = +X, right = -Z
    close([side[2], side[6], side[10]], [1, 0, 0]);
    close([side[0], side[4], side[8]], [0, 0, -1]);
    const tilted = lookAt([2, 3, -1], [0.5, 0, 1]);
    expect(rigidityError(tilted)).toBeNull();
    const p = projectPoint(intrinsicsFromFocal(64, 64, 40), tilted, [0.5, 0, 1]);
    close([p.u, p.v], [32, 32], 9);
    expect(p.depth).toBeCloseTo(Math.hypot(1.5, 3, -2), 9);
  });
});
