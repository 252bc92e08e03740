// Floating controls over the canvas: shading mode and the grid/axes helpers.
import type { ShadingMode } from './scene-model';

interface ViewOptionsProps {
  mode: ShadingMode;
  onMode(mode: ShadingMode): void;
  showGrid: boolean;
  onShowGrid(v: boolean): void;
  showAxes: boolean;
  onShowAxes(v: boolean): void;
}

const MODES: { value: ShadingMode; label: string }[] = [
  { value: 'colour', label: 'Vertex colour' },
  { value: 'shaded', label: 'Shaded' },
  { value: 'wireframe', label: 'Wireframe' },
];

export function ViewOptions(props: ViewOptionsProps) {
  return (
    <div className="view-options">
      <div className="segmented" role="group" aria-label="Shading">
        {MODES.map((m) => (
          <button
            key={m.value}
            type="button"
            className="segment"
            aria-pressed={props.mode === m.value}
            onClick={() => props.onMode(m.value)}
            data-testid={`mode-${m.value}`}
          >
            {m.label}
          </button>
        ))}
      </div>
      <label className="toggle">
        <input type="checkbox" checked={props.showGrid} onChange={(e) => props.onShowGrid(e.target.checked)} />
        Grid
      </label>
      <label className="toggle">
        <input type="checkbox" checked={props.showAxes} onChange={(e) => props.onShowAxes(e.target.checked)} />
        Axes
      </label>
    </div>
  );
}
