// Client-side job state: merges the `listJobs` snapshot with the `job` and `progress` event
// streams. Events on one transport arrive in order, so the latest event for a job always wins.
// A snapshot may be older than events that arrived while it was in flight: every event carries
// a local sequence number, the snapshot carries the sequence number current when it was
// requested, and a job touched by a later event keeps its event-derived state.
import type { JobProgress, JobRecord } from '../../shared';

/** The latest preview image of a job and the step it was rendered at (used to cache-bust). */
export interface JobPreview {
  path: string;
  step: number;
}

export interface JobsState {
  byId: Record<string, JobRecord>;
  /** Local event sequence number of the last event that touched each job. */
  touched: Record<string, number>;
  previews: Record<string, JobPreview>;
}

export type JobsAction =
  | { type: 'snapshot'; jobs: JobRecord[]; sinceSeq: number }
  | { type: 'job'; job: JobRecord; seq: number }
  | { type: 'progress'; jobId: string; progress: JobProgress; seq: number };

export const INITIAL_JOBS_STATE: JobsState = { byId: {}, touched: {}, previews: {} };

export function jobsReducer(state: JobsState, action: JobsAction): JobsState {
  switch (action.type) {
    case 'snapshot':
      return applySnapshot(state, action.jobs, action.sinceSeq);
    case 'job': {
      const { job, seq } = action;
      const previous = state.byId[job.id];
      // A job record without progress (e.g. the 'queued' record after resume) keeps showing the
      // last progress while the job is still active, so the bar does not jump back to zero.
      const progress = job.progress ?? (previous && isActive(job) ? previous.progress : null);
      return {
        byId: { ...state.byId, [job.id]: { ...job, progress } },
        touched: { ...state.touched, [job.id]: seq },
        previews: withPreview(state.previews, job.id, progress),
      };
    }
    case 'progress': {
      const previous = state.byId[action.jobId];
      // Progress for a job we have not seen yet: the next job event or snapshot brings it.
      if (!previous) return state;
      const running: JobRecord = previous.state === 'queued' || previous.state === 'interrupted'
        ? { ...previous, state: 'running' }
        : previous;
      return {
        byId: { ...state.byId, [action.jobId]: { ...running, progress: action.progress } },
        touched: { ...state.touched, [action.jobId]: action.seq },
        previews: withPreview(state.previews, action.jobId, action.progress),
      };
    }
  }
}

function applySnapshot(state: JobsState, jobs: JobRecord[], sinceSeq: number): JobsState {
  const byId: Record<string, JobRecord> = {};
  const touched: Record<string, number> = {};
  let previews = state.previews;
  const isNewer = (id: string): boolean => (state.touched[id] ?? -1) > sinceSeq;
  for (const job of jobs) {
    if (isNewer(job.id) && state.byId[job.id]) {
      byId[job.id] = state.byId[job.id];
      touched[job.id] = state.touched[job.id];
    } else {
      byId[job.id] = job;
      touched[job.id] = sinceSeq;
      previews = withPreview(previews, job.id, job.progress);
    }
  }
  // Jobs the snapshot does not list survive only if an event newer than the request names them.
  for (const id of Object.keys(state.byId)) {
    if (!byId[id] && isNewer(id)) {
      byId[id] = state.byId[id];
      touched[id] = state.touched[id];
    }
  }
  const keptPreviews: Record<string, JobPreview> = {};
  for (const id of Object.keys(previews)) if (byId[id]) keptPreviews[id] = previews[id];
  return { byId, touched, previews: keptPreviews };
}

function withPreview(
  previews: Record<string, JobPreview>, jobId: string, progress: JobProgress | null | undefined,
): Record<string, JobPreview> {
  if (!progress?.preview) return previews;
  const current = previews[jobId];
  if (current && current.path === progress.preview && current.step === progress.step) return previews;
  return { ...previews, [jobId]: { path: progress.preview, step: progress.step } };
}

const ACTIVE_STATES: ReadonlySet<JobRecord['state']> = new Set(['queued', 'running', 'cancelling']);

export function isActive(job: JobRecord): boolean {
  return ACTIVE_STATES.has(job.state);
}

/** Jobs for the panel: active ones first (oldest first, as the queue runs them), then the rest newest first. */
export function sortedJobs(state: JobsState): JobRecord[] {
  const all = Object.values(state.byId);
  const active = all.filter(isActive).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const done = all.filter((j) => !isActive(j)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return [...active, ...done];
}
