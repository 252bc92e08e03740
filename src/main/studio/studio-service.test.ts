import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STUDIO_METHOD_NAMES, StudioError } from '../../shared';
import type { StudioEvent, StudioMethodName } from '../../shared';
import { createStudioService } from './studio-service';
import type { StudioService } from './studio-service';
import { TINY_RUNNER, addFixtureCapture } from './testing/fixtures';

type Service = StudioService;
let dir = '';
let service: Service | null = null;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'px-studio-')); });
afterEach(async () => {
  await service?.close();
  service = null;
  await rm(dir, { recursive: true, force: true });
});

async function open(runnerOptions: Record<string, unknown> = {}): Promise<Service> {
  service = (await createStudioService({
    workspaceDir: dir, host: 'web', backend: 'cpu', runnerModules: { fit: TINY_RUNNER }, runnerOptions,
  })) as Service;
  return service;
}

const BAD_ARGS: Record<StudioMethodName, [unknown, string]> = {
  getInfo: [{ verbose: true }, 'verbose'],
  listItems: [{ kind: 'banana' }, 'kind'],
  getItem: [{ kind: 'scene', id: '../etc' }, 'id'],
  renameItem: [{ kind: 'scene', id: 'abc', name: '' }, 'name'],
  deleteItem: [{ kind: 'scene' }, 'id'],
  listTrash: [{ all: 1 }, 'all'],
  restoreItem: [{ trashId: 'A/../B' }, 'trashId'],
  importCapture: [{ path: '' }, 'path'],
  importSampleCapture: [{ path: '/x' }, 'path'],
  importDefaultModel: [{ name: 'x' }, 'name'],
  getModelDomain: [{ modelId: 'Bad Id' }, 'modelId'],
  checkPhotoDomain: [{ captureId: '../x' }, 'captureId'],
  importDomainExample: [{ index: 7 }, 'index'],
  getCaptureCameras: [{ id: '../../etc' }, 'id'],
  setSceneCropBox: [{ id: 'abc', cropBox: { min: [0, 0, 0], max: [1, -1, 1] } }, 'cropBox.max.1'],
  getStatus: [{ verbose: true }, 'verbose'],
  saveItemFile: [{ kind: 'scene', id: 'abc', file: '../secret' }, 'file'],
  startJob: [{ kind: 'fit', captureId: 'abc', minutes: -1 }, 'minutes'],
  listJobs: [{ state: 'running' }, 'state'],
  cancelJob: [{ jobId: 'nope' }, 'jobId'],
  resumeJob: [{}, 'jobId'],
};

