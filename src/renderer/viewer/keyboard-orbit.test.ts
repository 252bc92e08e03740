import { describe, expect, it } from 'vitest';
import { nudgeCamera, nudgeForKey } from './keyboard-orbit';
import type { Vec3 } from './camera-fit';

const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('keyboard orbit', () => {
  const target: Vec3 = [1, 2, 3];
  const start: Vec3 = [1, 2, 8];
  it('orbits around the target at constant distance', () => {
    const p = nudgeCamera(start, target, { azimuth: Math.PI / 2, polar: 0, zoom: 1 });
    expect(dist(p, target)).toBeCloseTo(5, 9);
    expect(p[0]).toBeCloseTo(6, 9);
    expect(p[1]).toBeCloseTo(2, 9);
    expect(p[2]).toBeCloseTo(3, 9);
  });
  it('moves up without passing over the pole', () => {
    let p = start;
    for (let i = 0; i < 40; i++) p = nudgeCamera(p, target, nudgeForKey('ArrowUp')!);
    expect(p[1]).toBeGreaterThan(target[1]);
    expect(p[1] - target[1]).toBeLessThan(5);
    expect(dist(p, target)).toBeCloseTo(5, 9);
  });
  it('zooms in and out', () => {
    const closer = nudgeCamera(start, target, nudgeForKey('+')!);
    expect(dist(closer, target)).toBeCloseTo(5 * 0.85, 9);
    const back = nudgeCamera(closer, target, nudgeForKey('-')!);
    expect(dist(back, target)).toBeCloseTo(5, 9);
    expect(nudgeForKey('x')).toBeNull();
  });
});
