// A seeded random SplatScene for tests, fixtures and benchmarks: plausible 3DGS values before
// activation (log-scales around e^-4, logits in [-4, 4], unnormalised quaternions, SH within the
// [-1, 1] range the compressed formats assume). Deterministic given the seed (mulberry32).
import { allocateSplatScene, shCoefficientsPerChannel } from '../types';
import type { ShDegree, SplatScene } from '../types';
import { mulberry32 } from '../../data/procedural/prng';

export interface RandomSplatOptions {
  seed: number;
  /** Half-extent of the cube the centres fill (scene units). */
  extent: number;
  background: [number, number, number];
}

export const RANDOM_SPLAT_DEFAULTS: RandomSplatOptions = { seed: 1, extent: 1, background: [1, 1, 1] };

export function randomSplatScene(count: number, shDegree: ShDegree, options: Partial<RandomSplatOptions> = {}): SplatScene {
  const o = { ...RANDOM_SPLAT_DEFAULTS, ...options };
  const rnd = mulberry32(o.seed);
  const u = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  const s = allocateSplatScene(count, shDegree, o.background);
  const rest = 3 * (shCoefficientsPerChannel(shDegree) - 1);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < 3; k++) {
      s.positions[3 * i + k] = u(-o.extent, o.extent);
      s.logScales[3 * i + k] = u(-6, -2);
      s.shDc[3 * i + k] = u(-1.5, 1.5);
    }
    for (let k = 0; k < 4; k++) s.rotations[4 * i + k] = u(-1, 1);
    s.opacityLogits[i] = u(-4, 4);
    for (let k = 0; k < rest; k++) s.shRest[rest * i + k] = u(-0.9, 0.9);
  }
  return s;
}
