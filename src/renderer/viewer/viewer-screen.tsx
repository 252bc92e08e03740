// The viewer screen: toolbar (back, name, fit view, record turntable, screenshot), the 3D
// canvas with floating view options, and the metrics panel. `data-state` on the root says
// loading / ready / error / empty for the current render mode, for people (the overlay) and for
// tests; `data-mode` names the mode shown. Keys: 1..5 render modes, T turntable, arrows orbit,
// +/- zoom, F fits, Esc goes back.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { WebGLRenderer } from 'three';
import type { WorkspaceItem } from '../../shared';
import { fileUrl } from '../api';
import { cacheBust, itemFilePath, meshPath, previewPath, toUiError } from '../lib';
import { pointBounds, unionBounds } from './camera-fit';
import type { NudgeRequest } from './camera-rig';
import { cameraCentre } from '../lib/frustum-geometry';
import { nudgeForKey } from './keyboard-orbit';
import { backdropColour } from './backdrop';
import { MetricsPanel } from './metrics-panel';
import { defaultMode, isMeshMode, modeForKey, usableMode, type MeshMode, type RenderMode } from './render-modes';
import { SceneCanvas, VIEWER_BACKGROUND } from './scene-canvas';
import type { MeshStats } from './scene-model';
import { sourceCaptureId, useCaptureCameras } from './use-capture-cameras';
import { useTurntableRecording } from './use-turntable-recording';
import { useSplatScene } from './use-splat-scene';
import { useVolume } from './use-volume';
import { VIEWER_DENSITY_DEFAULT } from './volume-shader';
import { ViewOptions } from './view-options';
import { ViewerErrorBoundary } from './viewer-error-boundary';
import { ViewerToolbar } from './viewer-toolbar';

type LoadStatus = 'none' | 'loading' | 'ready' | 'error';

interface ViewerScreenProps {
  scene: WorkspaceItem;
  nameOf(id: string): string | undefined;
  onBack(): void;
  /** Opens the Export dialog for this scene. */
  onExport?(): void;
}

