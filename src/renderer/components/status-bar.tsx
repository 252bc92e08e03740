// Status bar: compute backend and adapter, workspace location, host kind and job summary.
import type { EngineInfo, JobRecord } from '../../shared';
import type { UiError } from '../lib';

interface StatusBarProps {
  info: EngineInfo | null;
  error: UiError | null;
  jobs: JobRecord[];
}

export function StatusBar({ info, error, jobs }: StatusBarProps) {
  const running = jobs.filter((j) => j.state === 'running' || j.state === 'cancelling').length;
  const queued = jobs.filter((j) => j.state === 'queued').length;
  const connection = error ? 'error' : info ? 'ok' : 'pending';
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Engine status">
      <span className={`status-dot ${connection}`} aria-hidden="true" />
      {error ? (
        <span className="status-item status-error" role="alert" title={error.message}>
          Engine unavailable: {error.message}
        </span>
      ) : (
        <>
          <span className="status-item">
            <span className="status-label">Backend</span>
            <strong data-testid="status-backend">{info?.backend ?? '…'}</strong>
          </span>
          <span className="status-item status-adapter" title={info?.adapter}>
            <span className="status-label">Adapter</span>
            <span data-testid="status-adapter">{info?.adapter ?? '…'}</span>
          </span>
          <span className="status-item status-workspace" title={info?.workspace}>
            <span className="status-label">Workspace</span>
            <span className="mono" data-testid="status-workspace">{info?.workspace ?? '…'}</span>
          </span>
        </>
      )}
      <span className="status-spacer" />
      <span className="status-item" data-testid="status-jobs">
        {running > 0 ? `${running} running` : 'Idle'}
        {queued > 0 ? ` · ${queued} queued` : ''}
      </span>
      {info && (
        <span className="status-item status-host">
          {info.host === 'web' ? 'Web mode' : 'Desktop'} · v{info.version}
        </span>
      )}
    </footer>
  );
}
