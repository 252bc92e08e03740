// NodeKernelPool on real worker threads: the trainer's result on 2 threads equals the in-process
// result with the same chunk count bit for bit, and differs from 1 chunk only by float
// summation order; bad input and kernel errors fail with clear messages; dispose() ends it.
import { afterAll, describe, expect, it } from 'vitest';
import { standInCapture } from '../../engine/recon/stand-in';
import { Trainer } from '../../engine/recon/trainer';
import { FIT_PRESETS, type FitSchedule } from '../../engine/recon/types';
import { NodeKernelPool } from './node-kernel-pool';

const capture = standInCapture({ scene: 'demo', size: 24, train: 12, test: 2, supersample: 1, looseBounds: false });
const schedule: FitSchedule = { ...FIT_PRESETS.draft, stages: [{ voxels: 12 ** 3, steps: 12 }, { voxels: 20 ** 3, steps: 12 }], batchRays: 256, tvDensity: 1e-4, tvColor: 1e-4 };
const pool = new NodeKernelPool(2);
afterAll(() => pool.dispose());

async function train(init: { pool?: NodeKernelPool; chunks?: number }): Promise<Trainer> {
  const t = new Trainer(capture, { schedule, seed: 3, ...init });
  while (!t.done) await t.trainStepAsync();
  return t;
}

describe('NodeKernelPool', () => {
  it('trains bit-identically to the in-process run with the same chunk count', async () => {
    const threaded = await train({ pool });
    const inProcess = await train({ chunks: 2 });
    expect(threaded.chunks).toBe(2);
    expect(threaded.grid.density.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(threaded.grid.density)).toEqual(Array.from(inProcess.grid.density));
    expect(Array.from(threaded.grid.color)).toEqual(Array.from(inProcess.grid.color));
    // One chunk sums the same gradients in another order: close, not necessarily equal.
    const single = await train({ chunks: 1 });
    let worst = 0;
    for (let i = 0; i < single.grid.density.length; i++) worst = Math.max(worst, Math.abs(single.grid.density[i] - threaded.grid.density[i]));
    expect(worst).toBeLessThan(1e-2);
    expect(single.grid.density.some((d) => d !== 0)).toBe(true);
  });

  it('refuses buffers outside shared memory, naming the buffer', async () => {
    await expect(pool.run('recon.march', { buffers: { density: new Float32Array(4) }, params: {} }, 2)).rejects.toThrow(/buffer "density" is not in shared memory/);
  });

  it('fails a run whose kernel is unknown or throws, and keeps working', async () => {
    await expect(pool.run('no-such-kernel', { buffers: {}, params: {} }, 2)).rejects.toThrow(/kernel "no-such-kernel" is not registered/);
    await expect(pool.run('recon.adam-gather', { buffers: {}, params: {} }, 2)).rejects.toThrow(/kernel failed/);
    expect(await pool.run('recon.adam-gather', { buffers: {}, params: { chunks: 0, count: 0, grid: { nx: 1, ny: 1, nz: 1, k: 1 }, adam: {} } }, 2)).toHaveLength(2);
  });

  it('ends its threads on dispose and refuses to run afterwards', async () => {
    const p = new NodeKernelPool(2);
    await p.dispose();
    await p.dispose();
    await expect(p.run('recon.march', { buffers: {}, params: {} }, 1)).rejects.toThrow(/after dispose/);
    expect(() => new NodeKernelPool(0)).toThrow(/threads has bad value 0/);
  });
});
