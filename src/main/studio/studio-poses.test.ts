// The poses job through the studio service with real COLMAP: closing the studio while COLMAP runs
// leaves the job interrupted with no COLMAP process behind and nothing committed; after reopening,
// Resume runs it again from the start and commits a NEW posed capture; the photo capture is unchanged.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../shared';
import { findTool } from '../external-tools';
import { processesMentioning } from '../poses/test-helpers';
import { createStudioService, type StudioService } from './studio-service';

const BEER = resolve(__dirname, '../../../../shared/data/beer-can/images');
const FRAMES = Array.from({ length: 12 }, (_, k) => `${String(3 * k).padStart(4, '0')}.jpg`);
const colmap = await findTool('colmap').then(() => true, () => false);
const why = !existsSync(BEER) ? `beer-can frames missing at ${BEER}` : !colmap ? 'COLMAP is not installed (sudo apt-get install colmap)' : '';
if (why) console.warn(`studio poses tests skipped: ${why}`);

let base = '';
let service: StudioService | null = null;
afterAll(async () => {
  await service?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

describe.skipIf(!!why)('studio: poses job, app restart and resume (real COLMAP)', () => {
  it('is interrupted by a close, leaves nothing running or committed, and resumes to a new capture', async () => {
    base = await mkdtemp(join(tmpdir(), 'px-studio-poses-'));
    const photos = join(base, 'beer-can');
    await mkdir(photos);
    for (const f of FRAMES) await copyFile(join(BEER, f), join(photos, f));
    const wsDir = join(base, 'ws');
    service = await createStudioService({ workspaceDir: wsDir, host: 'web', backend: 'cpu' });
    const cap = await service.importCapture({ path: photos });
    const stages: string[] = [];
    // A stage counts once COLMAP has processed something in it (stages announce themselves before the tool starts).
    service.onEvent((e: StudioEvent) => { if (e.type === 'progress' && e.progress.stage && e.progress.step >= 1) stages.push(e.progress.stage); });
    const job = await service.startJob({ kind: 'poses', captureId: cap.id, maxSize: 800 });
    const t0 = Date.now();
    while (!stages.includes('features') && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 100));
    expect(stages).toContain('features');
    await service.close();
    service = null;
    expect(processesMentioning(wsDir)).toEqual([]);

    service = await createStudioService({ workspaceDir: wsDir, host: 'web', backend: 'cpu' });
    const [again] = await service.listJobs({});
    expect(again).toMatchObject({ id: job.id, state: 'interrupted', resultIds: [] });
    expect((await service.listItems({ kind: 'capture' })).map((i) => i.id)).toEqual([cap.id]);
    await service.resumeJob({ jobId: job.id });
    const done = await service.whenJobSettled(job.id);
    expect(done.state, done.error ?? '').toBe('succeeded');
    const posed = await service.getItem({ kind: 'capture', id: done.resultIds[0] });
    if (posed.status !== 'ok' || posed.manifest.kind !== 'capture') throw new Error('posed capture missing');
    expect(posed.manifest).toMatchObject({ format: 'nerfstudio', poses: { sourceCaptureId: cap.id, imageCount: 12 } });
    expect(posed.manifest.poses!.registered).toBeGreaterThanOrEqual(8);
    const original = await service.getItem({ kind: 'capture', id: cap.id });
    expect(original.status === 'ok' && original.manifest.kind === 'capture' && original.manifest.format).toBe('images');
    expect((await readdir(join(wsDir, 'captures', cap.id, 'capture'))).sort()).toEqual(FRAMES);
  }, 600_000);
});
