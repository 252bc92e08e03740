// Right-hand panel listing every job: active ones first, then finished ones.
import type { JobRecord } from '../../shared';
import type { HistoryPoint } from '../hooks/use-job-history';
import type { JobPreview } from '../lib';
import { JobCard } from './job-card';

interface JobPanelProps {
  jobs: JobRecord[];
  previews: Record<string, JobPreview>;
  /** Live loss/quality histories per job (useJobHistory), drawn as charts on the cards. */
  history?: Record<string, HistoryPoint[]>;
  nameOf(id: string): string | undefined;
  onCancel(jobId: string): void;
  onResume(jobId: string): void;
  onOpenScene(sceneId: string): void;
  isScene(id: string): boolean;
  onShowExport?(job: JobRecord): void;
}

export function JobPanel({ jobs, previews, history, nameOf, onCancel, onResume, onOpenScene, isScene, onShowExport }: JobPanelProps) {
  return (
    <aside className="job-panel" aria-labelledby="job-panel-title" data-testid="job-panel">
      <h2 id="job-panel-title" className="panel-title">
        Jobs <span className="count">{jobs.length}</span>
      </h2>
      <div className="job-scroll">
        {jobs.length === 0 ? (
          <p className="job-empty">No jobs yet. Choose <strong>Reconstruct…</strong> on a capture, or open <strong>Generate</strong> or <strong>Fine-tune</strong>, to start one.</p>
        ) : (
          <ol className="job-list">
            {jobs.map((job) => (
              <li key={job.id}>
                <JobCard
                  job={job}
                  preview={previews[job.id] ?? null}
                  history={history?.[job.id]}
                  nameOf={nameOf}
                  onCancel={onCancel}
                  onResume={onResume}
                  onOpenScene={onOpenScene}
                  isScene={isScene}
                  onShowExport={onShowExport}
                />
              </li>
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}
