// The trainer's parallel pieces in process: sparse Adam split over vertex ranges equals the
// unsplit update bit for bit; the async (pool) step equals the sync step; the budget planner
// scales the schedule up to spend the budget, within maxStepScale.
import { describe, expect, it } from 'vitest';
import { SerialKernelPool } from '../parallel/kernel-pool';
import { ENGINE_KERNELS } from '../parallel/registry';
import { restoreCheckpoint, serializeCheckpoint } from './checkpoint';
import { fitScene } from './fit';
import { makeGrid } from './grid';
import type { GradBuffers } from './marcher';
import { applyRange, gatherRange, makeMoments, mergeTouched, sparseAdamStep } from './sparse-adam';
import { standInCapture } from './stand-in';
import { Trainer } from './trainer';
import { FIT_PRESETS, type FitSchedule } from './types';

function randomState(seed: number) {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const grid = makeGrid({ min: [0, 0, 0], max: [1, 1, 1] }, [6, 5, 4], 4);
  grid.density.forEach((_, i) => { grid.density[i] = 4 * rnd() - 2; });
  grid.color.forEach((_, i) => { grid.color[i] = 2 * rnd() - 1; });
  const n = 6 * 5 * 4;
  const gs: GradBuffers[] = [0, 1].map(() => ({ density: new Float32Array(n), color: new Float32Array(n * 12), touched: new Uint8Array(n), list: new Int32Array(n), count: 0 }));
  for (const g of gs) {
    for (let k = 0; k < 40; k++) {
      const v = Math.floor(rnd() * n);
      if (!g.touched[v]) { g.touched[v] = 1; g.list[g.count++] = v; }
      g.density[v] += rnd() - 0.5;
      for (let q = 0; q < 12; q++) g.color[v * 12 + q] += rnd() - 0.5;
    }
  }
  return { grid, gs, m: makeMoments(grid) };
}

const ADAM = { lrDensity: 0.1, lrColor: 0.05, tvDensity: 1e-2, tvColor: 1e-2 };

describe('sparse Adam in vertex ranges', () => {
  it('gives the same update split into ranges as in one piece, and clears every chunk buffer', () => {
    const a = randomState(1), b = randomState(1);
    sparseAdamStep(a.grid, a.gs, a.m, ADAM);
    mergeTouched(b.gs);
    const n = b.gs[0].count, cuts = [0, 7, Math.floor(n / 2), n];
    for (let i = 0; i < 3; i++) gatherRange(b.grid, b.gs, ADAM, cuts[i], cuts[i + 1]);
    b.m.t++;
    for (let i = 2; i >= 0; i--) applyRange(b.grid, b.gs[0], b.m, ADAM, b.m.t, cuts[i], cuts[i + 1]);
    expect(Array.from(b.grid.density)).toEqual(Array.from(a.grid.density));
    expect(Array.from(b.grid.color)).toEqual(Array.from(a.grid.color));
    expect(Array.from(b.m.vC)).toEqual(Array.from(a.m.vC));
    for (const g of a.gs) {
      expect(g.count).toBe(0);
      expect(g.density.every((x) => x === 0) && g.color.every((x) => x === 0) && g.touched.every((x) => x === 0)).toBe(true);
    }
  });
});

const capture = standInCapture({ scene: 'demo', size: 24, train: 12, test: 2, supersample: 1, looseBounds: false });
const small: FitSchedule = { ...FIT_PRESETS.draft, stages: [{ voxels: 12 ** 3, steps: 8 }, { voxels: 18 ** 3, steps: 8 }], batchRays: 128, tvDensity: 1e-4, tvColor: 1e-4 };

describe('Trainer steps', () => {
  it('the pool step (async) equals the in-process step for the same chunk count', async () => {
    const a = new Trainer(capture, { schedule: small, seed: 2, chunks: 3 });
    const b = new Trainer(capture, { schedule: small, seed: 2, pool: new SerialKernelPool(ENGINE_KERNELS), chunks: 3 });
    while (!a.done) { const ma = a.trainStep(); const mb = await b.trainStepAsync(); expect(mb).toBe(ma); }
    expect(Array.from(b.grid.density)).toEqual(Array.from(a.grid.density));
  });

  it('records the thread count in checkpoints and resumes on a chunked trainer exactly', () => {
    const a = new Trainer(capture, { schedule: small, seed: 5, chunks: 2 });
    for (let i = 0; i < 10; i++) a.trainStep();
    const bytes = serializeCheckpoint(a, { preset: 'draft', seed: 5, elapsedSeconds: 1, threads: a.chunks });
    const r = restoreCheckpoint(bytes, capture, new SerialKernelPool(ENGINE_KERNELS));
    expect(r.meta.threads).toBe(2);
    const b = new Trainer(capture, { schedule: small, seed: 5, chunks: 2 });
    // The restored trainer has one chunk (its pool's thread count); continue both on one chunk
    // from the same state: identical, since the state alone determines the rest.
    for (let i = 0; i < 10; i++) b.trainStep();
    expect(Array.from(r.trainer.grid.density)).toEqual(Array.from(b.grid.density));
    while (!r.trainer.done) r.trainer.trainStep();
    expect(r.trainer.step).toBe(16);
  });
});

describe('budget planner', () => {
  it('scales the steps up to spend the budget, never past maxStepScale, and stays within it', async () => {
    const seconds = 4;
    const t0 = Date.now();
    const s = await fitScene(capture, { preset: 'draft', minutes: seconds / 60, seed: 0, previewEverySteps: 0, schedule: { ...small, maxStepScale: 400 } });
    const took = (Date.now() - t0) / 1000;
    expect(s.info.steps).toBeGreaterThan(16);
    expect(s.info.steps).toBeLessThanOrEqual(16 * 400);
    expect(s.info.threads).toBe(1);
    expect(took).toBeLessThan(seconds + 2);
    const capped = await fitScene(capture, { preset: 'draft', minutes: seconds / 60, seed: 0, previewEverySteps: 0, schedule: { ...small, maxStepScale: 3 } });
    expect(capped.info.stopReason).toBe('done');
    expect(capped.info.steps).toBeGreaterThan(16);
    expect(capped.info.steps).toBeLessThanOrEqual(48);
  });
});
