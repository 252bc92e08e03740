import { describe, expect, it } from 'vitest';
import { densityShift, makeGrid } from './grid';
import { Marcher, type MarchParams } from './marcher';
import { CONTRACT_MAX_NORM, marchStart, stretchAt, toGrid, type SceneSpace } from './space';

const C: SceneSpace = { kind: 'contract', center: [1, 2, 3], radius: 2 };
const NDC: SceneSpace = { kind: 'ndc', origin: [0, 0, 5], rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], ax: 1, ay: 1, near: 2 };

describe('L∞ contraction (mip-NeRF 360 Eq. 10 with the max norm)', () => {
  const u = new Float64Array(3);
  it('is the identity inside the unit cube and continuous at its surface', () => {
    toGrid(C, 1 + 0.5 * 2, 2 - 0.9 * 2, 3 + 0.2 * 2, u);
    expect([...u].map((v) => +v.toFixed(12))).toEqual([0.5, -0.9, 0.2]);
    const inside = toGrid(C, 1 + 2 * (1 - 1e-9), 2, 3, u);
    const a = u[0];
    toGrid(C, 1 + 2 * (1 + 1e-9), 2, 3, u);
    expect(inside).toBeLessThan(1);
    expect(Math.abs(u[0] - a)).toBeLessThan(1e-8);
  });

  it('sends far points towards the cube [-2, 2]^3, corners included, monotonically', () => {
    let prev = 0;
    for (const s of [1.5, 3, 10, 100, 1e4]) {
      toGrid(C, 1 + 2 * s, 2 + 2 * s, 3 - 2 * s, u);
      expect(u[0]).toBeGreaterThan(prev);
      expect(u[0]).toBeCloseTo(u[1], 12);
      expect(u[2]).toBeCloseTo(-u[0], 12);
      prev = u[0];
    }
    // The diagonal reaches the cube's corner region: an L2 contraction would stop at 2 / sqrt(3) = 1.155.
    expect(prev).toBeGreaterThan(1.99);
    expect(prev).toBeLessThan(2);
  });
});

describe('NDC of the reference camera', () => {
  const u = new Float64Array(3);
  it('maps the near plane to z = -1 and far depths towards +1, linear in disparity', () => {
    toGrid(NDC, 0.5, 0.25, 5 - 2, u);
    expect(u[2]).toBeCloseTo(-1, 12);
    expect(u[0]).toBeCloseTo(0.25, 12);
    expect(u[1]).toBeCloseTo(0.125, 12);
    toGrid(NDC, 0, 0, 5 - 4, u);
    expect(u[2]).toBeCloseTo(0, 12);
    toGrid(NDC, 0, 0, 5 - 1e6, u);
    expect(u[2]).toBeGreaterThan(0.9999);
    expect(marchStart(NDC, 0, 0, 5, 0, 0, -1, 0)).toBeCloseTo(2, 12);
  });
});

describe('mapped marching', () => {
  it('places samples about uniformly in contracted coordinates, out to the end of space, under the cap', () => {
    const u = new Float64Array(3), v = new Float64Array(3);
    const dc = 0.02;
    const dir = [0.6, 0.48, 0.64];
    let t = 0, steps = 0, maxChord = 0, minChord = Infinity;
    while (steps < 5000) {
      const x = [1 + t * dir[0], 2 + t * dir[1], 3 + t * dir[2]];
      const s = toGrid(C, x[0], x[1], x[2], u);
      if (s > CONTRACT_MAX_NORM) break;
      const tn = t + dc / stretchAt(C, x[0], x[1], x[2], dir[0], dir[1], dir[2]);
      toGrid(C, 1 + tn * dir[0], 2 + tn * dir[1], 3 + tn * dir[2], v);
      const chord = Math.hypot(v[0] - u[0], v[1] - u[1], v[2] - u[2]);
      maxChord = Math.max(maxChord, chord); minChord = Math.min(minChord, chord);
      t = tn; steps++;
    }
    // From the centre to u = 1.98 along this ray is ~2.5 contracted units: ~125 steps of 0.02.
    expect(steps).toBeGreaterThan(80);
    expect(steps).toBeLessThan(200);
    expect(maxChord / minChord).toBeLessThan(2.5);
  });

  it('renders a background shell far outside the unit ball (modelled, not clipped)', () => {
    const grid = makeGrid({ min: [-2, -2, -2], max: [2, 2, 2] }, [33, 33, 33], 1, C);
    // Dense shell at contracted radius 1.8 (world distance 2 / (2 - 1.8) = 10 radii away).
    for (let z = 0; z < 33; z++) for (let y = 0; y < 33; y++) for (let x = 0; x < 33; x++) {
      const p = [x, y, z].map((i) => -2 + i * 0.125);
      const s = Math.max(...p.map(Math.abs));
      const i = x + 33 * (y + 33 * z);
      grid.density[i] = Math.abs(s - 1.8) < 0.13 ? 30 : -30;
      grid.color[3 * i] = 20; // red DC: sigmoid(0.282 * 20) = 0.996
    }
    const p: MarchParams = { shift: densityShift(1e-4, 0.5), scale: 8, dt: 0.0625, near: 0, far: 1e9, weightThreshold: 0, entropyWeight: 0, background: [0, 0, 0] };
    const m = new Marcher();
    m.forward(grid, null, p, 1, 2, 3, 0, 0, -1, 0.5, true);
    expect(m.opacity).toBeGreaterThan(0.99);
    expect(m.r).toBeGreaterThan(0.9);
    // Expected termination near world distance radius * 1 / (2 - 1.8) = 2 * 5 = 10 (the shell's inner side is nearer).
    expect(m.depth / m.opacity).toBeGreaterThan(6);
    expect(m.depth / m.opacity).toBeLessThan(12);
    expect(m.count).toBeLessThan(200);
  });
});
