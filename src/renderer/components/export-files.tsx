// The files of an export item (or a model's .plxm) with a way to take them out of the studio:
// a Download link in web mode (`/files/...?download=1`, saved under the file's own name) and a
// "Save as…" button in the desktop app (StudioApi.saveItemFile shows the native save dialog).
import type { WorkspaceItem } from '../../shared';
import { fileUrl, isDesktopApp } from '../api';
import { itemFilePath } from '../lib';

interface ExportFilesProps {
  item: WorkspaceItem;
  onSave(item: WorkspaceItem, file: string): void;
  /** Files listed before "and N more" (turntables have many frames). */
  limit?: number;
}

/** The downloadable files of an item: an export's files, a model's model file; none otherwise. */
export function itemFiles(item: WorkspaceItem): string[] {
  if (item.status !== 'ok') return [];
  const m = item.manifest;
  if (m.kind === 'export') return m.files;
  if (m.kind === 'model') return [m.file];
  return [];
}

const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);

export function ExportFiles({ item, onSave, limit = 3 }: ExportFilesProps) {
  const files = itemFiles(item);
  if (files.length === 0) return null;
  const desktop = isDesktopApp();
  const shown = files.slice(0, limit);
  return (
    <ul className="export-files" aria-label="Files" data-testid="export-files">
      {shown.map((file) => {
        const path = itemFilePath(item.kind, item.id, file);
        if (!path) return null;
        return (
          <li key={file} className="export-file" data-testid="export-file" data-file={file}>
            <span className="export-file-name mono" title={file}>{baseName(file)}</span>
            {desktop ? (
              <button type="button" className="button small" onClick={() => onSave(item, file)} data-testid="export-save">
                Save as…
              </button>
            ) : (
              <a className="button small" href={`${fileUrl(path)}?download=1`} download={baseName(file)} data-testid="export-download">
                Download
              </a>
            )}
          </li>
        );
      })}
      {files.length > shown.length && (
        <li className="export-file more">+ {files.length - shown.length} more file{files.length - shown.length === 1 ? '' : 's'} in the export folder</li>
      )}
    </ul>
  );
}
