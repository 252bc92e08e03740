// Viewer toolbar: back to the gallery, the scene name, fit view and screenshot.
interface ViewerToolbarProps {
  name: string;
  onFit(): void;
  onScreenshot(): void;
  canScreenshot: boolean;
  onBack(): void;
}

export function ViewerToolbar(props: ViewerToolbarProps) {
  return (
    <div className="viewer-toolbar">
      <button type="button" className="button ghost" onClick={props.onBack} data-testid="viewer-back">
        ← Gallery
      </button>
      <h1 className="screen-title viewer-name" title={props.name} data-testid="viewer-title">{props.name}</h1>
      <button type="button" className="button" onClick={props.onFit} data-testid="viewer-fit" aria-keyshortcuts="F">
        Fit view
      </button>
      <button
        type="button"
        className="button primary"
        onClick={props.onScreenshot}
        disabled={!props.canScreenshot}
        data-testid="viewer-screenshot"
      >
        Screenshot
      </button>
    </div>
  );
}
