// Per-job history of progress figures (every loss term per step), for the live loss curves.
// The job list only keeps each job's latest progress; this hook listens to the same backend
// events and keeps a bounded history per job for as long as the window lives, so curves survive
// switching screens. After a reload, a job's history restarts from its current progress (the
// backend does not store past figures).
import { useEffect, useReducer } from 'react';
import type { JobProgress, JobRecord, StudioApi } from '../../shared';

export interface HistoryPoint {
  step: number;
  /** Finite loss terms and metrics reported at this step. */
  losses: Record<string, number>;
}

export interface JobHistoryState {
  byJob: Record<string, HistoryPoint[]>;
  /** Job ids, least recently updated first (the first ones go when there are too many). */
  order: string[];
}

export type JobHistoryAction =
  | { type: 'progress'; jobId: string; progress: Pick<JobProgress, 'step' | 'losses'> }
  | { type: 'seed'; jobs: readonly JobRecord[] };

export const JOB_HISTORY_DEFAULTS = {
  /** Points kept per job; beyond it every other older point is dropped (the curve keeps its span). */
  maxPoints: 500,
  /** Jobs kept; the least recently updated one is forgotten first. */
  maxJobs: 20,
};
export type JobHistoryOptions = typeof JOB_HISTORY_DEFAULTS;

export const INITIAL_JOB_HISTORY: JobHistoryState = { byJob: {}, order: [] };

export function jobHistoryReducer(
  state: JobHistoryState, action: JobHistoryAction, options: JobHistoryOptions = JOB_HISTORY_DEFAULTS,
): JobHistoryState {
  if (action.type === 'seed') {
    let next = state;
    for (const job of action.jobs) {
      if (job.progress && !next.byJob[job.id]) next = addPoint(next, job.id, job.progress, options);
    }
    return next;
  }
  return addPoint(state, action.jobId, action.progress, options);
}

function addPoint(
  state: JobHistoryState, jobId: string, progress: Pick<JobProgress, 'step' | 'losses'>, options: JobHistoryOptions,
): JobHistoryState {
  const losses: Record<string, number> = {};
  for (const [k, v] of Object.entries(progress.losses ?? {})) if (typeof v === 'number' && Number.isFinite(v)) losses[k] = v;
  if (Object.keys(losses).length === 0 || !Number.isFinite(progress.step)) return state;
  const step = progress.step;
  let points = state.byJob[jobId] ?? [];
  const last = points[points.length - 1];
  if (last && step === last.step) {
    // Same step again (e.g. a final "saving" event): merge, so earlier terms are not lost.
    points = [...points.slice(0, -1), { step, losses: { ...last.losses, ...losses } }];
  } else {
    // A resumed job restarts from its checkpoint: drop the figures past it, then continue.
    if (last && step < last.step) points = points.filter((p) => p.step < step);
    points = [...points, { step, losses }];
    if (points.length > options.maxPoints) points = thin(points);
  }
  const order = [...state.order.filter((id) => id !== jobId), jobId];
  const byJob = { ...state.byJob, [jobId]: points };
  while (order.length > options.maxJobs) {
    const dropped = order.shift();
    if (dropped !== undefined) delete byJob[dropped];
  }
  return { byJob, order };
}

/** Keeps the first and last points and every other one between them. */
function thin(points: HistoryPoint[]): HistoryPoint[] {
  const kept = points.filter((_, i) => i % 2 === 0);
  const last = points[points.length - 1];
  if (kept[kept.length - 1] !== last) kept.push(last);
  return kept;
}

/** Loss names in a history, in first-seen order. */
export function historyTerms(points: readonly HistoryPoint[]): string[] {
  const seen = new Set<string>();
  for (const p of points) for (const k of Object.keys(p.losses)) seen.add(k);
  return [...seen];
}

/** One term as [step, value] pairs (NaN where the term is missing, which breaks the line). */
export function historySeries(points: readonly HistoryPoint[], term: string): [number, number][] {
  return points.map((p) => [p.step, p.losses[term] ?? Number.NaN]);
}

const reduceWithDefaults = (s: JobHistoryState, a: JobHistoryAction): JobHistoryState => jobHistoryReducer(s, a);

/**
 * Live per-job histories. `jobs` (the job list the app already holds) seeds a job the hook has
 * no history for, e.g. after a reload, with its current progress.
 */
export function useJobHistory(api: StudioApi, jobs: readonly JobRecord[]): Record<string, HistoryPoint[]> {
  const [state, dispatch] = useReducer(reduceWithDefaults, INITIAL_JOB_HISTORY);
  useEffect(() => api.onEvent((event) => {
    if (event.type === 'progress') dispatch({ type: 'progress', jobId: event.jobId, progress: event.progress });
    else if (event.type === 'job' && event.job.progress) dispatch({ type: 'progress', jobId: event.job.id, progress: event.job.progress });
  }), [api]);
  useEffect(() => dispatch({ type: 'seed', jobs }), [jobs]);
  return state.byJob;
}

/** Bookkeeping figures a runner may report next to its losses; they are not curves. */
// Splat fits report their Gaussian count and active SH degree: counts, not losses to plot on a log axis.
const NOT_CURVES: ReadonlySet<string> = new Set(['stage', 'seconds', 'elapsed', 'elapsedseconds', 'lr', 'learningrate', 'step', 'epoch', 'triangles', 'gaussians', 'shdegree']);
const QUALITY = /psnr|ssim/i;

export interface HistoryCurve {
  key: string;
  points: [number, number][];
}

/**
 * The curves to draw from a history: losses (lower is better, suited to a log axis) apart from
 * quality metrics such as PSNR and SSIM (higher is better, on their own linear axis).
 */
export function historyCurves(points: readonly HistoryPoint[]): { losses: HistoryCurve[]; quality: HistoryCurve[] } {
  const losses: HistoryCurve[] = [];
  const quality: HistoryCurve[] = [];
  for (const key of historyTerms(points)) {
    if (NOT_CURVES.has(key.toLowerCase())) continue;
    (QUALITY.test(key) ? quality : losses).push({ key, points: historySeries(points, key) });
  }
  return { losses, quality };
}
