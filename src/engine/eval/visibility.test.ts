import { describe, expect, it } from 'vitest';
import { cameraCenter, intrinsicsFromFov, lookAt, pixelRay, projectPoint, type Intrinsics, type Mat4 } from '../camera';
import { maskCount, surfaceMask, visibilityMask, visibilityRegions, type DepthView } from './visibility';

type V3 = [number, number, number];
type Prim = { kind: 'sphere'; c: V3; r: number } | { kind: 'plane'; z: number }; // plane z = const, facing +z

const sub = (a: ArrayLike<number>, b: ArrayLike<number>): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Nearest hit distance t > 0 along unit ray o + t d, or 0 for a miss. */
function trace(o: ArrayLike<number>, d: ArrayLike<number>, prims: readonly Prim[]): number {
  let best = Infinity;
  for (const p of prims) {
    if (p.kind === 'sphere') {
      const oc = sub(o, p.c);
      const b = dot(oc, d);
      const disc = b * b - (dot(oc, oc) - p.r * p.r);
      if (disc < 0) continue;
      const t = -b - Math.sqrt(disc);
      if (t > 1e-6 && t < best) best = t;
    } else if (d[2] < 0 && o[2] > p.z) {
      const t = (p.z - o[2]) / d[2];
      if (t < best) best = t;
    }
  }
  return Number.isFinite(best) ? best : 0;
}

function view(k: Intrinsics, eye: V3, target: V3, prims: readonly Prim[]): DepthView & { points: (V3 | null)[] } {
  const c2w = lookAt(eye, target);
  const depth = new Float32Array(k.width * k.height);
  const points: (V3 | null)[] = [];
  const dir = new Float32Array(3);
  for (let j = 0; j < k.height; j++) {
    for (let i = 0; i < k.width; i++) {
      pixelRay(k, c2w, i, j, dir, 0);
      const t = trace(eye, dir, prims);
      depth[j * k.width + i] = t;
      points.push(t > 0 ? [eye[0] + t * dir[0], eye[1] + t * dir[1], eye[2] + t * dir[2]] : null);
    }
  }
  return { intrinsics: k, c2w, depth, points };
}

const K = intrinsicsFromFov(48, 48, (40 * Math.PI) / 180);
const SPHERE: Prim[] = [{ kind: 'sphere', c: [0, 0, 0], r: 1 }];

