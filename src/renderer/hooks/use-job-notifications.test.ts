import { describe, expect, it } from 'vitest';
import { JobRecordSchema } from '../../shared';
import type { JobRecord } from '../../shared';
import { exportSpec } from '../components/export-formats';
import { jobNotification } from './use-job-notifications';
import type { JobNotificationActions } from './use-job-notifications';

const now = '2026-01-01T00:00:00.000Z';
function job(over: Omit<Partial<JobRecord>, 'spec'> & { spec: unknown }): JobRecord {
  return JobRecordSchema.parse({ schemaVersion: 1, id: 'job-1', state: 'succeeded', createdAt: now, updatedAt: now, ...over });
}

function actions() {
  const calls: string[] = [];
  const a: JobNotificationActions = {
    show: () => 0,
    nameOf: (id) => ({ cap: 'Still life', s1: 'Still life scene' } as Record<string, string>)[id],
    openScene: (id) => calls.push(`open ${id}`),
    showExport: (j) => calls.push(`export ${j.id}`),
    resume: (id) => calls.push(`resume ${id}`),
  };
  return { a, calls };
}

describe('jobNotification', () => {
  it('success of a reconstruction offers to open the scene (known from the job kind, not the item list)', async () => {
    const { a, calls } = actions();
    const n = jobNotification(job({ spec: { kind: 'fit', captureId: 'cap', preset: 'draft', minutes: 1 }, resultIds: ['s1'] }), a)!;
    expect(n.message).toBe('Done: Reconstruct Still life · draft · 1 min.');
    expect(n.options.tone).toBe('success');
    expect(n.options.action?.label).toBe('Open scene');
    await n.options.action?.run();
    expect(calls).toEqual(['open s1']);
  });

  it('success of an export names scene and format and offers the files', async () => {
    const { a, calls } = actions();
    const n = jobNotification(job({ spec: { kind: 'export', sceneId: 's1', format: 'glb', preset: 'web' }, resultIds: ['e1'] }), a)!;
    expect(n.message).toBe('Export ready: “Still life scene” as GLB (web). Every file passed validation.');
    await n.options.action?.run();
    expect(calls).toEqual(['export job-1']);
  });

  it('failure carries the error, the advice and a Resume action', async () => {
    const { a, calls } = actions();
    const n = jobNotification(job({
      spec: { kind: 'fit', captureId: 'cap', preset: 'draft', minutes: 1 }, state: 'failed',
      error: 'capture/train/r_0.png: ENOENT: no such file', checkpointStep: 200,
    }), a)!;
    expect(n.options.tone).toBe('error');
    expect(n.message).toContain('Failed: Reconstruct Still life · draft · 1 min — capture/train/r_0.png: ENOENT: no such file.');
    expect(n.message).toContain('A file the job needs is missing');
    expect(n.message).toContain('Resume continues from the checkpoint at step 200.');
    await n.options.action?.run();
    expect(calls).toEqual(['resume job-1']);
  });

  it('a damaged input gets re-import advice and no Resume (it would fail again)', () => {
    const { a } = actions();
    const n = jobNotification(job({
      spec: { kind: 'fit', captureId: 'cap' }, state: 'failed',
      error: 'train/r_3.png [image]: cannot read image: Input buffer contains unsupported image format',
    }), a)!;
    expect(n.message).toContain('import the capture again from its original folder');
    expect(n.options.action).toBeUndefined();
  });

  it('interrupted jobs offer Resume; cancelled jobs (the user did it) need no toast', () => {
    const { a } = actions();
    const spec = { kind: 'fit', captureId: 'cap' };
    expect(jobNotification(job({ spec, state: 'interrupted' }), a)?.options.action?.label).toBe('Resume');
    expect(jobNotification(job({ spec, state: 'cancelled' }), a)).toBeNull();
  });
});

describe('exportSpec', () => {
  it('maps the dialog choices to export job specs', () => {
    const tt = { frames: 12, size: 128 };
    expect(exportSpec('s1', 'glb', tt)).toEqual({ kind: 'export', sceneId: 's1', format: 'glb', preset: 'plain' });
    expect(exportSpec('s1', 'glb-web', tt)).toEqual({ kind: 'export', sceneId: 's1', format: 'glb', preset: 'web' });
    expect(exportSpec('s1', 'ply-points', tt)).toEqual({ kind: 'export', sceneId: 's1', format: 'ply-points' });
    expect(exportSpec('s1', 'turntable', tt)).toEqual({ kind: 'export', sceneId: 's1', format: 'turntable', frames: 12, size: 128 });
  });
});
