// A Gaussian splat fit through the studio service, as the Reconstruct dialog starts it: the
// method and iterations reach the splat runner (a splat scene with settings.method "splats");
// cancel stops it with a checkpoint, resume continues from that step (never from 0) and finishes
// the requested iterations. Also: resolveTask passes only the chosen method's options.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JobSpecSchema, type StudioEvent } from '../../shared';
import { demoScene, renderProceduralCapture } from '../../engine/data';
import { writeBlenderCapture } from '../capture-io';
import { resolveTask } from '../jobs/job-tasks';
import { FitParamsSchema } from '../jobs/runners/fit-params';
import { Workspace } from '../workspace';
import { createStudioService, type StudioService } from './studio-service';

let base = '';
let service: StudioService | null = null;
afterAll(async () => {
  await service?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

const ITERATIONS = 150;

describe('studio: Gaussian splat fit through the service', () => {
  it('resolveTask gives the runner the chosen method and only its options', async () => {
    base = await mkdtemp(join(tmpdir(), 'px-studio-splats-'));
    const { capture } = renderProceduralCapture({ scene: demoScene(), width: 48, height: 48, views: { train: 8, test: 2 }, supersample: 1 });
    await writeBlenderCapture(join(base, 'capture'), capture);
    service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'wasm' });
    const cap = await service.importCapture({ path: join(base, 'capture'), name: 'Still life' });
    const ws = await Workspace.open(join(base, 'ws'));
    const splats = await resolveTask(ws, JobSpecSchema.parse({ kind: 'fit', captureId: cap.id, method: 'splats', iterations: 300, minutes: 2 }));
    expect(splats.params).toMatchObject({ method: 'splats', iterations: 300, minutes: 2, sourceId: cap.id });
    expect(splats.params).not.toHaveProperty('preset');
    expect(FitParamsSchema.parse(splats.params)).toMatchObject({ method: 'splats', iterations: 300 });
    const voxels = await resolveTask(ws, JobSpecSchema.parse({ kind: 'fit', captureId: cap.id }));
    expect(voxels.params).toMatchObject({ method: 'voxels', preset: 'standard', minutes: 5 });
    expect(voxels.params).not.toHaveProperty('iterations');
  });

  it('cancel keeps a checkpoint; resume continues from it and makes a splat scene', async () => {
    const s = service!;
    const cap = (await s.listItems({ kind: 'capture' }))[0];
    const steps: number[] = [];
    let resumed = false;
    const resumedSteps: number[] = [];
    s.onEvent((e: StudioEvent) => {
      if (e.type !== 'progress' || e.progress.total <= 1) return;
      (resumed ? resumedSteps : steps).push(e.progress.step);
    });
    const job = await s.startJob({ kind: 'fit', captureId: cap.id, method: 'splats', iterations: ITERATIONS, minutes: 5 });
    const deadline = Date.now() + 120_000;
    while (!steps.some((x) => x > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(steps.some((x) => x > 0), 'training progress before cancel').toBe(true);
    await s.cancelJob({ jobId: job.id });
    const cancelled = await s.whenJobSettled(job.id);
    expect(cancelled.state, cancelled.error ?? '').toBe('cancelled');
    const checkpoint = cancelled.checkpointStep ?? 0;
    expect(checkpoint).toBeGreaterThan(0);
    expect(checkpoint).toBeLessThan(ITERATIONS);

    resumed = true;
    await s.resumeJob({ jobId: job.id });
    const done = await s.whenJobSettled(job.id);
    expect(done.state, done.error ?? '').toBe('succeeded');
    expect(resumedSteps.length).toBeGreaterThan(0);
    expect(Math.min(...resumedSteps), 'resumed progress starts at the checkpoint, not at 0').toBeGreaterThan(checkpoint);
    expect(Math.max(...resumedSteps)).toBe(ITERATIONS);

    const scene = await s.getItem({ kind: 'scene', id: done.resultIds[0] });
    if (scene.status !== 'ok' || scene.manifest.kind !== 'scene') throw new Error(`scene not ok: ${JSON.stringify(scene)}`);
    expect(scene.manifest.settings).toMatchObject({ method: 'splats', steps: ITERATIONS, iterations: ITERATIONS, stopReason: 'done' });
    expect(scene.manifest.metrics.gaussians).toBeGreaterThan(0);
    expect(scene.manifest.metrics.psnr).toBeGreaterThan(10);
    expect(existsSync(join(base, 'ws', 'scenes', scene.id, 'splats.ply'))).toBe(true);
    expect(scene.manifest.files.mesh).toBeUndefined();
  }, 300_000);
});
