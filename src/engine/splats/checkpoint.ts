// Splat fit checkpoints: everything the trainer needs to continue bit-exactly (Gaussians, Adam
// moments, densification statistics, step, active SH degree, RNG state, schedule), in the
// engine's versioned binary container (recon/binary.ts).
import type { Capture } from '../data/types';
import type { KernelPool } from '../parallel/kernel-pool';
import { packBinary, unpackBinary, type PackedArray } from '../recon/binary';
import { Prng } from '../recon/prng';
import { PARAM_KEYS } from './params';
import type { PlanRecord } from './planner';
import type { SplatSchedule } from './schedule';
import { SplatTrainer } from './trainer';
import type { SplatScene } from './types';

const MAGIC = 'PXSPLCK\0';
const VERSION = 1;

export interface SplatCheckpointMeta {
  seed: number; elapsedSeconds: number; randomInitCount: number;
  /** 'auto': the iteration count is planned from the time budget (planner.ts); absent in old checkpoints = 'fixed'. */
  iterationsMode?: 'auto' | 'fixed';
  /** The auto plan's history (its last entry is the count in force, also in the saved schedule). */
  plans?: PlanRecord[];
  /** The caller's schedule overrides, re-applied when a resumed auto fit re-plans. */
  scheduleOverrides?: Partial<SplatSchedule>;
}

/** Identifies the capture a checkpoint belongs to: view files, sizes and split. */
export function captureFingerprint(c: Capture): string {
  return c.views.map((v) => `${v.file}:${v.image.width}x${v.image.height}:${v.split}`).join('|');
}

export function serializeSplatCheckpoint(t: SplatTrainer, meta: SplatCheckpointMeta, capture: Capture): Uint8Array {
  const st = t.store, n = st.count;
  const arrays: Record<string, PackedArray> = { rng: new Uint32Array(t.rng.state) };
  for (const k of PARAM_KEYS) {
    const len = n * st.widths[k];
    arrays[`p_${k}`] = st.params[k].slice(0, len); arrays[`m_${k}`] = st.m[k].slice(0, len); arrays[`v_${k}`] = st.v[k].slice(0, len);
  }
  arrays.gradAccum = st.gradAccum.slice(0, n); arrays.denom = st.denom.slice(0, n); arrays.maxRadii = st.maxRadii.slice(0, n);
  const header = {
    kind: 'parallax-splat-checkpoint', ...meta, schedule: t.schedule, step: t.step, activeDegree: t.activeDegree,
    count: n, gradChunks: t.rast.gradChunks, fingerprint: captureFingerprint(capture),
  };
  return packBinary(MAGIC, VERSION, header, arrays);
}

export function restoreSplatCheckpoint(bytes: Uint8Array, capture: Capture, pool?: KernelPool): { trainer: SplatTrainer; meta: SplatCheckpointMeta } {
  const { header: h, arrays: a } = unpackBinary(bytes, MAGIC, VERSION, 'splat checkpoint');
  const need = (name: string) => {
    if (!(name in a)) throw new Error(`splat checkpoint: array "${name}" is missing; the file is corrupt`);
    return a[name] as Float32Array;
  };
  if (h.fingerprint !== captureFingerprint(capture)) {
    throw new Error('splat checkpoint: field "fingerprint" does not match this capture (the checkpoint belongs to another capture)');
  }
  const schedule = h.schedule as SplatSchedule, n = h.count as number;
  const scene = { version: 1, count: n, shDegree: schedule.shDegreeMax, background: [...capture.background] } as SplatScene;
  for (const k of PARAM_KEYS) scene[k] = need(`p_${k}`);
  const meta: SplatCheckpointMeta = {
    seed: h.seed as number, elapsedSeconds: h.elapsedSeconds as number, randomInitCount: h.randomInitCount as number,
    iterationsMode: h.iterationsMode === 'auto' ? 'auto' : 'fixed', plans: Array.isArray(h.plans) ? h.plans as PlanRecord[] : [],
    scheduleOverrides: (h.scheduleOverrides ?? {}) as Partial<SplatSchedule>,
  };
  const trainer = new SplatTrainer(capture, { schedule, seed: meta.seed, randomInitCount: meta.randomInitCount, pool, gradChunks: h.gradChunks as number, scene });
  const st = trainer.store;
  for (const k of PARAM_KEYS) { st.m[k].set(need(`m_${k}`)); st.v[k].set(need(`v_${k}`)); }
  st.gradAccum.set(need('gradAccum')); st.denom.set(need('denom')); st.maxRadii.set(need('maxRadii'));
  trainer.step = h.step as number;
  trainer.activeDegree = h.activeDegree as number;
  trainer.rng = new Prng(a.rng as Uint32Array);
  return { trainer, meta };
}
