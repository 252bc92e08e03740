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