describe('createStudioService', () => {
  it('every method rejects malformed arguments with an error naming the field', async () => {
    const s = await open();
    expect(Object.keys(BAD_ARGS).sort()).toEqual([...STUDIO_METHOD_NAMES].sort());
    for (const name of STUDIO_METHOD_NAMES) {
      const [bad, field] = BAD_ARGS[name];
      const err = await (s[name] as (a: unknown) => Promise<unknown>)(bad).then(() => null, (e) => e);
      expect(err, name).toBeInstanceOf(StudioError);
      expect(err.code, name).toBe('invalid-argument');
      expect(err.field, name).toBe(field);
      expect(err.message, name).toContain(field);
    }
  });

  it('reports the backend and adapter the workers use', async () => {
    const s = await open();
    expect(await s.getInfo({})).toMatchObject({ backend: 'cpu', adapter: 'JavaScript CPU', workspace: dir, host: 'web' });
  });

  it('runs jobs one at a time and commits results to the workspace', async () => {
    const s = await open({ steps: 20, checkpointEvery: 5 });
    const events: StudioEvent[] = [];
    s.onEvent((e) => events.push(e));
    const captureId = await addFixtureCapture(dir);
    const a = await s.startJob({ kind: 'fit', captureId });
    const b = await s.startJob({ kind: 'fit', captureId, sceneName: 'Second' });
    expect((await s.listJobs({})).find((j) => j.id === b.id)?.state).toBe('queued');
    const [ra, rb] = [await s.whenJobSettled(a.id), await s.whenJobSettled(b.id)];
    expect([ra.state, rb.state]).toEqual(['succeeded', 'succeeded']);
    const scenes = await s.listItems({ kind: 'scene' });
    expect(scenes.map((i) => i.id).sort()).toEqual([...ra.resultIds, ...rb.resultIds].sort());
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(events.some((e) => e.type === 'workspace' && e.kind === 'scene')).toBe(true);
    expect(ra.backend).toMatch(/^cpu/);
    // The worker wrote a preview PNG into the job folder and named it (workspace-relative).
    const preview = progress.find((e) => e.type === 'progress' && e.jobId === a.id && e.progress.preview);
    expect(preview?.type === 'progress' && preview.progress.preview).toBe(`.jobs/${a.id}/preview.png`);
    expect(existsSync(join(dir, '.jobs', a.id, 'preview.png'))).toBe(true);
    const steps = progress.filter((e) => e.type === 'progress' && e.jobId === a.id).map((e) => (e.type === 'progress' ? e.progress.step : 0));
    expect(steps).toEqual([...steps].sort((x, y) => x - y));
    expect(steps.at(-1)).toBe(20);
  });

  it('a runner that reports another item kind than its job kind yields fails the job and commits nothing', async () => {
    const s = await open({ steps: 3, outputKind: 'model' });
    const captureId = await addFixtureCapture(dir);
    const job = await s.startJob({ kind: 'fit', captureId });
    const done = await s.whenJobSettled(job.id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/fit job produced a model .* must produce scene items/);
    expect(done.resultIds).toEqual([]);
    expect(await s.listItems({ kind: 'model' })).toEqual([]);
    expect(await s.listItems({ kind: 'scene' })).toEqual([]);
  });

  it('rejects jobs whose inputs are missing, naming the field', async () => {
    const s = await open();
    const missing = await s.startJob({ kind: 'fit', captureId: 'nope-123456' }).catch((e) => e);
    expect(missing).toMatchObject({ code: 'not-found', field: 'captureId' });
    const captureId = await addFixtureCapture(dir);
    const noModel = await s.startJob({ kind: 'train', captureIds: [captureId], baseModelId: 'nope-123456' }).catch((e) => e);
    expect(noModel).toBeInstanceOf(StudioError);
    expect(noModel).toMatchObject({ code: 'not-found', field: 'baseModelId' });
  });

  it('cancel checkpoints and stops; resume continues from the checkpoint step', async () => {
    const s = await open({ steps: 60, checkpointEvery: 1000, stepDelayMs: 15 });
    const captureId = await addFixtureCapture(dir);
    const job = await s.startJob({ kind: 'fit', captureId });
    let asked = false;
    const off = s.onEvent((e) => {
      if (!asked && e.type === 'progress' && e.jobId === job.id && e.progress.step >= 5) {
        asked = true;
        void s.cancelJob({ jobId: job.id });
      }
    });
    const cancelled = await s.whenJobSettled(job.id);
    off();
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.checkpointStep).toBeGreaterThanOrEqual(5);
    expect(cancelled.checkpointStep).toBeLessThan(60);
    await s.resumeJob({ jobId: job.id });
    const done = await s.whenJobSettled(job.id);
    expect(done.state).toBe('succeeded');
    const scene = await s.getItem({ kind: 'scene', id: done.resultIds[0] });
    expect(scene.status === 'ok' && scene.manifest.kind === 'scene' && scene.manifest.metrics.resumedFrom).toBe(cancelled.checkpointStep);
  });

  it('a crashing worker fails its job with a message; the service lives; resume uses the checkpoint', async () => {
    const s = await open({ steps: 20, checkpointEvery: 5, fail: 'exit', failAtStep: 12, failOnce: true });
    const captureId = await addFixtureCapture(dir);
    const job = await s.startJob({ kind: 'fit', captureId });
    const failed = await s.whenJobSettled(job.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toBe('worker exited unexpectedly with code 7');
    expect(failed.checkpointStep).toBe(10);
    expect((await s.getInfo({})).backend).toBe('cpu'); // service alive
    await s.resumeJob({ jobId: job.id });
    const done = await s.whenJobSettled(job.id);
    expect(done.state).toBe('succeeded');
    const scene = await s.getItem({ kind: 'scene', id: done.resultIds[0] });
    expect(scene.status === 'ok' && scene.manifest.kind === 'scene' && scene.manifest.metrics.resumedFrom).toBe(10);
  });

  it('restart recovery: a killed app leaves the job interrupted, resumable from its checkpoint', async () => {
    const captureId = await addFixtureCapture(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./testing/service-child.ts', import.meta.url)), dir, captureId], { stdio: ['ignore', 'pipe', 'inherit'] });
    const jobId = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => { const m = /checkpoint \d+ (job-\S+)/.exec(d.toString()); if (m) resolve(m[1]); });
      child.on('exit', (code) => reject(new Error(`service child exited (${code})`)));
    });
    // While that studio lives, a second one may not open the workspace.
    const busy = await createStudioService({ workspaceDir: dir, host: 'web', backend: 'cpu' }).catch((e) => e);
    expect(busy).toMatchObject({ code: 'conflict' });
    expect(busy.message).toMatch(/in use by another Parallax Studio process/);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const s = await open({ steps: 30, checkpointEvery: 5 });
    const [record] = await s.listJobs({});
    expect(record).toMatchObject({ id: jobId, state: 'interrupted' });
    const step = record.checkpointStep ?? -1;
    expect(step).toBeGreaterThanOrEqual(5);
    expect(existsSync(join(dir, '.jobs', jobId, `checkpoint-${step}.bin`))).toBe(true);
    await s.resumeJob({ jobId });
    const done = await s.whenJobSettled(jobId);
    expect(done.state).toBe('succeeded');
    const scene = await s.getItem({ kind: 'scene', id: done.resultIds[0] });
    expect(scene.status === 'ok' && scene.manifest.kind === 'scene' && scene.manifest.metrics.resumedFrom).toBe(step);
    expect(await readdir(join(dir, '.jobs', jobId))).not.toContain(`checkpoint-${step}.bin`);
  });
});
