// Toasts when a job finishes: success with an action that opens the result (scene, export files),
// failure with the error message and what to do (the job panel's advice), interruption with a
// Resume action. Only jobs that settle while the studio is open notify: jobs that had already
// finished when the list first arrived stay quiet.
import { useEffect, useRef } from 'react';
import { JOB_RESULT_KIND, type JobRecord, type JobState } from '../../shared';
import { canResume, jobAdvice, jobTitle } from '../lib';
import type { ToastOptions } from './use-toasts';

export interface JobNotificationActions {
  show(message: string, options?: ToastOptions): number;
  nameOf(id: string): string | undefined;
  openScene(sceneId: string): void;
  /** Show an export job's files (the export dialog opened on the finished job). */
  showExport(job: JobRecord): void;
  resume(jobId: string): void;
}

const EXPORT_LABELS: Record<string, string> = { ply: 'PLY mesh', 'ply-points': 'PLY points', turntable: 'turntable frames', spz: 'SPZ splats', splat: '.splat splats' };

/** Errors that mean an input file itself is broken (a photo that no longer decodes, bad JSON). */
const DAMAGED_INPUT = /cannot read image|unsupported image format|cannot decode|corrupt|not valid JSON|Unexpected token/i;
const DAMAGED_ADVICE = 'A file of the input is damaged on disk: import the capture again from its original folder, then start a new job.';

const SETTLED: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'interrupted']);

/** The toast for a job that just settled; null for states that need none (e.g. cancelled by the user). */
export function jobNotification(job: JobRecord, a: JobNotificationActions): { message: string; options: ToastOptions } | null {
  const title = jobTitle(job, a.nameOf);
  if (job.state === 'succeeded') {
    // By job kind, not by the item list: the job's update can arrive before the list has the new scene.
    const sceneId = JOB_RESULT_KIND[job.spec.kind] === 'scene' ? job.resultIds[0] : undefined;
    if (job.spec.kind === 'export') {
      const spec = job.spec;
      const format = spec.format === 'glb' ? (spec.preset === 'web' ? 'GLB (web)' : 'GLB') : EXPORT_LABELS[spec.format];
      const scene = a.nameOf(spec.sceneId) ?? spec.sceneId;
      return { message: `Export ready: “${scene}” as ${format}. Every file passed validation.`, options: { tone: 'success', action: { label: 'Show files', run: () => a.showExport(job) } } };
    }
    if (sceneId) {
      const more = job.resultIds.length > 1 ? ` (${job.resultIds.length} scenes)` : '';
      return { message: `Done: ${title}${more}.`, options: { tone: 'success', action: { label: 'Open scene', run: () => a.openScene(sceneId) } } };
    }
    return { message: `Done: ${title}. The result is in the gallery.`, options: { tone: 'success' } };
  }
  if (job.state === 'failed' || job.state === 'interrupted') {
    const what = job.state === 'failed' ? `Failed: ${title} — ${job.error ?? 'unknown error'}` : `Interrupted: ${title}`;
    // Damaged inputs fail again on resume: say how to fix them instead of offering Resume.
    const damaged = job.state === 'failed' && DAMAGED_INPUT.test(job.error ?? '');
    const advice = damaged ? DAMAGED_ADVICE : jobAdvice(job);
    return {
      message: advice ? `${what}. ${advice}` : `${what}.`,
      options: { tone: 'error', ...(!damaged && canResume(job) ? { action: { label: 'Resume', run: () => a.resume(job.id) } } : {}) },
    };
  }
  return null;
}

export function useJobNotifications(jobs: JobRecord[], actions: JobNotificationActions): void {
  const seen = useRef(new Map<string, JobState>());
  const mountedAt = useRef(Date.now());
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const map = seen.current;
    for (const job of jobs) {
      const before = map.get(job.id);
      map.set(job.id, job.state);
      if (before === job.state || !SETTLED.has(job.state)) continue;
      // A job first seen already settled notifies only if it settled while the studio was open
      // (a fast job can go queued -> succeeded between two renders).
      if (before === undefined && !(Date.parse(job.updatedAt) >= mountedAt.current)) continue;
      const note = jobNotification(job, latest.current);
      if (note) latest.current.show(note.message, note.options);
    }
  }, [jobs]);
}
