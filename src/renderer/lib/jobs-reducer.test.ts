import { describe, expect, it } from 'vitest';
import { JobRecordSchema, type JobProgress, type JobRecord } from '../../shared';
import { INITIAL_JOBS_STATE, jobsReducer, sortedJobs, type JobsState } from './jobs-reducer';

function job(id: string, patch: Partial<JobRecord> = {}): JobRecord {
  // Parse through the shared schema so the fixtures are real records.
  return JobRecordSchema.parse({
    schemaVersion: 1,
    id,
    spec: { kind: 'fit', captureId: 'sample', preset: 'draft', minutes: 0.3 },
    state: 'running',
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...patch,
  });
}
const progress = (step: number, extra: Partial<JobProgress> = {}): JobProgress =>
  ({ step, total: 100, losses: { loss: 1 / step }, etaSeconds: 100 - step, ...extra });

describe('jobsReducer', () => {
  it('adds jobs from events and updates their progress and preview', () => {
    let s = jobsReducer(INITIAL_JOBS_STATE, { type: 'job', job: job('job-a', { state: 'queued' }), seq: 1 });
    s = jobsReducer(s, { type: 'progress', jobId: 'job-a', progress: progress(5, { preview: 'jobs/job-a/preview.png' }), seq: 2 });
    expect(s.byId['job-a'].state).toBe('running');
    expect(s.byId['job-a'].progress?.step).toBe(5);
    expect(s.previews['job-a']).toEqual({ path: 'jobs/job-a/preview.png', step: 5 });
    // A later progress without a preview keeps the last preview image.
    s = jobsReducer(s, { type: 'progress', jobId: 'job-a', progress: progress(6), seq: 3 });
    expect(s.byId['job-a'].progress?.step).toBe(6);
    expect(s.previews['job-a'].step).toBe(5);
  });

  it('ignores progress for an unknown job', () => {
    const s = jobsReducer(INITIAL_JOBS_STATE, { type: 'progress', jobId: 'job-x', progress: progress(1), seq: 1 });
    expect(s).toBe(INITIAL_JOBS_STATE);
  });

  it('takes progress that goes backwards after a resume (events arrive in order)', () => {
    let s = jobsReducer(INITIAL_JOBS_STATE, { type: 'job', job: job('job-a', { progress: progress(80) }), seq: 1 });
    s = jobsReducer(s, { type: 'job', job: job('job-a', { state: 'cancelled', progress: progress(80), checkpointStep: 60 }), seq: 2 });
    s = jobsReducer(s, { type: 'job', job: job('job-a', { state: 'queued', progress: null }), seq: 3 });
    expect(s.byId['job-a'].progress?.step).toBe(80);
    s = jobsReducer(s, { type: 'progress', jobId: 'job-a', progress: progress(61), seq: 4 });
    expect(s.byId['job-a'].progress?.step).toBe(61);
  });

  it('keeps event state newer than a snapshot that was in flight', () => {
    let s: JobsState = INITIAL_JOBS_STATE;
    const sinceSeq = 0; // snapshot requested before any event
    s = jobsReducer(s, { type: 'job', job: job('job-a', { state: 'running' }), seq: 1 });
    s = jobsReducer(s, { type: 'progress', jobId: 'job-a', progress: progress(40), seq: 2 });
    s = jobsReducer(s, { type: 'job', job: job('job-new', { state: 'queued' }), seq: 3 });
    s = jobsReducer(s, {
      type: 'snapshot', sinceSeq,
      jobs: [job('job-a', { state: 'queued' }), job('job-old', { state: 'succeeded' })],
    });
    expect(s.byId['job-a'].state).toBe('running');
    expect(s.byId['job-a'].progress?.step).toBe(40);
    expect(s.byId['job-old'].state).toBe('succeeded');
    expect(s.byId['job-new'].state).toBe('queued');
  });

  it('replaces stale local state with a newer snapshot and drops jobs it no longer lists', () => {
    let s = jobsReducer(INITIAL_JOBS_STATE, { type: 'job', job: job('job-a', { state: 'running' }), seq: 1 });
    s = jobsReducer(s, { type: 'job', job: job('job-gone', { progress: progress(3, { preview: 'p.png' }) }), seq: 2 });
    s = jobsReducer(s, {
      type: 'snapshot', sinceSeq: 2,
      jobs: [job('job-a', { state: 'interrupted', checkpointStep: 20, progress: progress(25, { preview: 'a.png' }) })],
    });
    expect(Object.keys(s.byId)).toEqual(['job-a']);
    expect(s.byId['job-a'].state).toBe('interrupted');
    expect(s.previews).toEqual({ 'job-a': { path: 'a.png', step: 25 } });
  });

  it('sorts active jobs first (queue order), then finished jobs newest first', () => {
    let s: JobsState = INITIAL_JOBS_STATE;
    const add = (j: JobRecord, seq: number) => { s = jobsReducer(s, { type: 'job', job: j, seq }); };
    add(job('job-done-old', { state: 'succeeded', updatedAt: '2025-01-01T10:01:00.000Z' }), 1);
    add(job('job-q', { state: 'queued', createdAt: '2025-01-01T10:05:00.000Z' }), 2);
    add(job('job-run', { state: 'running', createdAt: '2025-01-01T10:04:00.000Z' }), 3);
    add(job('job-fail-new', { state: 'failed', updatedAt: '2025-01-01T10:09:00.000Z' }), 4);
    expect(sortedJobs(s).map((j) => j.id)).toEqual(['job-run', 'job-q', 'job-fail-new', 'job-done-old']);
  });
});
