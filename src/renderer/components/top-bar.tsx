// Top bar: product name, screen tabs (Gallery / Viewer) and the import actions.
export type Screen = 'gallery' | 'viewer' | 'generate' | 'finetune';

interface TopBarProps {
  screen: Screen;
  viewerEnabled: boolean;
  onScreen(screen: Screen): void;
  onImportSample(): void;
  importingSample: boolean;
  onImportFolder(): void;
}

export function TopBar(props: TopBarProps) {
  const { screen, viewerEnabled, onScreen } = props;
  return (
    <header className="top-bar">
      <a className="skip-link" href="#main">Skip to content</a>
      <div className="brand" aria-label="Parallax Studio">
        <span className="brand-mark" aria-hidden="true" />
        Parallax Studio
      </div>
      <nav className="screen-tabs" aria-label="Screens">
        <button
          type="button"
          className="tab"
          aria-current={screen === 'gallery' ? 'page' : undefined}
          onClick={() => onScreen('gallery')}
          data-testid="tab-gallery"
        >
          Gallery
        </button>
        <button
          type="button"
          className="tab"
          aria-current={screen === 'viewer' ? 'page' : undefined}
          disabled={!viewerEnabled}
          title={viewerEnabled ? undefined : 'Open a scene from the gallery first'}
          onClick={() => onScreen('viewer')}
          data-testid="tab-viewer"
        >
          Viewer
        </button>
        <button
          type="button"
          className="tab"
          aria-current={screen === 'generate' ? 'page' : undefined}
          onClick={() => onScreen('generate')}
          data-testid="tab-generate"
        >
          Generate
        </button>
        <button
          type="button"
          className="tab"
          aria-current={screen === 'finetune' ? 'page' : undefined}
          onClick={() => onScreen('finetune')}
          data-testid="tab-finetune"
        >
          Fine-tune
        </button>
      </nav>
      <div className="top-actions">
        <button
          type="button"
          className="button"
          onClick={props.onImportSample}
          disabled={props.importingSample}
          data-testid="top-import-sample"
        >
          {props.importingSample ? 'Importing…' : 'Import sample capture'}
        </button>
        <button type="button" className="button primary" onClick={props.onImportFolder} data-testid="import-folder-open">
          Import…
        </button>
      </div>
    </header>
  );
}
