// The fit runner with method "splats" on the bundled sample capture (downscaled, a few dozen
// steps): a splat scene folder whose splats.ply decodes to the trained count, a preview, held-out
// metrics and settings.method "splats", which the render runner then draws per camera.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSplatPly } from '../../../engine/splats/io';
import { run as fitRun } from './fit';
import type { RunnerContext } from './types';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

function ctx(params: unknown, stagingDir: string): RunnerContext {
  return {
    tf: undefined as never, backend: 'cpu', adapter: 'test', params, jobDir: stagingDir, stagingDir, resumeFrom: null, options: {},
    progress: () => {}, shouldStop: () => false, checkpoint: async () => {},
  };
}

describe('fit runner, method splats', () => {
  it('writes a splat scene folder with splats.ply, preview and held-out metrics', async () => {
    const staging = await mkdtemp(join(tmpdir(), 'px-splat-fit-')); dirs.push(staging);
    const captureDir = resolve('resources/sample-capture');
    const res = await fitRun(ctx({ captureDir, method: 'splats', iterations: 30, minutes: 5, maxSide: 32, threads: 1, sceneName: 'S' }, staging));
    expect(res.status).toBe('succeeded');
    if (res.status !== 'succeeded') return;
    const out = res.outputs[0];
    const fields = out.fields as { settings: Record<string, unknown>; metrics: Record<string, number> };
    expect(fields.settings.method).toBe('splats');
    expect(fields.settings.steps).toBe(30);
    expect(fields.settings.iterationsMode).toBe('fixed');
    expect(fields.metrics.psnr).toBeGreaterThan(5);
    const dir = join(staging, out.dir);
    expect((await readdir(dir)).sort()).toEqual(['preview.png', 'splats.ply']);
    const scene = decodeSplatPly(new Uint8Array(await readFile(join(dir, 'splats.ply'))));
    expect(scene.count).toBe(fields.metrics.gaussians);
    expect(existsSync(join(dir, 'scene.bin'))).toBe(false);
  }, 300_000);

  it('without iterations plans them from the budget and records the plan in the settings and metrics', async () => {
    const staging = await mkdtemp(join(tmpdir(), 'px-splat-auto-')); dirs.push(staging);
    const captureDir = resolve('resources/sample-capture');
    const res = await fitRun(ctx({ captureDir, method: 'splats', minutes: 0.25, maxSide: 32, threads: 1, sceneName: 'A' }, staging));
    expect(res.status).toBe('succeeded');
    if (res.status !== 'succeeded') return;
    const fields = res.outputs[0].fields as { settings: Record<string, unknown>; metrics: Record<string, number> };
    const plans = fields.settings.iterationPlans as { step: number; iterations: number }[];
    expect(fields.settings.iterationsMode).toBe('auto');
    expect(plans.length).toBeGreaterThanOrEqual(1);
    expect(plans.at(-1)!.iterations).toBe(fields.settings.iterations);
    expect(fields.metrics.iterations).toBe(fields.settings.iterations);
    // the plan, not the clock, ended the fit (the default would have been a fixed 3,000 steps)
    expect(fields.settings.stopReason).toBe('done');
    expect(fields.settings.steps).toBe(fields.settings.iterations);
    expect(fields.settings.iterations).not.toBe(3000);
  }, 300_000);
});
