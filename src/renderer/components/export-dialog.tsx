// "Export…" on a scene: pick a format (each with a one-line explanation), start the export job,
// follow its progress, then take the validated files out: Download (web) or Save as… (desktop).
// The result is matched to the export item by the job's resultIds.
import { useEffect, useState, type FormEvent } from 'react';
import { ExportJobSpecSchema } from '../../shared';
import type { JobRecord, StudioApi, WorkspaceItem } from '../../shared';
import { itemName, jobAdvice, toUiError } from '../lib';
import { ExportFiles } from './export-files';
import { METHOD_EXPORTS_NOTE, exportFormatsFor, exportSpec, isSplatScene, type ExportChoice } from './export-formats';
import { ModalDialog } from './modal-dialog';
import { ProgressBar } from './progress-bar';

export interface ExportTarget {
  scene: WorkspaceItem;
  /** Show this export job (e.g. from a notification) instead of the format choice. */
  jobId?: string;
}

interface ExportDialogProps {
  target: ExportTarget | null;
  api: StudioApi;
  jobs: JobRecord[];
  items: WorkspaceItem[] | null;
  onClose(): void;
  onStarted(): void;
  onSave(item: WorkspaceItem, file: string): void;
}

export function ExportDialog({ target, api, jobs, items, onClose, onStarted, onSave }: ExportDialogProps) {
  const [choice, setChoice] = useState<ExportChoice>('glb');
  const [frames, setFrames] = useState('36');
  const [size, setSize] = useState('256');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setJobId(target?.jobId ?? null);
    setError(null);
    if (target) setChoice(exportFormatsFor(target.scene)[0].value);
  }, [target]);

  const job = jobId ? jobs.find((j) => j.id === jobId) ?? null : null;
  const results = job?.state === 'succeeded' ? (items ?? []).filter((i) => i.kind === 'export' && job.resultIds.includes(i.id)) : [];
  const sceneName = target ? itemName(target.scene) : '';
  const formats = target ? exportFormatsFor(target.scene) : [];
  const splats = target ? isSplatScene(target.scene) : false;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!target) return;
    const parsed = ExportJobSpecSchema.safeParse(exportSpec(target.scene.id, choice, { frames: Number(frames), size: Number(size) }));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue?.path[0] === 'frames' ? 'Frames: enter a whole number from 4 to 360.' : issue?.path[0] === 'size' ? 'Frame size: enter 32 to 1024 pixels.' : issue?.message ?? 'Invalid settings');
      return;
    }
    setBusy(true);
    try {
      const record = await api.startJob(parsed.data);
      setJobId(record.id);
      setError(null);
      onStarted();
    } catch (err) {
      setError(toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog open={target !== null} title={`Export “${sceneName}”`} onClose={onClose} testId="export-dialog">
      {job ? (
        <div className="form export-status" data-testid="export-status" data-state={job.state}>
          <ProgressBar step={job.progress?.step ?? 0} total={job.progress?.total ?? 1} label="Export progress" tone={job.state === 'failed' ? 'failed' : job.state === 'succeeded' ? 'done' : 'active'} />
          {job.state === 'succeeded' ? (
            results.length === 0 ? <p className="form-hint">Adding the export to the gallery…</p> : results.map((item) => (
              <section key={item.id} className="export-result" data-testid="export-result" data-id={item.id}>
                <h3 className="export-result-name">{itemName(item)}</h3>
                {item.status === 'ok' && item.manifest.kind === 'export' && item.manifest.validation && (
                  <p className="export-validation" data-testid="export-validation">✓ {item.manifest.validation}</p>
                )}
                <ExportFiles item={item} onSave={onSave} limit={4} />
              </section>
            ))
          ) : job.state === 'failed' || job.state === 'cancelled' || job.state === 'interrupted' ? (
            <p className="banner error" role="alert" data-testid="export-error">
              {job.state === 'failed' ? `Export failed: ${job.error ?? 'unknown error'}` : 'The export stopped before it finished.'} {jobAdvice(job) ?? ''}
            </p>
          ) : (
            <p className="form-hint" aria-live="polite">{job.progress?.message ? capitalise(job.progress.message) : 'Waiting for the engine…'}</p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setJobId(null)} disabled={!['succeeded', 'failed', 'cancelled', 'interrupted'].includes(job.state)} data-testid="export-another">
              Export another format
            </button>
            <button type="button" className="button primary" onClick={onClose}>Close</button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <fieldset className="field">
            <legend className="field-label">Format</legend>
            <div className="export-formats">
              {formats.map((f) => (
                <label key={f.value} className="preset-option export-format">
                  <input type="radio" name="export-format" value={f.value} checked={choice === f.value} onChange={() => setChoice(f.value)} data-testid={`export-format-${f.value}`} />
                  <span className="preset-text">
                    <strong>{f.label}</strong>
                    <span className="preset-hint">{f.hint}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {choice === 'turntable' && (
            <div className="export-turntable-options">
              <label className="field">
                <span className="field-label">Frames</span>
                <input className="input narrow" type="number" min={4} max={360} step={1} value={frames} onChange={(e) => setFrames(e.target.value)} data-testid="export-frames" />
              </label>
              <label className="field">
                <span className="field-label">Frame size (px)</span>
                <input className="input narrow" type="number" min={32} max={1024} step={1} value={size} onChange={(e) => setSize(e.target.value)} data-testid="export-size" />
              </label>
            </div>
          )}
          <p className="form-hint" data-testid="export-method-note">{METHOD_EXPORTS_NOTE}</p>
          <p className="form-hint">
            {splats
              ? 'Every splat file is read back twice before the export is reported done (our reader and PlayCanvas splat-transform, values compared).'
              : 'Every file is checked before the export is reported done (glTF validator, PLY and PNG re-read).'}
          </p>
          {error && <p className="banner error" role="alert">{error}</p>}
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose} disabled={busy}>Cancel</button>
            <button type="submit" className="button primary" disabled={busy} data-testid="export-start">{busy ? 'Starting…' : 'Export'}</button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
