// Floating controls over the canvas: the render mode (keys 1..5), grid/axes/cameras helpers,
// and turntable playback with its speed.
import { RENDER_MODES, isModeAvailable, type Availability, type RenderMode } from './render-modes';
import { VOLUME_DENSITY_CHOICES } from './volume-shader';

/** Turntable speeds: seconds per revolution. */
export const TURNTABLE_SPEEDS: readonly { seconds: number; label: string }[] = [
  { seconds: 16, label: 'Slow' },
  { seconds: 8, label: 'Normal' },
  { seconds: 4, label: 'Fast' },
];

interface ViewOptionsProps {
  mode: RenderMode;
  available: Availability;
  onMode(mode: RenderMode): void;
  showGrid: boolean;
  onShowGrid(v: boolean): void;
  showAxes: boolean;
  onShowAxes(v: boolean): void;
  /** Null hides the toggle (no cameras to show). */
  showCameras: boolean | null;
  onShowCameras(v: boolean): void;
  turntable: boolean;
  onTurntable(v: boolean): void;
  secondsPerTurn: number;
  onSecondsPerTurn(v: number): void;
  /** While recording, the turntable is driven by the recorder. */
  recording: boolean;
  /** Null hides the toggle (the scene has no sparse points). */
  showPoints: boolean | null;
  onShowPoints(v: boolean): void;
  /** Null hides the toggle (no crop box to show: the scene has no box). */
  showCrop: boolean | null;
  onShowCrop(v: boolean): void;
  /** Null hides the toggle (the scene has no known capture background). */
  captureBackdrop: boolean | null;
  onCaptureBackdrop(v: boolean): void;
  density: number;
  onDensity(v: number): void;
}

export function ViewOptions(props: ViewOptionsProps) {
  return (
    <div className="view-options" data-testid="view-options">
      <div className="segmented" role="group" aria-label="Render mode">
        {RENDER_MODES.map((m) => {
          const enabled = isModeAvailable(m.value, props.available);
          const checked = props.mode === m.value;
          return (
            <button
              key={m.value}
              type="button"
              className="segment"
              aria-pressed={checked}
              aria-keyshortcuts={m.key}
              disabled={!enabled}
              title={enabled ? `${m.label} (${m.key})` : `${m.label}: this scene has no ${m.needs}`}
              onClick={() => props.onMode(m.value)}
              data-testid={`mode-${m.value}`}
            >
              {m.label}
            </button>
          );
        })}
      </div>
      <select
        className="view-speed"
        aria-label="Volume density"
        title="Multiplies the volume's densities (x1 = as reconstructed)"
        value={props.density}
        disabled={props.mode !== 'volume'}
        onChange={(e) => props.onDensity(Number(e.target.value))}
        data-testid="volume-density"
      >
        {VOLUME_DENSITY_CHOICES.map((d) => <option key={d} value={d}>{`Density ×${d}`}</option>)}
      </select>
      <div className="view-toggles">
        <label className="toggle">
          <input type="checkbox" checked={props.showGrid} onChange={(e) => props.onShowGrid(e.target.checked)} />
          Grid
        </label>
        <label className="toggle">
          <input type="checkbox" checked={props.showAxes} onChange={(e) => props.onShowAxes(e.target.checked)} />
          Axes
        </label>
        {props.showCameras !== null && (
          <label className="toggle">
            <input
              type="checkbox"
              checked={props.showCameras}
              onChange={(e) => props.onShowCameras(e.target.checked)}
              data-testid="toggle-cameras"
            />
            Cameras
          </label>
        )}
        {props.showPoints !== null && (
          <label className="toggle" title="The sparse 3D points structure-from-motion found in the capture">
            <input type="checkbox" checked={props.showPoints} onChange={(e) => props.onShowPoints(e.target.checked)} data-testid="toggle-sparse-points" />
            Sparse points
          </label>
        )}
        {props.showCrop !== null && (
          <label className="toggle" title="The box around the object of interest: mesh and exports keep what is inside">
            <input type="checkbox" checked={props.showCrop} onChange={(e) => props.onShowCrop(e.target.checked)} data-testid="toggle-crop-box" />
            Crop box
          </label>
        )}
        {props.captureBackdrop !== null && (
          <label className="toggle" title="Show the scene over the background colour it was reconstructed against">
            <input
              type="checkbox"
              checked={props.captureBackdrop}
              onChange={(e) => props.onCaptureBackdrop(e.target.checked)}
              data-testid="toggle-backdrop"
            />
            Capture backdrop
          </label>
        )}
        <label className="toggle" title="Turntable (T)">
          <input
            type="checkbox"
            checked={props.turntable || props.recording}
            disabled={props.recording}
            onChange={(e) => props.onTurntable(e.target.checked)}
            data-testid="toggle-turntable"
            aria-keyshortcuts="T"
          />
          Turntable
        </label>
        <select
          className="view-speed"
          aria-label="Turntable speed"
          value={props.secondsPerTurn}
          disabled={props.recording}
          onChange={(e) => props.onSecondsPerTurn(Number(e.target.value))}
          data-testid="turntable-speed"
        >
          {TURNTABLE_SPEEDS.map((s) => (
            <option key={s.seconds} value={s.seconds}>{`${s.label} · ${s.seconds} s/turn`}</option>
          ))}
        </select>
      </div>
    </div>
  );
}
