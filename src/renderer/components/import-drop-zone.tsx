// Drop zone of the import dialog: drag in a capture folder, photos or a .zip, or use
// "Choose files…" (<input type=file multiple>) / "Choose folder…" (<input webkitdirectory>).
import { useRef, useState, type DragEvent } from 'react';
import { selectionFromDrop, selectionFromInput, type Selection } from './import-files';

interface DropZoneProps {
  disabled: boolean;
  onSelect(selection: Selection): void;
  onError(message: string): void;
  /** Short description of the current selection, shown in the zone. */
  summary: string | null;
}

export function ImportDropZone({ disabled, onSelect, onError, summary }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const accepts = (e: DragEvent) => !disabled && Array.from(e.dataTransfer.types).includes('Files');
  const onDragOver = (e: DragEvent) => {
    if (!accepts(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    selectionFromDrop(e.dataTransfer).then(
      (sel) => (sel.files.length ? onSelect(sel) : onError('Nothing to import in what was dropped (empty folder?).')),
      (err: unknown) => onError(`Could not read what was dropped: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  const fromInput = (input: HTMLInputElement | null) => {
    if (!input) return;
    const sel = selectionFromInput(input.files);
    input.value = '';
    if (sel.files.length) onSelect(sel);
  };

  return (
    <div
      className={`drop-zone ${over ? 'over' : ''} ${summary ? 'has-selection' : ''}`}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="import-drop-zone"
      aria-disabled={disabled || undefined}
    >
      <p className="drop-title">{summary ?? 'Drop a capture folder, photos or a .zip here'}</p>
      <p className="drop-hint">
        Blender, nerfstudio / Instant-NGP, COLMAP text, LLFF, a folder of photos, a single photo, a video (MP4, MOV, WebM), or a zip of any of these.
      </p>
      <div className="drop-actions">
        <button type="button" className="button small" disabled={disabled} onClick={() => filesInput.current?.click()} data-testid="import-choose-files">
          Choose files…
        </button>
        <button type="button" className="button small" disabled={disabled} onClick={() => folderInput.current?.click()} data-testid="import-choose-folder">
          Choose folder…
        </button>
      </div>
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        accept=".zip,image/png,image/jpeg,image/webp,.json,.txt,.npy,application/zip,video/mp4,video/quicktime,video/webm,.mp4,.mov,.m4v,.webm"
        onChange={(e) => fromInput(e.currentTarget)}
        data-testid="import-files-input"
      />
      <input
        ref={(el) => {
          folderInput.current = el;
          // React does not know webkitdirectory; set it on the element.
          if (el) el.setAttribute('webkitdirectory', '');
        }}
        type="file"
        multiple
        hidden
        onChange={(e) => fromInput(e.currentTarget)}
        data-testid="import-folder-input"
      />
    </div>
  );
}
