// Fit checkpoints: the complete optimiser state (grid, Adam moments and step, stage, RNG
// state, occupancy mask, schedule) so that a resumed fit continues bit-exactly.
import type { Capture } from '../data/types';
import { packBinary, unpackBinary } from './binary';
import type { KernelPool } from '../parallel/kernel-pool';
import { makeGrid } from './grid';
import { Prng } from './prng';
import { checkSpace, type SceneType } from './space';
import { Trainer } from './trainer';
import type { Aabb, FitPreset, FitSchedule } from './types';

const MAGIC = 'PXFITCK\0';
const VERSION = 1;

export interface CheckpointMeta {
  preset: FitPreset;
  seed: number;
  /** Seconds of training already spent before this checkpoint. */
  elapsedSeconds: number;
  /**
   * Threads (= batch chunks) the fit ran on. A resume on another count continues correctly but
   * not bit-exactly (gradients are summed in another order). Absent in older checkpoints.
   */
  threads?: number;
}

export function serializeCheckpoint(t: Trainer, meta: CheckpointMeta): Uint8Array {
  const g = t.grid;
  const header = {
    kind: 'parallax-fit-checkpoint', ...meta, schedule: t.schedule, step: t.step, stage: t.stage,
    adamT: t.moments.t, dims: [g.nx, g.ny, g.nz], aabb: g.aabb, fingerprint: t.rays.fingerprint,
    hasOcc: t.occ !== null, space: t.grid.space, ...(t.exposure ? { exposureT: t.exposure.t } : {}),
  };
  const arrays: Record<string, Float32Array | Uint8Array | Uint32Array> = {
    rng: new Uint32Array(t.rng.state), density: g.density, color: g.color,
    mD: t.moments.mD, vD: t.moments.vD, mC: t.moments.mC, vC: t.moments.vC,
  };
  if (t.occ) arrays.occ = t.occ;
  if (t.exposure) { arrays.exposure = t.exposure.params; arrays.mE = t.exposure.m; arrays.vE = t.exposure.v; }
  return packBinary(MAGIC, VERSION, header, arrays);
}

/** The scene type a checkpoint was fitted as (its grid space), so a resume plans the same scene. */
export function checkpointSceneType(bytes: Uint8Array): SceneType {
  const kind = (unpackBinary(bytes, MAGIC, VERSION, 'fit checkpoint').header.space as { kind?: string } | undefined)?.kind;
  return kind === 'contract' ? 'unbounded' : kind === 'ndc' ? 'forward-facing' : 'object';
}

/** Rebuild a trainer from a checkpoint; the capture must be the one the fit started on. */
export function restoreCheckpoint(bytes: Uint8Array, capture: Capture, pool?: KernelPool): { trainer: Trainer; meta: CheckpointMeta } {
  const { header: h, arrays: a } = unpackBinary(bytes, MAGIC, VERSION, 'fit checkpoint');
  const need = (name: string) => {
    if (!(name in a)) throw new Error(`fit checkpoint: array "${name}" is missing; the file is corrupt`);
    return a[name];
  };
  const schedule = h.schedule as FitSchedule;
  const space = h.space === undefined ? undefined : checkSpace(h.space, (f, v) => {
    throw new Error(`fit checkpoint: field "${f}" has bad value ${JSON.stringify(v)}`);
  });
  const trainer = new Trainer(capture, { schedule, seed: 0, space, pool });
  if (h.fingerprint !== trainer.rays.fingerprint) {
    throw new Error('fit checkpoint: field "fingerprint" does not match this capture (the checkpoint belongs to another capture)');
  }
  const dims = h.dims as [number, number, number];
  const grid = makeGrid(h.aabb as Aabb, dims, trainer.grid.k, space, trainer.floats);
  grid.density.set(need('density') as Float32Array);
  grid.color.set(need('color') as Float32Array);
  trainer.step = h.step as number;
  trainer.stage = h.stage as number;
  const shared = (name: string) => { const a = need(name) as Float32Array; const b = trainer.floats(a.length); b.set(a); return b; };
  trainer.setGrid(grid, { mD: shared('mD'), vD: shared('vD'), mC: shared('mC'), vC: shared('vC'), t: h.adamT as number });
  if (h.hasOcc) {
    const occ = need('occ') as Uint8Array;
    trainer.occ = new Uint8Array(trainer.pool.alloc(occ.length));
    trainer.occ.set(occ);
  } else {
    trainer.occ = null;
  }
  if (trainer.exposure) {
    trainer.exposure.params.set(need('exposure') as Float32Array);
    trainer.exposure.m.set(need('mE') as Float32Array);
    trainer.exposure.v.set(need('vE') as Float32Array);
    trainer.exposure.t = h.exposureT as number;
  }
  trainer.rng = new Prng(need('rng') as Uint32Array);
  const meta: CheckpointMeta = { preset: h.preset as FitPreset, seed: h.seed as number, elapsedSeconds: h.elapsedSeconds as number };
  if (typeof h.threads === 'number') meta.threads = h.threads;
  return { trainer, meta };
}
