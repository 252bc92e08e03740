import { describe, expect, it } from 'vitest';
import { densityShift, makeGrid, shCoefCount } from './grid';
import { Marcher, makeGradBuffers, type MarchParams } from './marcher';
import { Prng } from './prng';
import type { SceneSpace } from './space';

// Loss L = sum_rays sum_c (C_c - target_c)^2 through the marcher; compare the analytic
// gradient with central finite differences in float64-friendly settings.
// Mapped spaces: a contracted grid over [-2, 2]^3 with rays from inside the unit ball going out
// to the contracted boundary, and an NDC grid seen from a camera at +z looking down -z.
const CONTRACT: SceneSpace = { kind: 'contract', center: [0.1, -0.2, 0], radius: 1.5 };
const NDC: SceneSpace = { kind: 'ndc', origin: [0, 0, 3], rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], ax: 1.2, ay: 1.1, near: 1 };

function setup(deg: number, space?: SceneSpace) {
  const rng = new Prng(3);
  const box = space?.kind === 'contract' ? { min: [-2, -2, -2], max: [2, 2, 2] } as const
    : space?.kind === 'ndc' ? { min: [-1.5, -1.5, -1], max: [1.5, 1.5, 1] } as const : { min: [-1, -1, -1], max: [1, 1, 1] } as const;
  const grid = makeGrid({ min: [...box.min], max: [...box.max] }, [5, 4, 6], shCoefCount(deg), space);
  for (let i = 0; i < grid.density.length; i++) grid.density[i] = (rng.next() - 0.3) * 6;
  for (let i = 0; i < grid.color.length; i++) grid.color[i] = (rng.next() - 0.5) * 3;
  const params: MarchParams = {
    shift: densityShift(0.01, 0.5), scale: 2, dt: 0.13, near: 0.1, far: space ? 1e4 : 10, weightThreshold: 0, entropyWeight: 0.3, background: [0.9, 0.8, 1],
  };
  if (space?.kind === 'contract') params.scale = 0.5;
  const rays: number[][] = [];
  for (let r = 0; r < 6; r++) {
    const o = space?.kind === 'contract' ? [0.5 * (rng.next() - 0.5), 0.5 * (rng.next() - 0.5), 1.0]
      : [3 * (rng.next() - 0.5), 3 * (rng.next() - 0.5), 3];
    const t = [(rng.next() - 0.5), (rng.next() - 0.5), (rng.next() - 0.5)];
    const d = [t[0] - o[0], t[1] - o[1], t[2] - o[2]];
    const n = Math.hypot(d[0], d[1], d[2]);
    rays.push([...o, d[0] / n, d[1] / n, d[2] / n, rng.next(), rng.next(), rng.next(), rng.next()]);
  }
  return { grid, params, rays };
}

function loss(m: Marcher, s: ReturnType<typeof setup>, grads: ReturnType<typeof makeGradBuffers> | null): number {
  let L = 0;
  for (const r of s.rays) {
    m.forward(s.grid, null, s.params, r[0], r[1], r[2], r[3], r[4], r[5], r[9], grads !== null);
    const e = [m.r - r[6], m.g - r[7], m.b - r[8]];
    const T = Math.min(Math.max(1 - m.opacity, 1e-6), 1 - 1e-6), o = 1 - T;
    L += e[0] ** 2 + e[1] ** 2 + e[2] ** 2 + s.params.entropyWeight * (-o * Math.log(o) - T * Math.log(T));
    if (grads) m.backward(s.grid, s.params, 2 * e[0], 2 * e[1], 2 * e[2], grads);
  }
  return L;
}

describe('Marcher backward', () => {
  const cases: Array<[number, SceneSpace | undefined]> = [[0, undefined], [1, undefined], [2, undefined], [0, CONTRACT], [1, CONTRACT], [1, NDC]];
  for (const [deg, space] of cases) {
    it(`matches finite differences (SH degree ${deg}, ${space?.kind ?? 'world'} space)`, () => {
      const s = setup(deg, space);
      const m = new Marcher();
      const g = makeGradBuffers(s.grid);
      loss(m, s, g);
      expect(g.count).toBeGreaterThan(20);
      const check = (arr: Float32Array, grad: Float32Array) => {
        let checked = 0, maxErr = 0;
        for (let i = 0; i < arr.length; i += 3) {
          const v = arr[i], h = 1e-2;
          arr[i] = v + h; const lp = loss(m, s, null);
          arr[i] = v - h; const lm = loss(m, s, null);
          arr[i] = v;
          const fd = (lp - lm) / (2 * h);
          if (Math.abs(fd) > 1e-4) checked++;
          maxErr = Math.max(maxErr, Math.abs(fd - grad[i]) / Math.max(1e-3, Math.abs(fd)));
        }
        return { checked, maxErr };
      };
      const d = check(s.grid.density, g.density);
      const c = check(s.grid.color, g.color);
      expect(d.checked).toBeGreaterThan(5);
      expect(c.checked).toBeGreaterThan(5);
      expect(d.maxErr).toBeLessThan(2e-2);
      expect(c.maxErr).toBeLessThan(2e-2);
    });
  }

  it('treats rays that miss the box as background', () => {
    const s = setup(0);
    const m = new Marcher();
    m.forward(s.grid, null, s.params, 5, 5, 5, 0, 0, 1, 0.5, true);
    expect([m.r, m.g, m.b]).toEqual([0.9, 0.8, 1]);
    expect(m.count).toBe(0);
  });
});
