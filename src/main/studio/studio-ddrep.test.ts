// A studio DDRep job through the Studio service (real job manager, worker threads, wasm, the tiny 8x8
// prior as the shipped prior): it runs, is cancelled mid-sample, resumes from its checkpoint and ends
// with one image scene per sample, the same pictures as an uninterrupted job with the same seed.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../engine/testing/backends';
import type { JobSpecInput, StudioEvent, WorkspaceItem } from '../../shared';
import { writeTinyPrior } from '../jobs/testing/tiny-prior';
import { createStudioService, type StudioService } from './studio-service';

let base = '';
let service: StudioService | null = null;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'px-studio-ddrep-'));
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  await mkdir(join(base, 'resources', 'models'), { recursive: true });
  await writeTinyPrior(s.tf, join(base, 'resources', 'models', 'default-prior.plxm'));
  service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'wasm', resourcesDir: join(base, 'resources') });
});
afterAll(async () => {
  await service?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

const SPEC: JobSpecInput = { kind: 'ddrep', rep: 'siren', method: 'ddrep', samples: 2, steps: 8, guidance: 3, inner: 10, seed: 4 };

async function pictures(s: StudioService, ids: string[]): Promise<Buffer[]> {
  const items = await Promise.all(ids.map((id) => s.getItem({ kind: 'scene', id })));
  return Promise.all(items.map(async (it: WorkspaceItem) => {
    if (it.status !== 'ok' || it.manifest.kind !== 'scene') throw new Error('scene not ok');
    return readFile(join(s.workspaceDir, 'scenes', it.id, it.manifest.files.preview ?? 'missing'));
  }));
}

describe('studio: ddrep jobs', () => {
  it('cancel keeps a checkpoint; resume ends with the pictures of an uninterrupted run', { timeout: 240_000 }, async () => {
    const s = service!;
    const whole = await s.whenJobSettled((await s.startJob(SPEC)).id);
    expect(whole).toMatchObject({ state: 'succeeded' });
    expect(whole.resultIds).toHaveLength(2);
    const first = await s.getItem({ kind: 'scene', id: whole.resultIds[0] });
    if (first.status !== 'ok' || first.manifest.kind !== 'scene') throw new Error('scene not ok');
    expect(first.manifest).toMatchObject({
      origin: 'sample', representation: 'image', thumbnail: 'preview.png', files: { preview: 'preview.png', steps: 'steps.png' },
      settings: { generator: 'ddrep', method: 'ddrep', rep: 'siren', seed: 4, steps: 8, guidance: 3, groupId: whole.id },
    });

    const events: StudioEvent[] = [];
    const off = s.onEvent((e) => events.push(e));
    const job = await s.startJob(SPEC);
    // Cancel once sample 2 has started: the checkpoint holds sample 1 and the running sample 2.
    await new Promise<void>((resolve) => {
      const tick = () => {
        const p = events.filter((e) => e.type === 'progress' && e.jobId === job.id).at(-1);
        if (p?.type === 'progress' && p.progress.step >= 10) resolve(); else setTimeout(tick, 5);
      };
      tick();
    });
    await s.cancelJob({ jobId: job.id });
    const cancelled = await s.whenJobSettled(job.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.checkpointStep).toBeGreaterThan(8);
    expect(cancelled.progress?.preview).toMatch(/preview\.png$/);
    const mark = events.length;
    await s.resumeJob({ jobId: job.id });
    const resumed = await s.whenJobSettled(job.id);
    off();
    expect(resumed.state).toBe('succeeded');
    // The resumed run's first sampling step continues after the checkpoint (sample 2), not at step 1.
    const again = events.slice(mark).find((e) => e.type === 'progress' && e.jobId === job.id && e.progress.message?.startsWith('sample'));
    expect(again?.type === 'progress' && again.progress.step).toBe((cancelled.checkpointStep ?? 0) + 1);
    const [a, b] = await pictures(s, whole.resultIds);
    const [c, d] = await pictures(s, resumed.resultIds);
    expect(c.equals(a)).toBe(true);
    expect(d.equals(b)).toBe(true);
  });

  it('refuses a photo capture that does not exist, naming captureId', async () => {
    await expect(service!.startJob({ kind: 'ddrep', rep: 'siren', captureId: 'no-such-capture' })).rejects.toMatchObject({ field: 'captureId' });
  });
});
