// "Import folder…": a capture or image folder on the machine that runs the engine (in web mode
// that is the server, not this browser). Errors are shown next to the field they concern; an
// error about a file inside the folder is shown as a report under the form.
import { useState, type FormEvent } from 'react';
import { errorIsFor } from '../lib';
import type { UiError } from '../lib';
import { FieldError } from './field-error';
import { ModalDialog } from './modal-dialog';

interface ImportDialogProps {
  open: boolean;
  onClose(): void;
  onImport(path: string, name: string | undefined): Promise<UiError | null>;
}

export function ImportDialog({ open, onClose, onImport }: ImportDialogProps) {
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) {
      setError({ message: 'Enter the folder’s path on the engine machine.', field: 'path' });
      return;
    }
    setBusy(true);
    const result = await onImport(path.trim(), name.trim() || undefined);
    setBusy(false);
    setError(result);
    if (!result) {
      setPath('');
      setName('');
      onClose();
    }
  };

  // Short messages go next to their field; a capture's validation problems (which name the
  // file and field inside the folder, possibly several lines) go into the report below.
  const inline = (field: string) => errorIsFor(error, field) && isShort(error?.message ?? '') ? error?.message ?? null : null;
  const pathError = inline('path');
  const nameError = inline('name');
  const otherError = error && !pathError && !nameError ? error : null;

  return (
    <ModalDialog open={open} title="Import a capture folder" onClose={close} testId="import-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p className="form-hint">
          The folder must be on the machine running the engine. Supported: Blender
          (<code>transforms_*.json</code>), nerfstudio / Instant-NGP (<code>transforms.json</code>),
          COLMAP text, LLFF, or a folder of images. The files are copied into the workspace.
        </p>
        <label className="field">
          <span className="field-label">Folder path</span>
          <input
            className={`input mono ${errorIsFor(error, 'path') ? 'invalid' : ''}`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/home/me/captures/lego"
            data-autofocus
            spellCheck={false}
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
            placeholder="Defaults to the folder name"
            maxLength={120}
            aria-invalid={nameError ? true : undefined}
            aria-describedby="import-name-error"
            data-testid="import-name"
          />
          <FieldError id="import-name-error" message={nameError} />
        </label>
        {otherError && (
          <div id="import-report" className="validation-report" role="alert" data-testid="import-report">
            <h3>The folder could not be imported</h3>
            {otherError.field && <p className="report-field">About the field: <code>{otherError.field}</code></p>}
            <pre className="report-message">{otherError.message}</pre>
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={close} disabled={busy}>Cancel</button>
          <button type="submit" className="button primary" disabled={busy} data-testid="import-submit">
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

function isShort(message: string): boolean {
  return message.length <= 140 && !message.includes('\n');
}
