// The viewer screen: toolbar (back, name, fit view, screenshot), the 3D canvas with floating
// view options, and the metrics panel. `data-state` on the root says loading / ready / error /
// no-mesh, for people (the overlay) and for tests. Keys: arrows orbit, +/- zoom, F fits,
// Esc goes back.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { WebGLRenderer } from 'three';
import type { WorkspaceItem } from '../../shared';
import { fileUrl } from '../api';
import { cacheBust, meshPath, previewPath } from '../lib';
import type { NudgeRequest } from './camera-rig';
import { nudgeForKey } from './keyboard-orbit';
import { MetricsPanel } from './metrics-panel';
import { SceneCanvas } from './scene-canvas';
import type { MeshStats, ShadingMode } from './scene-model';
import { ViewOptions } from './view-options';
import { ViewerErrorBoundary } from './viewer-error-boundary';
import { ViewerToolbar } from './viewer-toolbar';

type ViewerState = 'loading' | 'ready' | 'error' | 'no-mesh';

interface ViewerScreenProps {
  scene: WorkspaceItem;
  nameOf(id: string): string | undefined;
  onBack(): void;
}

export function ViewerScreen({ scene, nameOf, onBack }: ViewerScreenProps) {
  const manifest = scene.status === 'ok' && scene.manifest.kind === 'scene' ? scene.manifest : null;
  const mesh = meshPath(scene);
  const url = mesh && manifest ? cacheBust(fileUrl(mesh), manifest.updatedAt) : null;
  const [mode, setMode] = useState<ShadingMode>('colour');
  const [showGrid, setShowGrid] = useState(true);
  const [showAxes, setShowAxes] = useState(true);
  const [fitKey, setFitKey] = useState(0);
  const [nudge, setNudge] = useState<NudgeRequest | null>(null);
  const [stats, setStats] = useState<MeshStats | null>(null);
  const [state, setState] = useState<ViewerState>(url ? 'loading' : 'no-mesh');
  const gl = useRef<WebGLRenderer | null>(null);
  const canvasArea = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setStats(null);
    setState(url ? 'loading' : 'no-mesh');
    // Put keyboard focus on the canvas area so the view keys work at once.
    canvasArea.current?.focus({ preventScroll: true });
  }, [url]);

  const onLoaded = useCallback((s: MeshStats) => {
    setStats(s);
    // Ready once the fitted frame has been drawn: the camera rig asks for a frame in a layout
    // effect, which the demand loop renders on the next animation frame.
    requestAnimationFrame(() => requestAnimationFrame(() => setState('ready')));
  }, []);
  const onError = useCallback(() => setState('error'), []);
  const onRenderer = useCallback((r: WebGLRenderer | null) => {
    gl.current = r;
  }, []);

  const screenshot = useCallback(() => {
    const canvas = gl.current?.domElement;
    if (!canvas) return;
    const link = document.createElement('a');
    link.href = canvas.toDataURL('image/png');
    link.download = `${(manifest?.name ?? scene.id).replace(/[^\w.-]+/g, '_')}.png`;
    link.click();
  }, [manifest, scene.id]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape') {
      onBack();
      return;
    }
    if (e.key === 'f' || e.key === 'F') {
      setFitKey((k) => k + 1);
      return;
    }
    // Arrow keys orbit only when focus is on the canvas area (elsewhere they move focus).
    const n = e.target === canvasArea.current ? nudgeForKey(e.key) : null;
    if (n) {
      e.preventDefault();
      setNudge((prev) => ({ nudge: n, id: (prev?.id ?? 0) + 1 }));
    }
  };

  if (!manifest) {
    return (
      <section className="viewer" data-testid="viewer" data-state="error">
        <p className="banner error" role="alert">This scene is damaged and cannot be opened.</p>
        <button type="button" className="button" onClick={onBack}>Back to the gallery</button>
      </section>
    );
  }
  const preview = previewPath(scene);
  return (
    <section className="viewer" data-testid="viewer" data-state={state} aria-label={`Viewer: ${manifest.name}`} onKeyDown={onKeyDown}>
      <ViewerToolbar
        name={manifest.name}
        onFit={() => setFitKey((k) => k + 1)}
        onScreenshot={screenshot}
        canScreenshot={state === 'ready'}
        onBack={onBack}
      />
      <div className="viewer-body">
        <div
          ref={canvasArea}
          className="viewer-canvas"
          data-testid="viewer-canvas"
          tabIndex={0}
          role="application"
          aria-label="3D view. Arrow keys orbit, plus and minus zoom, F fits the view, Escape returns to the gallery."
          aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown + - F Escape"
        >
          {url ? (
            <ViewerErrorBoundary key={url} onError={onError}>
              <SceneCanvas
                key={url}
                url={url}
                mode={mode}
                showGrid={showGrid}
                showAxes={showAxes}
                fitKey={fitKey}
                nudge={nudge}
                onLoaded={onLoaded}
                onRenderer={onRenderer}
              />
            </ViewerErrorBoundary>
          ) : (
            <div className="viewer-failure" data-testid="viewer-no-mesh">
              <h3>This scene has no mesh yet</h3>
              {preview ? <img className="viewer-fallback-image" src={fileUrl(preview)} alt="Preview render" /> : null}
            </div>
          )}
          {url && state !== 'error' && (
            <ViewOptions
              mode={mode}
              onMode={setMode}
              showGrid={showGrid}
              onShowGrid={setShowGrid}
              showAxes={showAxes}
              onShowAxes={setShowAxes}
            />
          )}
          {state === 'loading' && <div className="viewer-overlay" aria-live="polite">Loading the scene…</div>}
          <p className="viewer-hint">Drag to orbit · right-drag to pan · scroll or +/− to zoom · arrows orbit · F fits · Esc goes back</p>
        </div>
        <MetricsPanel manifest={manifest} stats={stats} sourceName={manifest.sourceId ? nameOf(manifest.sourceId) : undefined} />
      </div>
    </section>
  );
}
