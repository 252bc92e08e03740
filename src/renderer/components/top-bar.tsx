// Top bar: product name, screen tabs (Gallery / Viewer / Generate / Fine-tune) and the import
// actions. The Viewer tab is disabled until a scene has been opened.
export type Screen = 'gallery' | 'viewer' | 'generate' | 'finetune';

const TABS: readonly { screen: Screen; label: string }[] = [
  { screen: 'gallery', label: 'Gallery' },
  { screen: 'viewer', label: 'Viewer' },
  { screen: 'generate', label: 'Generate' },
  { screen: 'finetune', label: 'Fine-tune' },
];

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
        {TABS.map((tab) => {
          const disabled = tab.screen === 'viewer' && !viewerEnabled;
          return (
            <button
              key={tab.screen}
              type="button"
              className="tab"
              aria-current={screen === tab.screen ? 'page' : undefined}
              disabled={disabled}
              title={disabled ? 'Open a scene from the gallery first' : undefined}
              onClick={() => onScreen(tab.screen)}
              data-testid={`tab-${tab.screen}`}
            >
              {tab.label}
            </button>
          );
        })}
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
