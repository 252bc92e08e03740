// FittedScene <-> bytes (versioned container with header and CRC-32, see binary.ts), and the
// conversion from a trainer's state.
// Version 2 adds `space`, `sceneType` and `cropBox` to the header; version 1 files (no such
// fields) still load as world-space object scenes without a crop box.
import type { Capture } from '../data/types';
import { packBinary, unpackBinary } from './binary';
import { shCoefCount } from './grid';
import { checkSpace } from './space';
import type { Trainer } from './trainer';
import { exposureSummary } from './exposure';
import type { FittedScene, FitPreset, StopReason } from './types';

const MAGIC = 'PXSCENE\0';
const VERSION = 2;

export function trainerToScene(
  t: Trainer, capture: Capture, info: { preset: FitPreset; seed: number; seconds: number; stopReason: StopReason; threads?: number },
): FittedScene {
  const g = t.grid;
  return {
    version: 1,
    aabb: { min: [...g.aabb.min], max: [...g.aabb.max] },
    ...(g.space ? { space: g.space } : {}),
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
    info: { ...info, steps: t.step, ...(t.exposure ? { exposure: exposureSummary(t.exposure) } : {}) },
  };
}

export function serializeScene(s: FittedScene): Uint8Array {
  const { density, color, ...rest } = s;
  return packBinary(MAGIC, VERSION, { kind: 'parallax-scene', ...rest }, { density, color });
}

export function deserializeScene(bytes: Uint8Array): FittedScene {
  const { header: h, arrays, version } = unpackBinary(bytes, MAGIC, VERSION, 'scene file');
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
  const box = (f: string, b: unknown) => {
    const a = b as FittedScene['aabb'];
    const ok = (v: unknown) => Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!a || !ok(a.min) || !ok(a.max) || a.min.some((v, i) => !(a.max[i] > v))) bad(f, b);
    return { min: [...a.min], max: [...a.max] } as FittedScene['aabb'];
  };
  const extra: Partial<FittedScene> = {};
  if (version >= 2) {
    if (h.space !== undefined) extra.space = checkSpace(h.space, bad);
    if (h.sceneType !== undefined) {
      if (!['object', 'unbounded', 'forward-facing'].includes(h.sceneType as string)) bad('sceneType', h.sceneType);
      extra.sceneType = h.sceneType as FittedScene['sceneType'];
    }
    if (h.cropBox !== undefined) extra.cropBox = box('cropBox', h.cropBox);
  }
  return {
    ...extra,
    version: 1, aabb, resolution: res as [number, number, number], shDegree: deg as 0 | 1 | 2,
    density: density as Float32Array, color: color as Float32Array,
    densityShift: h.densityShift as number, densityScale: h.densityScale as number, stepRatio: h.stepRatio as number,
    background: h.background as [number, number, number], near: h.near as number, far: h.far as number,
    info: h.info as FittedScene['info'],
  };
}
