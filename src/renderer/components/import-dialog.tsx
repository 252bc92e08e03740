// "Import…": drop or pick a capture folder, photos or a .zip (uploaded to the server in web mode;
// in the desktop app the preload gives the dropped item's real path), or type a path on the
// engine's machine. Progress while uploading and importing; a capture's validation problems are
// listed by file (import-report.tsx); after an import, its warnings and a 3D preview of its
// cameras (frustum-panel.tsx).
import { useRef, useState, type FormEvent } from 'react';
import type { StudioApi, WorkspaceItem } from '../../shared';
import { desktopPathForFile, isDesktopApp, uploadFiles, type UploadProgress } from '../api';
import { errorIsFor, itemName, toUiError } from '../lib';
import type { UiError } from '../lib';
import { FieldError } from './field-error';
import { FrustumPanel } from './frustum-panel';
import { ImportDropZone } from './import-drop-zone';
import { describeSelection, type Selection } from './import-files';
import { ImportProgress } from './import-progress';
import { ImportReport, ImportWarnings } from './import-report';
import { ModalDialog } from './modal-dialog';
import '../styles/import.css';

interface ImportDialogProps {
  open: boolean;
  api: Pick<StudioApi, 'importCapture' | 'getCaptureCameras'>;
  onClose(): void;
  /** After a successful import (refresh the gallery, notify). */
  onImported(item: WorkspaceItem): void;
}

type Phase = { kind: 'idle' } | { kind: 'uploading'; progress: UploadProgress } | { kind: 'importing' } | { kind: 'done'; item: WorkspaceItem };

/** The one path to import in the desktop app, or null (several loose files, or no real paths). */
function desktopPath(sel: Selection): string | null {
  if (sel.top.length === 1) return desktopPathForFile(sel.top[0]);
  const first = sel.files[0];
  if (sel.top.length === 0 && first?.file.webkitRelativePath) {
    // A picked folder: its files' real paths end with their relative path.
    const full = desktopPathForFile(first.file);
    const rel = first.file.webkitRelativePath;
    const folder = rel.split('/')[0];
    if (full && full.replace(/\\/g, '/').endsWith(rel)) return full.slice(0, full.length - rel.length + folder.length);
  }
  return null;
}

export function ImportDialog({ open, api, onClose, onImported }: ImportDialogProps) {
  const [selection, setSelection] = useState<Selection | null>(null);
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const busy = phase.kind === 'uploading' || phase.kind === 'importing';

  const reset = () => {
    setSelection(null);
    setPath('');
    setName('');
    setError(null);
    setPhase({ kind: 'idle' });
  };
  const close = () => {
    if (busy) {
      abort.current?.abort();
      return;
    }
    reset();
    onClose();
  };

  const run = async (): Promise<WorkspaceItem> => {
    const named = name.trim() ? { name: name.trim() } : {};
    if (selection) {
      if (isDesktopApp()) {
        const real = desktopPath(selection);
        if (!real) throw { message: 'The desktop app imports one folder, photo or .zip at a time: put several photos in a folder and drop the folder.', field: 'files' };
        setPhase({ kind: 'importing' });
        return api.importCapture({ path: real, ...named });
      }
      const controller = new AbortController();
      abort.current = controller;
      const uploadId = await uploadFiles(selection.files, {
        signal: controller.signal,
        onProgress: (progress) => setPhase({ kind: 'uploading', progress }),
      });
      abort.current = null;
      setPhase({ kind: 'importing' });
      return api.importCapture({ uploadId, ...named });
    }
    if (!path.trim()) throw { message: 'Drop or choose files, or enter a path on the engine machine.', field: 'path' };
    setPhase({ kind: 'importing' });
    return api.importCapture({ path: path.trim(), ...named });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    try {
      const item = await run();
      setPhase({ kind: 'done', item });
      onImported(item);
    } catch (err) {
      abort.current = null;
      setPhase({ kind: 'idle' });
      setError(toUiError(err));
    }
  };

  // Short messages go next to their field; a capture's problems (which name files inside it)
  // go into the report below the form.
  const inline = (field: string) => (errorIsFor(error, field) && isShort(error?.message ?? '') ? error?.message ?? null : null);
  const pathError = inline('path');
  const nameError = inline('name');
  const filesError = inline('files');
  const otherError = error && !pathError && !nameError && !filesError ? error : null;

  if (phase.kind === 'done') {
    const item = phase.item;
    const m = item.status === 'ok' && item.manifest.kind === 'capture' ? item.manifest : null;
    return (
      <ModalDialog open={open} title="Capture imported" onClose={close} testId="import-dialog">
        <div className="form" data-testid="import-done">
          <p className="import-summary">
            Imported <strong>{itemName(item)}</strong>
            {m && <> · {m.imageCount} image{m.imageCount === 1 ? '' : 's'} · {m.format}</>}
          </p>
          {m && <ImportWarnings warnings={m.warnings} />}
          <FrustumPanel api={api} captureId={item.id} height={300} />
          <div className="form-actions">
            <button type="button" className="button" onClick={reset} data-testid="import-another">Import another</button>
            <button type="button" className="button primary" onClick={close} data-autofocus data-testid="import-close">Done</button>
          </div>
        </div>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog open={open} title="Import a capture" onClose={close} testId="import-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <ImportDropZone
          disabled={busy}
          summary={selection ? describeSelection(selection) : null}
          onSelect={(sel) => { setSelection(sel); setPath(''); setError(null); }}
          onError={(message) => setError({ message, field: 'files' })}
        />
        {filesError && <FieldError id="import-files-error" message={filesError} />}
        <label className="field">
          <span className="field-label">Or a path on the engine machine <span className="optional">(folder, photo, video or .zip)</span></span>
          <input
            className={`input mono ${errorIsFor(error, 'path') ? 'invalid' : ''}`}
            value={path}
            onChange={(e) => { setPath(e.target.value); if (e.target.value) setSelection(null); }}
            placeholder="/home/me/captures/lego"
            spellCheck={false}
            disabled={busy}
            data-autofocus
            aria-invalid={errorIsFor(error, 'path') ? true : undefined}
            aria-describedby={otherError ? 'import-path-error import-report' : 'import-path-error'}
            data-testid="import-path"
          />
          <FieldError id="import-path-error" message={pathError} />
        </label>
        <label className="field">
          <span className="field-label">Name <span className="optional">(optional)</span></span>
          <input
            className={`input ${nameError ? 'invalid' : ''}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Defaults to the folder, zip or photo name"
            maxLength={120}
            disabled={busy}
            aria-invalid={nameError ? true : undefined}
            aria-describedby="import-name-error"
            data-testid="import-name"
          />
          <FieldError id="import-name-error" message={nameError} />
        </label>
        {busy && <ImportProgress phase={phase.kind} progress={phase.kind === 'uploading' ? phase.progress : null} />}
        {otherError && <ImportReport error={otherError} id="import-report" />}
        <div className="form-actions">
          <button type="button" className="button" onClick={close} disabled={phase.kind === 'importing'} data-testid="import-cancel">
            {phase.kind === 'uploading' ? 'Stop upload' : 'Cancel'}
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="import-submit">
            {phase.kind === 'uploading' ? 'Uploading…' : phase.kind === 'importing' ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

function isShort(message: string): boolean {
  return message.length <= 140 && !message.includes('\n');
}
