// Through the Studio service (real job manager, worker threads, wasm): import the shipped default
// model (idempotent), generate N scenes from a photo capture, fine-tune a model from captures.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../engine/testing/backends';
import type { StudioEvent } from '../../shared';
import { createStudioService, type StudioService } from '../studio/studio-service';
import { Workspace } from '../workspace';
import { writeTinyModel, writeToyCapture } from './testing/fixtures';

let base = '';
let service: StudioService | null = null;
afterAll(async () => {
  await service?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

async function addCapture(ws: Workspace, name: string, seed: number, views: number): Promise<string> {
  const staging = await ws.createStaging('test');
  await writeToyCapture(join(staging, 'capture'), seed, views);
  const item = await ws.commitItem('capture', name, staging, { format: 'blender', root: 'capture', imageCount: views });
  return item.id;
}

describe('studio: generative jobs', () => {
  let photoId = ''; let capIds: string[] = [];
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'px-studio-gen-'));
    const s = await useBackend('wasm');
    if (!s.ok) throw new Error(s.reason);
    await mkdir(join(base, 'resources', 'models'), { recursive: true });
    await writeTinyModel(s.tf, join(base, 'resources', 'models', 'default-dfm.plxm'));
    const ws = await Workspace.open(join(base, 'ws'));
    photoId = await addCapture(ws, 'Toy photo', 5, 1);
    capIds = [await addCapture(ws, 'Toy A', 3, 4), await addCapture(ws, 'Toy B', 4, 4)];
    service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'wasm', resourcesDir: join(base, 'resources') });
  });

  it('importDefaultModel makes one "Default DFM model" item, then returns it again', async () => {
    const s = service!;
    const a = await s.importDefaultModel({});
    const b = await s.importDefaultModel({});
    expect(b.id).toBe(a.id);
    if (a.status !== 'ok' || a.manifest.kind !== 'model') throw new Error('model item not ok');
    expect(a.manifest).toMatchObject({ name: 'Default DFM model', method: 'dfm', file: 'model.plxm' });
    expect(a.manifest.provenance).toMatchObject({ dataset: 'test', source: 'shipped-default' });
    expect(a.manifest.provenance.checksum).toMatch(/^[0-9a-f]{8}$/);
    expect(await s.listItems({ kind: 'model' })).toHaveLength(1);
  });

  it('a sample job ends with N scene items sharing the job id as groupId', async () => {
    const s = service!;
    const model = (await s.listItems({ kind: 'model' }))[0];
    const events: StudioEvent[] = [];
    const off = s.onEvent((e) => events.push(e));
    const job = await s.startJob({ kind: 'sample', captureId: photoId, modelId: model.id, samples: 2, steps: 2, seed: 3 });
    const done = await s.whenJobSettled(job.id);
    off();
    expect(done.state, done.error ?? '').toBe('succeeded');
    const scenes = (await s.listItems({ kind: 'scene' })).filter((i) => i.status === 'ok' && i.manifest.kind === 'scene' && i.manifest.settings.groupId === job.id);
    expect(scenes).toHaveLength(2);
    expect(done.resultIds.sort()).toEqual(scenes.map((i) => i.id).sort());
    for (const i of scenes) {
      if (i.status !== 'ok' || i.manifest.kind !== 'scene') continue;
      expect(i.manifest).toMatchObject({ origin: 'sample', sourceId: photoId, settings: { modelId: model.id, captureId: photoId, samples: 2, steps: 2 } });
      for (const f of Object.values(i.manifest.files)) expect(existsSync(join(base, 'ws', 'scenes', i.id, f!))).toBe(true);
    }
    const progress = events.filter((e): e is Extract<StudioEvent, { type: 'progress' }> => e.type === 'progress' && e.jobId === job.id);
    expect(progress.some((e) => /^sample 2\/2, step \d\/2$/.test(e.progress.message ?? ''))).toBe(true);
    expect(progress.some((e) => e.progress.preview)).toBe(true);
  });

  it('a sample job cancelled after its first sample resumes without redoing it', async () => {
    const s = service!;
    const model = (await s.listItems({ kind: 'model' }))[0];
    const job = await s.startJob({ kind: 'sample', captureId: photoId, modelId: model.id, samples: 2, steps: 60, seed: 11 });
    let cancelled = false;
    const steps: number[] = [];
    const off = s.onEvent((e) => {
      if (e.type === 'progress' && e.jobId === job.id && !cancelled && /^sample 2\/2, step/.test(e.progress.message ?? '')) {
        cancelled = true;
        void s.cancelJob({ jobId: job.id });
      }
      if (e.type === 'progress' && e.jobId === job.id && cancelled && /step/.test(e.progress.message ?? '')) steps.push(e.progress.step);
    });
    const stopped = await s.whenJobSettled(job.id);
    expect(stopped.state).toBe('cancelled');
    expect(stopped.checkpointStep).toBe(60);
    steps.length = 0;
    await s.resumeJob({ jobId: job.id });
    const done = await s.whenJobSettled(job.id);
    off();
    expect(done.state, done.error ?? '').toBe('succeeded');
    expect(done.resultIds).toHaveLength(2);
    // The resumed run only reports sample 2's steps (61..120): sample 1 came from the checkpoint.
    expect(steps.length).toBeGreaterThan(0);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(61);
  });

  it('a train job fine-tunes a base model item into a new model item', async () => {
    const s = service!;
    const baseModel = (await s.listItems({ kind: 'model' }))[0];
    const job = await s.startJob({ kind: 'train', captureIds: capIds, baseModelId: baseModel.id, steps: 2, modelName: 'My toys' });
    const done = await s.whenJobSettled(job.id);
    expect(done.state, done.error ?? '').toBe('succeeded');
    const item = await s.getItem({ kind: 'model', id: done.resultIds[0] });
    if (item.status !== 'ok' || item.manifest.kind !== 'model') throw new Error('model item not ok');
    expect(item.manifest).toMatchObject({ name: 'My toys', method: 'dfm', provenance: { captureIds: capIds, steps: 2, baseModelId: baseModel.id } });
    expect(await s.listItems({ kind: 'model' })).toHaveLength(2);
    expect(existsSync(join(base, 'ws', 'models', item.id, 'model.plxm'))).toBe(true);
  });

  it('a cancelled train job resumes from its checkpoint and finishes', async () => {
    const s = service!;
    const baseModel = (await s.listItems({ kind: 'model' })).find((i) => i.status === 'ok' && i.manifest.name === 'Default DFM model')!;
    const job = await s.startJob({ kind: 'train', captureIds: capIds, baseModelId: baseModel.id, steps: 40 });
    let cancelled = false;
    const off = s.onEvent((e) => {
      if (e.type === 'progress' && e.jobId === job.id && e.progress.step >= 2 && !cancelled) { cancelled = true; void s.cancelJob({ jobId: job.id }); }
    });
    const stopped = await s.whenJobSettled(job.id);
    off();
    expect(stopped.state).toBe('cancelled');
    expect(stopped.checkpointStep).toBeGreaterThanOrEqual(2);
    expect(stopped.checkpointStep).toBeLessThan(40);
    await s.resumeJob({ jobId: job.id });
    const done = await s.whenJobSettled(job.id);
    expect(done.state, done.error ?? '').toBe('succeeded');
    const item = await s.getItem({ kind: 'model', id: done.resultIds[0] });
    expect(item.status === 'ok' && item.manifest.kind === 'model' && item.manifest.provenance.steps).toBe(40);
  });
});
