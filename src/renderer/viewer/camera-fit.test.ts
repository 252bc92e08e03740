import { describe, expect, it } from 'vitest';
import { fitCameraToBounds, isEmptyBounds, niceCeil, pointBounds, unionBounds, type Bounds, type Vec3 } from './camera-fit';

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec3): Vec3 => { const l = Math.hypot(...a); return [a[0] / l, a[1] / l, a[2] / l]; };

/** Projects a point with a lookAt camera (+Y up) to normalised device coordinates. */
function project(p: Vec3, eye: Vec3, target: Vec3, fovDeg: number, aspect: number): [number, number, number] {
  const f = norm(sub(target, eye));
  const r = norm(cross(f, [0, 1, 0]));
  const u = cross(r, f);
  const d = sub(p, eye);
  const z = dot(d, f);
  const t = Math.tan((fovDeg * Math.PI) / 360);
  return [dot(d, r) / (z * t * aspect), dot(d, u) / (z * t), z];
}

function corners(b: Bounds): Vec3[] {
  const out: Vec3[] = [];
  for (const x of [b.min[0], b.max[0]]) for (const y of [b.min[1], b.max[1]]) for (const z of [b.min[2], b.max[2]]) out.push([x, y, z]);
  return out;
}

describe('fitCameraToBounds', () => {
  const cases: { bounds: Bounds; aspect: number }[] = [
    { bounds: { min: [-1, -1, -1], max: [1, 1, 1] }, aspect: 16 / 9 },
    { bounds: { min: [2, 0, -3], max: [10, 0.5, -2] }, aspect: 0.5 },
    { bounds: { min: [-0.01, -0.01, -0.01], max: [0.01, 0.02, 0.01] }, aspect: 1.3 },
  ];
  for (const { bounds, aspect } of cases) {
    it(`keeps every corner of ${JSON.stringify(bounds)} in view at aspect ${aspect.toFixed(2)}`, () => {
      const fit = fitCameraToBounds(bounds, { fovDeg: 45, aspect });
      let extent = 0;
      for (const c of corners(bounds)) {
        const [x, y, z] = project(c, fit.position, fit.target, 45, aspect);
        extent = Math.max(extent, Math.abs(x), Math.abs(y));
        expect(Math.abs(x)).toBeLessThanOrEqual(1);
        expect(Math.abs(y)).toBeLessThanOrEqual(1);
        expect(z).toBeGreaterThan(fit.near);
        expect(z).toBeLessThan(fit.far);
      }
      // The fit is tight: the box spans at least half of the view in some direction.
      expect(extent).toBeGreaterThan(0.5);
      expect(fit.groundY).toBe(bounds.min[1]);
      expect(fit.gridSize).toBeGreaterThanOrEqual(Math.max(bounds.max[0] - bounds.min[0], bounds.max[2] - bounds.min[2]));
    });
  }
  it('falls back to a unit box for empty bounds', () => {
    const empty: Bounds = { min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] };
    expect(isEmptyBounds(empty)).toBe(true);
    const fit = fitCameraToBounds(empty);
    expect(fit.target).toEqual([0, 0, 0]);
    expect(Number.isFinite(fit.position[0])).toBe(true);
  });
});

describe('niceCeil', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeil(0.7)).toBe(1);
    expect(niceCeil(1)).toBe(1);
    expect(niceCeil(1.2)).toBe(2);
    expect(niceCeil(3)).toBe(5);
    expect(niceCeil(0.031)).toBe(0.05);
    expect(niceCeil(60)).toBe(100);
    expect(niceCeil(0)).toBe(1);
  });
});

describe('unionBounds / pointBounds', () => {
  it('grows a box to hold points and other boxes', () => {
    const pts = pointBounds([[1, 2, 3], [-1, 5, 0]]);
    expect(pts).toEqual({ min: [-1, 2, 0], max: [1, 5, 3] });
    expect(unionBounds(pts, { min: [0, 0, 0], max: [2, 1, 1] })).toEqual({ min: [-1, 0, 0], max: [2, 5, 3] });
    const empty = pointBounds([]);
    expect(isEmptyBounds(empty)).toBe(true);
    expect(unionBounds(empty, pts)).toBe(pts);
    expect(unionBounds(pts, empty)).toBe(pts);
  });
});
