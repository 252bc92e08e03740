// One job: title and state, progress bar with step/total, loss and PSNR figures, ETA, the live
// preview, Cancel / Resume, and for failures the message plus what to do about it.
import type { JobRecord } from '../../shared';
import type { HistoryPoint } from '../hooks/use-job-history';
import {
  canCancel, canResume, formatEta, formatMetric, jobAdvice, jobFitMethod, jobStateLabel, jobTitle, metricLabel, orderedMetrics,
} from '../lib';
import type { JobPreview as Preview } from '../lib';
import { JobLossChart } from './loss-chart-job';
import { JobPreview } from './job-preview';
import { MethodBadge } from './method-badge';
import { ProgressBar } from './progress-bar';

interface JobCardProps {
  job: JobRecord;
  preview: Preview | null;
  /** This job's loss/quality history; drawn once it has two points. */
  history?: readonly HistoryPoint[];
  nameOf(id: string): string | undefined;
  onCancel(jobId: string): void;
  onResume(jobId: string): void;
  onOpenScene(sceneId: string): void;
  isScene(id: string): boolean;
  /** Finished export jobs: show the exported files. */
  onShowExport?(job: JobRecord): void;
}

/** Bookkeeping values the engine reports with its losses; the ETA already covers time. */
const HIDDEN_METRICS: ReadonlySet<string> = new Set(['stage', 'seconds', 'elapsed', 'elapsedSeconds', 'shDegree']);

/** Kinds that report training losses (exports and generation have none to show). */
const REPORTS_LOSSES: ReadonlySet<JobRecord['spec']['kind']> = new Set(['fit', 'train']);

const TONES: Record<JobRecord['state'], 'active' | 'done' | 'stopped' | 'failed'> = {
  queued: 'active', running: 'active', cancelling: 'stopped', cancelled: 'stopped',
  interrupted: 'stopped', failed: 'failed', succeeded: 'done',
};

export function JobCard({ job, preview, history, nameOf, onCancel, onResume, onOpenScene, isScene, onShowExport }: JobCardProps) {
  const p = job.progress;
  const title = jobTitle(job, nameOf);
  const active = job.state === 'queued' || job.state === 'running' || job.state === 'cancelling';
  const advice = jobAdvice(job);
  const sceneId = job.state === 'succeeded' ? job.resultIds.find(isScene) : undefined;
  const metrics = orderedMetrics(p?.losses).filter(([key]) => !HIDDEN_METRICS.has(key)).slice(0, 4);
  const method = jobFitMethod(job);
  return (
    <article className={`job-card state-${job.state}`} data-testid="job-card" data-job-id={job.id} data-state={job.state} data-checkpoint-step={job.checkpointStep ?? ''} aria-label={title}>
      <header className="job-head">
        <h3 className="job-title" title={title}>{title}</h3>
        <span className={`job-state ${TONES[job.state]}`} data-testid="job-state">{jobStateLabel(job.state)}</span>
      </header>
      {method && <div className="job-tags"><MethodBadge method={method} /></div>}
      <ProgressBar step={p?.step ?? 0} total={p?.total ?? 1} label={`Progress of ${title}`} tone={TONES[job.state]} />
      <div className="job-numbers">
        <span data-testid="job-steps" data-step={p?.step ?? 0} data-total={p?.total ?? 0}>
          {stepText(job)}
        </span>
        <span className="job-eta" data-testid="job-eta">{active ? formatEta(p?.etaSeconds) : ''}</span>
      </div>
      {(metrics.length > 0 || (active && REPORTS_LOSSES.has(job.spec.kind))) && (
        <dl className="job-metrics" data-testid="job-metrics">
          {metrics.length === 0 ? (
            <div><dt>Loss</dt><dd>—</dd></div>
          ) : (
            metrics.map(([key, value]) => (
              <div key={key}><dt>{metricLabel(key)}</dt><dd>{formatMetric(key, value)}</dd></div>
            ))
          )}
        </dl>
      )}
      {history && history.length >= 2 && <JobLossChart jobId={job.id} points={history} height={72} />}
      {(active || preview) && job.spec.kind !== 'poses' && <JobPreview preview={preview} active={active} />}
      {p?.message && active && (p.total > 1 || p.stage) && <p className="job-message" data-testid="job-message">{p.message}</p>}
      {job.state === 'failed' && job.error && (
        <p className="job-error" role="alert" data-testid="job-error">{job.error}</p>
      )}
      {advice && <p className="job-advice" data-testid="job-advice">{advice}</p>}
      <div className="job-actions">
        {canCancel(job) && (
          <button type="button" className="button small" onClick={() => onCancel(job.id)} data-testid="job-cancel">Cancel</button>
        )}
        {canResume(job) && (
          <button type="button" className="button small primary" onClick={() => onResume(job.id)} data-testid="job-resume">Resume</button>
        )}
        {sceneId && (
          <button type="button" className="button small primary" onClick={() => onOpenScene(sceneId)} data-testid="job-open-scene">
            Open scene
          </button>
        )}
        {onShowExport && job.state === 'succeeded' && job.spec.kind === 'export' && (
          <button type="button" className="button small primary" onClick={() => onShowExport(job)} data-testid="job-show-export">
            Show files
          </button>
        )}
        {job.backend && <span className="job-backend" title={job.backend}>{job.backend}</span>}
      </div>
    </article>
  );
}

/** "Step 275 / 800"; set-up and finishing stages (total 1) show their message instead. */
function stepText(job: JobRecord): string {
  const p = job.progress;
  if (!p) return job.state === 'queued' ? 'Waiting for the engine' : 'Step —';
  if (job.state === 'succeeded') return p.total > 1 ? `Finished · ${p.step} steps` : 'Finished';
  // Staged jobs (poses): "Matching · 12 / 45" — counts are within the stage.
  if (p.stage) return `${STAGE_LABELS[p.stage] ?? capitalise(p.stage)}${p.total > 1 ? ` · ${p.step} / ${p.total}` : ''}`;
  if (p.total <= 1 && p.message) return capitalise(p.message);
  return `Step ${p.step} / ${p.total}`;
}

/** Pose estimation stages as the artist reads them. */
const STAGE_LABELS: Record<string, string> = {
  frames: 'Choosing video frames', images: 'Preparing images', features: 'Finding features', matching: 'Matching images',
  mapping: 'Registering images', undistort: 'Undistorting images', writing: 'Writing the capture',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
