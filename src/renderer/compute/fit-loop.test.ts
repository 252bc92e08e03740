// The compute host's shared fitting loop, driven by both real jobs on tfjs's cpu backend: a stop
// request ends the run early with status 'stopped', every job tensor is freed, progress counts up.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../engine/testing/backends';
import type { Tf } from '../../engine/tf';
import { TINY_FIELD_DEFAULTS, VOLUME_FIT_DEFAULTS } from '../../shared/compute-protocol';
import { runTinyFieldJob } from './tiny-field-job';
import { runVolumeFitJob } from './volume-fit-job';

let tf: Tf;
beforeAll(async () => {
  const status = await useBackend('cpu');
  if (!status.ok) throw new Error(status.reason);
  tf = status.tf;
});

function stopAfter(steps: number) {
  const seen: number[] = [];
  return { seen, hooks: { progress: (p: { step: number }) => { seen.push(p.step); }, shouldStop: () => seen.length >= steps } };
}

describe('runFitLoop through the compute jobs', () => {
  it('tiny field: stops when asked, frees its tensors, reports each step', async () => {
    const { seen, hooks } = stopAfter(3);
    const r = await runTinyFieldJob(tf, { kind: 'tiny-field', ...TINY_FIELD_DEFAULTS, steps: 50, seed: 2 }, hooks);
    expect(r).toMatchObject({ status: 'stopped', steps: 3, leakedTensors: 0 });
    expect(seen).toEqual([1, 2, 3]);
    expect(r.losses.psnr).toBeCloseTo(-10 * Math.log10(r.losses.loss), 6);
  });

  it('volume fit: runs to the end, the loss is finite, nothing leaks', async () => {
    const { seen, hooks } = stopAfter(Infinity);
    const r = await runVolumeFitJob(tf, { kind: 'volume-fit', ...VOLUME_FIT_DEFAULTS, size: 16, views: 2, batchRays: 64, samples: 8, steps: 3, seed: 0 }, hooks);
    expect(r).toMatchObject({ status: 'succeeded', steps: 3, leakedTensors: 0 });
    expect(seen).toEqual([1, 2, 3]);
    expect(Number.isFinite(r.losses.loss)).toBe(true);
  });
});
