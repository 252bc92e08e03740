// The real capability through the service: import a capture, fit it (real recon runner) with
// progress, export the scene as GLB. Needs the recon engine (src/engine/recon).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../shared';
import { demoScene, renderProceduralCapture } from '../../engine/data';
import { writeBlenderCapture } from '../capture-io';
import { createStudioService } from './studio-service';
import type { StudioService } from './studio-service';

const HAVE_RECON = existsSync(new URL('../../engine/recon/index.ts', import.meta.url));
let base = '';
let service: StudioService | null = null;
afterAll(async () => {
  await service?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

describe.skipIf(!HAVE_RECON)('studio: import, fit and export for real', () => {
  it('fits an imported capture into a scene item and exports a GLB', async () => {
    base = await mkdtemp(join(tmpdir(), 'px-studio-fit-'));
    const { capture } = renderProceduralCapture({ scene: demoScene(), width: 24, height: 24, views: { train: 8, test: 2 }, supersample: 1 });
    await writeBlenderCapture(join(base, 'capture'), capture);
    service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'wasm' });
    const s = service!;
    const events: StudioEvent[] = [];
    s.onEvent((e) => events.push(e));
    const cap = await s.importCapture({ path: join(base, 'capture'), name: 'Still life' });
    const job = await s.startJob({ kind: 'fit', captureId: cap.id, preset: 'draft', minutes: 0.1 });
    const done = await s.whenJobSettled(job.id);
    expect(done.state, done.error ?? '').toBe('succeeded');
    expect(events.some((e) => e.type === 'progress' && e.jobId === job.id)).toBe(true);
    const scene = await s.getItem({ kind: 'scene', id: done.resultIds[0] });
    if (scene.status !== 'ok' || scene.manifest.kind !== 'scene') throw new Error(`scene not ok: ${JSON.stringify(scene)}`);
    expect(scene.manifest).toMatchObject({ name: 'Still life', origin: 'reconstruction', sourceId: cap.id });
    expect(scene.manifest.files).toEqual({ field: 'scene.bin', mesh: 'mesh.glb', preview: 'preview.png', volume: 'volume.bin' });
    expect(scene.manifest.metrics.psnr).toBeGreaterThan(5);
    const exp = await s.whenJobSettled((await s.startJob({ kind: 'export', sceneId: scene.id, format: 'glb' })).id);
    expect(exp.state, exp.error ?? '').toBe('succeeded');
    const item = await s.getItem({ kind: 'export', id: exp.resultIds[0] });
    expect(item.status === 'ok' && item.manifest.kind === 'export' && item.manifest.files[0]).toMatch(/\.glb$/);
    expect(existsSync(join(base, 'ws', 'scenes', scene.id, 'preview.png'))).toBe(true);
  });

  it('refuses to fit a capture with too few posed views, naming the count (the same check as the CLI)', async () => {
    const s = service!;
    const { capture } = renderProceduralCapture({ scene: demoScene(), width: 16, height: 16, views: { train: 2, test: 0 }, supersample: 1 });
    await writeBlenderCapture(join(base, 'two'), capture);
    const cap = await s.importCapture({ path: join(base, 'two'), name: 'Two views' });
    const done = await s.whenJobSettled((await s.startJob({ kind: 'fit', captureId: cap.id, preset: 'draft', minutes: 0.1 })).id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/the capture has 2 views; reconstruction needs at least 3 posed views/);
  });
});
