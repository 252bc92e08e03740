// Status bar: compute backend and adapter, engine memory (polled every few seconds while the
// window is visible), workspace location, host kind and job summary.
import { useEffect, useState } from 'react';
import type { EngineInfo, JobRecord, StudioApi, StudioStatus } from '../../shared';
import { formatEta, progressFraction } from '../lib';
import type { UiError } from '../lib';

interface StatusBarProps {
  info: EngineInfo | null;
  error: UiError | null;
  jobs: JobRecord[];
  /** When given, engine memory is polled with getStatus. */
  api?: StudioApi;
}

export const STATUS_POLL_MS = 4000;

/** getStatus every STATUS_POLL_MS while the document is visible; null until the first answer. */
function useEngineStatus(api: StudioApi | undefined): StudioStatus | null {
  const [status, setStatus] = useState<StudioStatus | null>(null);
  useEffect(() => {
    if (!api) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = () => {
      timer = null;
      if (document.hidden) return; // resumed by visibilitychange
      api.getStatus({})
        .then((s) => alive && setStatus(s))
        .catch(() => alive && setStatus(null))
        .finally(() => { if (alive && !document.hidden && timer === null) timer = setTimeout(poll, STATUS_POLL_MS); });
    };
    const onVisibility = () => {
      if (!document.hidden && timer === null) poll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    poll();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api]);
  return status;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}

function jobSummary(jobs: JobRecord[]): string {
  const running = jobs.filter((j) => j.state === 'running' || j.state === 'cancelling');
  const queued = jobs.filter((j) => j.state === 'queued').length;
  if (running.length === 0) return queued > 0 ? `${queued} queued` : 'Idle';
  const first = running[0].progress;
  const pct = first ? ` ${Math.round(100 * progressFraction(first.step, first.total))}%` : '';
  const eta = first?.etaSeconds != null ? ` · ${formatEta(first.etaSeconds)}` : '';
  return `${running.length} running${running.length === 1 ? `${pct}${eta}` : ''}${queued > 0 ? ` · ${queued} queued` : ''}`;
}

export function StatusBar({ info, error, jobs, api }: StatusBarProps) {
  const status = useEngineStatus(api);
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
          {api && (
            <span
              className="status-item status-memory"
              title={status ? `Engine process: ${formatBytes(status.rssBytes)} resident, ${formatBytes(status.heapUsedBytes)} JS heap, ${formatBytes(status.externalBytes)} buffers. Machine: ${formatBytes(status.freeSystemBytes)} free of ${formatBytes(status.totalSystemBytes)}.` : undefined}
            >
              <span className="status-label">Memory</span>
              <span data-testid="status-memory">
                {status ? `${formatBytes(status.rssBytes)} · ${formatBytes(status.freeSystemBytes)} free` : '…'}
              </span>
            </span>
          )}
          <span className="status-item status-workspace" title={info?.workspace}>
            <span className="status-label">Workspace</span>
            <span className="mono" data-testid="status-workspace">{info?.workspace ?? '…'}</span>
          </span>
        </>
      )}
      <span className="status-spacer" />
      <span className="status-item" data-testid="status-jobs">{jobSummary(jobs)}</span>
      {info && (
        <span className="status-item status-host">
          {info.host === 'web' ? 'Web mode' : 'Desktop'} · v{info.version}
        </span>
      )}
    </footer>
  );
}
