// The head of a running (or finished) generate / fine-tune job on its screen: title, state,
// progress bar, step counter, ETA, Cancel / Resume, and for failures the message and what to do.
import type { JobRecord } from '../../shared';
import { canCancel, canResume, formatEta, isActive, jobAdvice, jobStateLabel } from '../lib';
import { ProgressBar } from './progress-bar';

interface JobStatusProps {
  job: JobRecord;
  title: string;
  /** Step counter text (e.g. "Sample 2 / 4 · step 13 / 50"). */
  stepText: string;
  onAction(action: 'cancel' | 'resume', jobId: string): void;
  testId: string;
}

const TONES: Record<JobRecord['state'], 'active' | 'done' | 'stopped' | 'failed'> = {
  queued: 'active', running: 'active', cancelling: 'stopped', cancelled: 'stopped',
  interrupted: 'stopped', failed: 'failed', succeeded: 'done',
};

export function JobStatus({ job, title, stepText, onAction, testId }: JobStatusProps) {
  const p = job.progress;
  const advice = jobAdvice(job);
  return (
    <section className="run-status" data-testid={testId} data-job-id={job.id} data-state={job.state} aria-label={`${title}: ${jobStateLabel(job.state)}`}>
      <div className="run-status-head">
        <h3 className="run-title" title={title}>{title}</h3>
        <span className={`job-state ${TONES[job.state]}`} data-testid="run-state">{jobStateLabel(job.state)}</span>
        <div className="run-actions">
          {canCancel(job) && (
            <button type="button" className="button small" onClick={() => onAction('cancel', job.id)} data-testid="run-cancel">Cancel</button>
          )}
          {canResume(job) && (
            <button type="button" className="button small primary" onClick={() => onAction('resume', job.id)} data-testid="run-resume">Resume</button>
          )}
        </div>
      </div>
      <ProgressBar step={p?.step ?? 0} total={p?.total ?? 1} label={`Progress of ${title}`} tone={TONES[job.state]} />
      <div className="job-numbers">
        <span data-testid="run-steps" data-step={p?.step ?? 0} data-total={p?.total ?? 0} aria-live="off">{stepText}</span>
        <span data-testid="run-eta">{isActive(job) ? formatEta(p?.etaSeconds) : ''}</span>
      </div>
      {job.state === 'failed' && job.error && <p className="job-error" role="alert" data-testid="run-error">{job.error}</p>}
      {advice && <p className="job-advice">{advice}</p>}
    </section>
  );
}
