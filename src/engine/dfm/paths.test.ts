import { describe, expect, it } from 'vitest';
import { cameraCenter, intrinsicsFromFov, lookAt } from '../camera';
import type { ViewCamera } from '../fields';
import { FORWARD_PATH_DEFAULTS, forwardPath, generationPaths } from './paths';

type V3 = [number, number, number];
const el = (17 * Math.PI) / 180;
const FRONT: ViewCamera = { intrinsics: intrinsicsFromFov(64, 64, (40 * Math.PI) / 180), c2w: lookAt([0, 2.2 * Math.sin(el), 2.2 * Math.cos(el)], [0, 0, 0]) };
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: V3) => Math.hypot(...a);
/** Angle at the origin between two camera centres (how far around the object a pose has moved). */
const angleAround = (a: V3, b: V3) => Math.acos(Math.min(1, dot(a, b) / (norm(a) * norm(b))));
/** Azimuth difference around the vertical axis, in [0, pi]. */
const azimuthApart = (a: V3, b: V3) => { const d = Math.abs(Math.atan2(a[0], a[2]) - Math.atan2(b[0], b[2])) % (2 * Math.PI); return Math.min(d, 2 * Math.PI - d); };
const lookDir = (c: ViewCamera): V3 => [-c.c2w[2], -c.c2w[6], -c.c2w[10]];

describe('forward path', () => {
  it('dollies in and drifts right, turning progressively (less than the orbit) while looking at the centre', () => {
    const c0 = cameraCenter(FRONT.c2w);
    const right0: V3 = [FRONT.c2w[0], FRONT.c2w[4], FRONT.c2w[8]];
    const path = forwardPath(FRONT, 4);
    expect(path).toHaveLength(4);
    let prevAngle = 0; let prevDist = norm(c0);
    for (const cam of path) {
      const c = cameraCenter(cam.c2w);
      expect(cam.intrinsics).toBe(FRONT.intrinsics);
      // Looks at the centre.
      const toCentre = sub([0, 0, 0], c);
      expect(dot(lookDir(cam), toCentre) / norm(toCentre)).toBeCloseTo(1, 6);
      // Moves to the photo camera's right, closer to the object, further around it each pose.
      expect(dot(sub(c, c0), right0)).toBeGreaterThan(0);
      const a = angleAround(c0, c);
      expect(a).toBeGreaterThan(prevAngle);
      expect(norm(c)).toBeLessThan(prevDist + 1e-9);
      prevAngle = a; prevDist = norm(c);
    }
    // The last pose: dolly 0.15 and sideways 0.35 of the start distance.
    const { dolly, sideways } = FORWARD_PATH_DEFAULTS;
    expect(prevAngle).toBeCloseTo(Math.atan2(sideways, 1 - dolly), 6);
    expect(prevAngle).toBeLessThan(Math.PI / 4);
    expect(prevDist).toBeCloseTo(norm(c0) * Math.hypot(1 - dolly, sideways), 6);
    // The orbit's one-shot view is the opposite side.
    const orbit = generationPaths(FRONT, 'orbit').sample[0];
    expect(azimuthApart(c0, cameraCenter(orbit.c2w))).toBeCloseTo(Math.PI, 6);
  });

  it('includeStart puts pose 0 at the photo camera; options and bad counts are checked', () => {
    const path = forwardPath(FRONT, 3, { includeStart: true, sideways: -0.2, dolly: 0 });
    const c0 = cameraCenter(FRONT.c2w);
    expect(norm(sub(cameraCenter(path[0].c2w), c0))).toBeLessThan(1e-9);
    // Negative sideways: to the left; no dolly: same distance to the centre.
    expect(dot(sub(cameraCenter(path[2].c2w), c0), [FRONT.c2w[0], FRONT.c2w[4], FRONT.c2w[8]])).toBeLessThan(0);
    expect(norm(cameraCenter(path[2].c2w))).toBeGreaterThan(norm(c0));
    expect(() => forwardPath(FRONT, 0)).toThrow(/paths\.ts: forward path count/);
    expect(() => forwardPath(FRONT, 2, { dolly: 1 })).toThrow(/dolly/);
    expect(() => forwardPath(FRONT, 2, { center: cameraCenter(FRONT.c2w) })).toThrow(/center/);
  });
});

describe('generation paths', () => {
  it('orbit: one view opposite; autoregressive: views - 1 around the circle; forward: forwardViews', () => {
    const c0 = cameraCenter(FRONT.c2w);
    const orbit = generationPaths(FRONT, 'orbit', { views: 8 });
    expect(orbit.orbit).toHaveLength(8);
    expect(norm(sub(cameraCenter(orbit.orbit[0].c2w), c0))).toBeLessThan(1e-9);
    expect(orbit.sample).toEqual([orbit.orbit[4]]);
    const ar = generationPaths(FRONT, 'autoregressive', { views: 8 });
    expect(ar.sample).toHaveLength(7);
    const angles = ar.sample.map((c) => azimuthApart(c0, cameraCenter(c.c2w)));
    expect(angles[0]).toBeCloseTo((2 * Math.PI) / 8, 6);
    expect(Math.max(...angles)).toBeCloseTo(Math.PI, 6);
    const fw = generationPaths(FRONT, 'forward', { forwardViews: 5 });
    expect(fw.sample).toHaveLength(5);
    expect(Math.max(...fw.sample.map((c) => azimuthApart(c0, cameraCenter(c.c2w))))).toBeLessThan(Math.PI / 4);
    expect(() => generationPaths(FRONT, 'spiral' as never)).toThrow(/path must be one of orbit, forward, autoregressive/);
    expect(() => generationPaths(FRONT, 'autoregressive', { views: 1 })).toThrow(/views/);
  });
});