export function ViewerScreen({ scene, nameOf, onBack, onExport }: ViewerScreenProps) {
  const manifest = scene.status === 'ok' && scene.manifest.kind === 'scene' ? scene.manifest : null;
  const version = manifest?.updatedAt ?? '';
  const mesh = meshPath(scene);
  const meshUrl = mesh && manifest ? cacheBust(fileUrl(mesh), version) : null;
  const volumeRel = manifest?.files.volume ? itemFilePath('scene', scene.id, manifest.files.volume) : null;
  const volumeUrl = volumeRel ? cacheBust(fileUrl(volumeRel), version) : null;
  const volumeLoad = useVolume(volumeUrl);
  const splats = useSplatScene(scene);
  const cameras = useCaptureCameras(manifest ? sourceCaptureId(manifest) : null);
  const recorder = useTurntableRecording();

  const [meshStatus, setMeshStatus] = useState<LoadStatus>(meshUrl ? 'loading' : 'none');
  const [meshError, setMeshError] = useState<string | null>(null);
  const [stats, setStats] = useState<MeshStats | null>(null);
  const [mode, setMode] = useState<RenderMode>(() => defaultMode({ volume: !!volumeUrl, mesh: !!meshUrl }));
  const [meshMode, setMeshMode] = useState<MeshMode>('colour');
  const [showGrid, setShowGrid] = useState(true);
  const [showAxes, setShowAxes] = useState(true);
  const [showCameras, setShowCameras] = useState(false);
  const [turntable, setTurntable] = useState(false);
  const [secondsPerTurn, setSecondsPerTurn] = useState(8);
  const [runKey, setRunKey] = useState(0);
  const [fitKey, setFitKey] = useState(0);
  const [nudge, setNudge] = useState<NudgeRequest | null>(null);
  const [drawn, setDrawn] = useState<string | null>(null);
  const [fatal, setFatal] = useState(false);
  const [useBackdrop, setUseBackdrop] = useState(false);
  const [density, setDensity] = useState(VIEWER_DENSITY_DEFAULT);
  const backdrop = backdropColour(manifest?.settings.background);
  const gl = useRef<WebGLRenderer | null>(null);
  const canvasArea = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setStats(null);
    setMeshError(null);
    setMeshStatus(meshUrl ? 'loading' : 'none');
    setFatal(false);
    canvasArea.current?.focus({ preventScroll: true });
  }, [meshUrl]);

  const volumeStatus: LoadStatus = volumeLoad.status;
  const available = { volume: volumeStatus === 'loading' || volumeStatus === 'ready', mesh: meshStatus === 'loading' || meshStatus === 'ready' };
  const shown = usableMode(mode, available);
  const active = splats.url ? splats.status : shown === 'volume' ? volumeStatus : meshStatus;
  const volume = volumeLoad.status === 'ready' ? volumeLoad.volume : null;
  // Fit to the volume's occupied voxels when there is a volume (wait for it rather than jump),
  // else to the mesh.
  const bounds = splats.url ? (splats.stats?.bounds ?? null) : volumeLoad.status === 'ready' ? volumeLoad.bounds
    : volumeStatus === 'loading' ? null : (stats?.bounds ?? null);
  const shownCameras = showCameras ? cameras : null;
  const fitBounds = useMemo(
    () => (bounds && shownCameras ? unionBounds(bounds, pointBounds(shownCameras.views.map(cameraCentre))) : bounds),
    [bounds, shownCameras],
  );
  const drawKey = `${shown}:${active}:${bounds ? 'b' : '-'}`;

  // Ready once the content of the shown mode has been drawn: effects ask the demand loop for a
  // frame, which renders on the next animation frame.
  useEffect(() => {
    if (active !== 'ready' || !bounds) return;
    let second = 0;
    const first = requestAnimationFrame(() => { second = requestAnimationFrame(() => setDrawn(drawKey)); });
    return () => { cancelAnimationFrame(first); cancelAnimationFrame(second); };
  }, [active, bounds, drawKey]);

  const onMeshLoaded = useCallback((s: MeshStats) => {
    setStats(s);
    setMeshStatus('ready');
  }, []);
  const onMeshError = useCallback((e: unknown) => {
    setMeshStatus('error');
    setMeshError(toUiError(e).message);
  }, []);
  const onRenderer = useCallback((r: WebGLRenderer | null) => {
    gl.current = r;
  }, []);
  const pickMode = useCallback((m: RenderMode) => {
    setMode(m);
    if (isMeshMode(m)) setMeshMode(m);
  }, []);

  const name = manifest?.name ?? scene.id;
  const screenshot = useCallback(() => {
    const canvas = gl.current?.domElement;
    if (!canvas) return;
    const link = document.createElement('a');
    link.href = canvas.toDataURL('image/png');
    link.download = `${name.replace(/[^\w.-]+/g, '_')}.png`;
    link.click();
  }, [name]);
  const record = () => {
    setRunKey((k) => k + 1);
    recorder.start(gl.current?.domElement ?? null, secondsPerTurn, name);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape') return onBack();
    if (e.key === 'f' || e.key === 'F') return setFitKey((k) => k + 1);
    if (e.key === 't' || e.key === 'T') return setTurntable((v) => !v);
    const m = modeForKey(e.key, available);
    if (m) return pickMode(m);
    // Arrow keys orbit only when focus is on the canvas area (elsewhere they move focus).
    const n = t === canvasArea.current ? nudgeForKey(e.key) : null;
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
  const hasContent = !!meshUrl || !!volumeUrl || !!splats.url;
  const state = !hasContent ? 'empty'
    : fatal || active === 'error' || active === 'none' ? 'error'
      : drawn === drawKey ? 'ready' : 'loading';
  const preview = previewPath(scene);
  const notice = splats.error ? `The splats could not be loaded: ${splats.error}` : volumeLoad.status === 'error' ? `The volume could not be loaded: ${volumeLoad.message}`
    : meshError ? `The mesh could not be loaded: ${meshError}` : null;
  return (
    <section
      className="viewer" data-testid="viewer" data-state={state} data-mode={splats.url ? 'splats' : shown}
      aria-label={`Viewer: ${manifest.name}`} onKeyDown={onKeyDown}
    >
      <ViewerToolbar
        name={manifest.name}
        onFit={() => setFitKey((k) => k + 1)}
        onScreenshot={screenshot}
        canScreenshot={state === 'ready'}
        onRecord={record}
        recordSupported={recorder.supported}
        record={recorder.state}
        onBack={onBack}
        onExport={onExport}
      />
      <div className="viewer-body">
        <div
          ref={canvasArea}
          className="viewer-canvas"
          data-testid="viewer-canvas"
          tabIndex={0}
          role="application"
          aria-label="3D view. Keys 1 to 5 switch the render mode, T plays the turntable, arrow keys orbit, plus and minus zoom, F fits the view, Escape returns to the gallery."
          aria-keyshortcuts="1 2 3 4 5 T ArrowLeft ArrowRight ArrowUp ArrowDown + - F Escape"
        >
          {hasContent ? (
            <ViewerErrorBoundary key={`${meshUrl}|${volumeUrl}|${splats.url}`} onError={() => setFatal(true)}>
              <SceneCanvas
                background={useBackdrop && backdrop ? backdrop : VIEWER_BACKGROUND}
                meshUrl={meshUrl}
                volume={volume}
                splats={splats}
                mode={shown}
                densityScale={density}
                meshMode={meshMode}
                bounds={bounds}
                fitBounds={fitBounds}
                cameras={shownCameras}
                showGrid={showGrid}
                showAxes={showAxes}
                turntable={{ playing: turntable || recorder.recording, secondsPerTurn, runKey }}
                fitKey={fitKey}
                nudge={nudge}
                onMeshLoaded={onMeshLoaded}
                onMeshError={onMeshError}
                onRenderer={onRenderer}
              />
            </ViewerErrorBoundary>
          ) : (
            <div className="viewer-failure" data-testid="viewer-no-mesh">
              <h3>This scene has nothing to show in 3D yet</h3>
              {preview ? <img className="viewer-fallback-image" src={fileUrl(preview)} alt="Preview render" /> : null}
            </div>
          )}
          {hasContent && state !== 'error' && (
            <ViewOptions
              mode={shown}
              available={available}
              onMode={pickMode}
              showGrid={showGrid}
              onShowGrid={setShowGrid}
              showAxes={showAxes}
              onShowAxes={setShowAxes}
              showCameras={cameras ? showCameras : null}
              onShowCameras={setShowCameras}
              turntable={turntable}
              onTurntable={setTurntable}
              secondsPerTurn={secondsPerTurn}
              onSecondsPerTurn={setSecondsPerTurn}
              recording={recorder.recording}
              captureBackdrop={backdrop ? useBackdrop : null}
              onCaptureBackdrop={setUseBackdrop}
              density={density}
              onDensity={setDensity}
            />
          )}
          {state === 'loading' && <div className="viewer-overlay" aria-live="polite">Loading the scene…</div>}
          {notice && <p className="viewer-notice" role="status" data-testid="viewer-notice">{notice}</p>}
          <p className="viewer-hint">Drag to orbit · right-drag to pan · scroll or +/− to zoom · 1–5 modes · T turntable · F fits · Esc goes back</p>
        </div>
        <MetricsPanel manifest={manifest} stats={stats} hasMesh={!!meshUrl} splats={splats.url ? splats.stats ?? 'loading' : null} sourceName={manifest.sourceId ? nameOf(manifest.sourceId) : undefined} />
      </div>
    </section>
  );
}
