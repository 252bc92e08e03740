import { describe, expect, it } from 'vitest';
import { JobRecordSchema, type JobRecord } from '../../shared';
import { canCancel, canResume, jobAdvice, jobStateLabel, jobTitle } from './job-text';

const job = (patch: Partial<JobRecord> & Record<string, unknown> = {}): JobRecord => JobRecordSchema.parse({
  schemaVersion: 1, id: 'job-1', state: 'running',
  spec: { kind: 'fit', captureId: 'cap-1', preset: 'draft', minutes: 0.3 },
  createdAt: '2025-01-01T10:00:00.000Z', updatedAt: '2025-01-01T10:00:00.000Z', ...patch,
});

describe('job text', () => {
  it('titles jobs with item names when known', () => {
    expect(jobTitle(job(), (id) => (id === 'cap-1' ? 'Sample capture' : undefined)))
      .toBe('Reconstruct Sample capture · draft · 0.3 min');
    expect(jobTitle(job(), () => undefined)).toBe('Reconstruct cap-1 · draft · 0.3 min');
    expect(jobTitle(job({ spec: { kind: 'export', sceneId: 's-1', format: 'glb' } as never }), () => 'Chair'))
      .toBe('Export Chair as GLB');
    const exportAs = (spec: Record<string, unknown>) => jobTitle(job({ spec: { kind: 'export', sceneId: 's-1', ...spec } as never }), () => 'Chair');
    expect(exportAs({ format: 'glb', preset: 'web' })).toBe('Export Chair as GLB (web)');
    expect(exportAs({ format: 'ply-points' })).toBe('Export Chair as PLY points');
    expect(exportAs({ format: 'turntable', frames: 24, size: 128 })).toBe('Export Chair as turntable (24 frames, 128 px)');
    expect(jobTitle(job({ spec: { kind: 'sample', captureId: 'p-1', samples: 2, steps: 8, path: 'forward' } as never }), () => 'Photo'))
      .toBe('Generate 2 from Photo · 8 steps · forward');
  });
  it('titles a Gaussian splat fit by its method and iterations, without a preset', () => {
    const splat = job({ spec: { kind: 'fit', captureId: 'cap-1', method: 'splats', iterations: 300, minutes: 1.5 } as never });
    expect(jobTitle(splat, () => 'Sample capture')).toBe('Reconstruct Sample capture · Gaussian splats · 300 iterations · 1.5 min');
    expect(jobTitle(job({ spec: { kind: 'fit', captureId: 'cap-1', method: 'splats', minutes: 2 } as never }), () => undefined))
      .toBe('Reconstruct cap-1 · Gaussian splats · iterations auto · 2 min');
    expect(jobTitle(job({ spec: { kind: 'fit', captureId: 'cap-1' } as never }), () => undefined)).toBe('Reconstruct cap-1 · standard · 5 min');
    const oom = jobAdvice(job({ spec: { kind: 'fit', captureId: 'cap-1', method: 'splats' } as never, state: 'failed', error: 'RangeError: out of memory' }));
    expect(oom).toMatch(/fewer iterations/);
    expect(oom).not.toMatch(/preset/);
  });
  it('tells what to do when an export finds no surface', () => {
    const advice = jobAdvice(job({ state: 'failed', error: "/w/manifest.json: the scene's fitted field has no surface to mesh (no voxel reaches the opacity iso level)" }));
    expect(advice).toMatch(/reconstruct it longer, or export PLY points or a turntable/);
  });
  it('offers cancel and resume in the right states', () => {
    expect(canCancel(job({ state: 'running' }))).toBe(true);
    expect(canCancel(job({ state: 'queued' }))).toBe(true);
    expect(canCancel(job({ state: 'succeeded' }))).toBe(false);
    for (const state of ['cancelled', 'failed', 'interrupted'] as const) expect(canResume(job({ state }))).toBe(true);
    for (const state of ['running', 'succeeded', 'cancelling'] as const) expect(canResume(job({ state }))).toBe(false);
    expect(jobStateLabel('succeeded')).toBe('Done');
  });
  it('says what to do after a failure', () => {
    const oom = jobAdvice(job({ state: 'failed', error: 'RangeError: out of memory', checkpointStep: 120 }));
    expect(oom).toMatch(/draft preset/);
    expect(oom).toMatch(/step 120/);
    expect(jobAdvice(job({ state: 'failed', error: 'worker exited with code 1' }))).toMatch(/worker stopped.*beginning/);
    expect(jobAdvice(job({ state: 'interrupted', checkpointStep: 40 }))).toMatch(/studio stopped.*step 40/);
    expect(jobAdvice(job({ state: 'running' }))).toBeNull();
    expect(jobAdvice(job({ state: 'succeeded' }))).toBeNull();
  });
});
