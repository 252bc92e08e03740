// Viewer toolbar: back to the gallery, the scene name, fit view, screenshot, recording one
// turntable revolution to a WebM (offered as a download link when done), and Export….

export type RecordState =
  | { status: 'idle' }
  | { status: 'recording'; seconds: number }
  | { status: 'done'; url: string; fileName: string; bytes: number }
  | { status: 'error'; message: string };

interface ViewerToolbarProps {
  name: string;
  onFit(): void;
  onScreenshot(): void;
  canScreenshot: boolean;
  onRecord(): void;
  /** False hides the record button (no MediaRecorder). */
  recordSupported: boolean;
  record: RecordState;
  onBack(): void;
  /** Opens the app's Export dialog for this scene; absent hides the button. */
  onExport?(): void;
}

export function ViewerToolbar(props: ViewerToolbarProps) {
  const { record } = props;
  return (
    <div className="viewer-toolbar">
      <button type="button" className="button ghost" onClick={props.onBack} data-testid="viewer-back">
        ← Gallery
      </button>
      <h1 className="screen-title viewer-name" title={props.name} data-testid="viewer-title">{props.name}</h1>
      <span className="viewer-record-status" role="status" aria-live="polite" data-testid="record-status">
        {record.status === 'recording' && `Recording one turn (${record.seconds} s)…`}
        {record.status === 'error' && <span className="error-text">{record.message}</span>}
        {record.status === 'done' && (
          <a className="button ghost" href={record.url} download={record.fileName} data-testid="record-download" data-bytes={record.bytes}>
            Download video ({formatBytes(record.bytes)})
          </a>
        )}
      </span>
      <button type="button" className="button" onClick={props.onFit} data-testid="viewer-fit" aria-keyshortcuts="F">
        Fit view
      </button>
      {props.recordSupported && (
        <button
          type="button"
          className="button"
          onClick={props.onRecord}
          disabled={!props.canScreenshot || record.status === 'recording'}
          data-testid="viewer-record"
        >
          {record.status === 'recording' ? 'Recording…' : 'Record turntable'}
        </button>
      )}
      <button
        type="button"
        className="button primary"
        onClick={props.onScreenshot}
        disabled={!props.canScreenshot}
        data-testid="viewer-screenshot"
      >
        Screenshot
      </button>
      {props.onExport && (
        <button type="button" className="button" onClick={props.onExport} data-testid="viewer-export">
          Export…
        </button>
      )}
    </div>
  );
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}
