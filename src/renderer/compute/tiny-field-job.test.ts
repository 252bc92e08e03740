// The compute host's tiny-field job, run in Node on tfjs's cpu backend (the same code the
// renderer's worker runs on WebGPU/WebGL): a fixed seed, 0 included, reproduces the run.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../engine/testing/backends';
import type { Tf } from '../../engine/tf';
import { TINY_FIELD_DEFAULTS } from '../../shared/compute-protocol';
import { runTinyFieldJob } from './tiny-field-job';

let tf: Tf;
beforeAll(async () => {
  const status = await useBackend('cpu');
  if (!status.ok) throw new Error(status.reason);
  tf = status.tf;
});

async function losses(seed: number): Promise<number[]> {
  const job = { kind: 'tiny-field' as const, ...TINY_FIELD_DEFAULTS, steps: 4, seed };
  const perStep: number[] = [];
  const result = await runTinyFieldJob(tf, job, { progress: (p) => perStep.push(p.losses.loss), shouldStop: () => false });
  expect(result.status).toBe('succeeded');
  expect(result.leakedTensors).toBe(0);
  return perStep;
}

describe('runTinyFieldJob seeds', () => {
  it('reproduces a run with seed 0 (tfjs alone would draw an unseeded init)', async () => {
    const first = await losses(0);
    expect(first).toHaveLength(4);
    expect(await losses(0)).toEqual(first);
    expect(await losses(1)).not.toEqual(first);
  });
});
