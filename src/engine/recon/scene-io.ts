// FittedScene <-> bytes (versioned container with header and CRC-32, see binary.ts), and the
// conversion from a trainer's state.
import type { Capture } from '../data/types';
import { packBinary, unpackBinary } from './binary';
import { shCoefCount } from './grid';
import type { Trainer } from './trainer';
import type { FittedScene, FitPreset, StopReason } from './types';

const MAGIC = 'PXSCENE\0';
const VERSION = 1;

export function trainerToScene(
  t: Trainer, capture: Capture, info: { preset: FitPreset; seed: number; seconds: number; stopReason: StopReason; threads?: number },
): FittedScene {
  const g = t.grid;
  return {
    version: 1,
    aabb: { min: [...g.aabb.min], max: [...g.aabb.max] },
    resolution: [g.nx, g.ny, g.nz],
    shDegree: t.schedule.shDegree,
    density: g.density.slice(),
    color: g.color.slice(),
    densityShift: t.shift,
    densityScale: t.scale,
    stepRatio: t.schedule.stepRatio,
    background: [...capture.background],
    near: capture.near,
    far: capture.far,
    info: { ...info, steps: t.step },
  };
}

export function serializeScene(s: FittedScene): Uint8Array {
  const { density, color, ...rest } = s;
  return packBinary(MAGIC, VERSION, { kind: 'parallax-scene', ...rest }, { density, color });
}

export function deserializeScene(bytes: Uint8Array): FittedScene {
  const { header: h, arrays } = unpackBinary(bytes, MAGIC, VERSION, 'scene file');
  const bad = (field: string, value: unknown): never => {
    throw new Error(`scene file: field "${field}" has bad value ${JSON.stringify(value)}`);
  };
  const res = h.resolution as number[];
  if (!Array.isArray(res) || res.length !== 3 || res.some((n) => !Number.isInteger(n) || n < 2)) bad('resolution', res);
  const deg = h.shDegree;
  if (deg !== 0 && deg !== 1 && deg !== 2) bad('shDegree', deg);
  const n = res[0] * res[1] * res[2];
  const density = arrays.density, color = arrays.color;
  if (!(density instanceof Float32Array) || density.length !== n) bad('arrays.density.length', density?.length);
  if (!(color instanceof Float32Array) || color.length !== n * 3 * shCoefCount(deg as number)) bad('arrays.color.length', color?.length);
  const aabb = h.aabb as FittedScene['aabb'];
  if (!aabb || !Array.isArray(aabb.min) || !Array.isArray(aabb.max) || aabb.min.some((v, i) => !(aabb.max[i] > v))) bad('aabb', aabb);
  for (const f of ['densityShift', 'densityScale', 'stepRatio', 'near', 'far'] as const) {
    if (typeof h[f] !== 'number' || !Number.isFinite(h[f])) bad(f, h[f]);
  }
  return {
    version: 1, aabb, resolution: res as [number, number, number], shDegree: deg as 0 | 1 | 2,
    density: density as Float32Array, color: color as Float32Array,
    densityShift: h.densityShift as number, densityScale: h.densityScale as number, stepRatio: h.stepRatio as number,
    background: h.background as [number, number, number], near: h.near as number, far: h.far as number,
    info: h.info as FittedScene['info'],
  };
}