describe('visibilityMask on analytic geometry', () => {
  const ctx = view(K, [0, 0, 4], [0, 0, 0], SPHERE);

  it('a view of itself is seen everywhere on the surface', () => {
    const m = visibilityMask([ctx], ctx);
    const surface = surfaceMask(ctx.depth);
    expect(maskCount(surface)).toBeGreaterThan(300);
    expect(Array.from(m)).toEqual(Array.from(surface));
  });

  it('the far side of a sphere is unseen; background is labelled as asked', () => {
    const back = view(K, [0, 0, -4], [0, 0, 0], SPHERE);
    const surface = surfaceMask(back.depth);
    expect(maskCount(visibilityMask([ctx], back))).toBe(0);
    const bgSeen = visibilityMask([ctx], back, { background: 'seen' });
    expect(maskCount(bgSeen)).toBe(back.depth.length - maskCount(surface));
    const r = visibilityRegions([ctx], back);
    expect(maskCount(r.seen)).toBe(0);
    expect(Array.from(r.unseen)).toEqual(Array.from(surface));
    expect(maskCount(r.background)).toBe(back.depth.length - maskCount(surface));
    // Infinity marks background as well as 0.
    const inf = { ...back, depth: back.depth.map((d) => (d === 0 ? Infinity : d)) };
    expect(Array.from(visibilityRegions([ctx], inf).unseen)).toEqual(Array.from(surface));
  });

  it('at 90 degrees the seen/unseen split follows the visible cap z > 1/4', () => {
    const side = view(K, [4, 0, 0], [0, 0, 0], SPHERE);
    // A camera at distance 4 from the unit sphere sees exactly the cap facing it (z > 1/4 for
    // the context); its silhouette is a circle of radius fx tan(asin(1/4)) pixels. Within 1.5 px
    // of that circle the grazing surface is ambiguous at pixel resolution: either label is fine.
    const silhouette = K.fx * Math.tan(Math.asin(0.25));
    const nearSilhouette = (p: V3, c2w: Mat4) => {
      const q = projectPoint(K, c2w, p);
      return Math.abs(Math.hypot(q.u - K.cx, q.v - K.cy) - silhouette) < 1.5;
    };
    const m = visibilityMask([ctx], side);
    let seen = 0; let unseen = 0; const wrong: string[] = [];
    side.points.forEach((p, i) => {
      if (!p) { expect(m[i]).toBe(0); return; }
      if (nearSilhouette(p, ctx.c2w)) return;
      const expected = p[2] > 0.25 ? 1 : 0;
      if (expected) seen++; else unseen++;
      if (m[i] !== expected) wrong.push(`pixel ${i} z=${p[2].toFixed(3)} got ${m[i]}`);
    });
    expect(seen).toBeGreaterThan(60);
    expect(unseen).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
    // A second context on the far side makes the other half seen too.
    const ctx2 = view(K, [0, 0, -4], [0, 0, 0], SPHERE);
    const both = visibilityMask([ctx, ctx2], side);
    let checked = 0;
    side.points.forEach((p, i) => {
      if (!p || nearSilhouette(p, ctx.c2w) || nearSilhouette(p, ctx2.c2w)) return;
      checked++;
      expect(both[i]).toBe(Math.abs(p[2]) > 0.25 ? 1 : 0);
    });
    expect(checked).toBeGreaterThan(120);
  });

  it('occlusion: wall points hidden behind a ball (or outside the context frame) are unseen', () => {
    const ball: Prim = { kind: 'sphere', c: [0, 0, 0.5], r: 0.5 };
    const prims: Prim[] = [ball, { kind: 'plane', z: -1 }];
    const narrow = intrinsicsFromFov(40, 40, (30 * Math.PI) / 180);
    const context = view(narrow, [0, 0, 4], [0, 0, -1], prims);
    const target = view(K, [2.5, 0.5, 4], [0, 0, -1], prims);
    const m = visibilityMask([context], target);
    const eye = cameraCenter(context.c2w);
    let occluded = 0; let outside = 0; let visible = 0; const wrong: string[] = [];
    target.points.forEach((p, i) => {
      if (!p || Math.abs(p[2] + 1) > 1e-4) return; // wall pixels only
      const q = projectPoint(narrow, context.c2w as Mat4, p);
      if (q.u < 1.5 || q.v < 1.5 || q.u > narrow.width - 1.5 || q.v > narrow.height - 1.5) {
        if (q.u < -1 || q.v < -1 || q.u > narrow.width + 1 || q.v > narrow.height + 1) {
          outside++;
          if (m[i] !== 0) wrong.push(`outside pixel ${i}`);
        }
        return;
      }
      // Distance from the ball centre to the segment eye -> p decides occlusion.
      const d = sub(p, eye); const len = Math.hypot(...d); const u = d.map((x) => x / len);
      const s = Math.max(0, Math.min(len, dot(sub(ball.c, eye), u)));
      const miss = Math.hypot(...sub(ball.c, [eye[0] + s * u[0], eye[1] + s * u[1], eye[2] + s * u[2]]));
      if (Math.abs(miss - ball.r) < 0.06) return; // boundary band
      const expected = miss > ball.r ? 1 : 0;
      if (expected) visible++; else occluded++;
      if (m[i] !== expected) wrong.push(`wall pixel ${i} expected ${expected}`);
    });
    expect(occluded).toBeGreaterThan(40);
    expect(outside).toBeGreaterThan(40);
    expect(visible).toBeGreaterThan(200);
    expect(wrong).toEqual([]);
  });

  it('rejects inputs of the wrong size, naming the field', () => {
    const bad = { ...ctx, depth: new Float32Array(10) };
    expect(() => visibilityMask([bad], ctx)).toThrow(/contextViews\[0\]\.depth must be a Float32Array of 2304 values \(got 10\)/);
    expect(() => visibilityMask([ctx], bad)).toThrow(/target\.depth/);
  });
});
