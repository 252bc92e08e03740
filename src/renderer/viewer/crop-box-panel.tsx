// The crop box panel: move / resize in the 3D view (TransformControls), or type the corners;
// Save writes it to the scene (setSceneCropBox) and Export then keeps only what is inside.
import { CropBoxSchema, type CropBox } from '../../shared';
import type { CropEditMode } from './crop-box-gizmo';
import { round4 } from './crop-box-math';
import type { CropBoxState } from './use-crop-box';

interface CropBoxPanelProps {
  crop: CropBoxState;
  mode: CropEditMode;
  onMode(mode: CropEditMode): void;
}

const AXES = ['x', 'y', 'z'] as const;

export function CropBoxPanel({ crop, mode, onMode }: CropBoxPanelProps) {
  const box = crop.draft;
  if (!box) return null;
  const setCorner = (corner: 'min' | 'max', axis: number, value: string) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isFinite(v)) return;
    const next: CropBox = { min: [...box.min], max: [...box.max] };
    next[corner][axis] = v;
    crop.setDraft(next);
  };
  const valid = CropBoxSchema.safeParse(box);
  const invalid = valid.success ? null : `${valid.error.issues[0]?.path.join('.')}: ${valid.error.issues[0]?.message}`;
  return (
    <div className="crop-panel" data-testid="crop-box-panel" data-dirty={crop.dirty} data-saved={crop.saved ? JSON.stringify(crop.saved) : ''}>
      <div className="crop-panel-head">
        <strong>Crop box</strong>
        <span className="crop-panel-note">{crop.saved ? 'Export keeps what is inside' : 'Not saved: export keeps the whole scene'}</span>
      </div>
      <div className="segmented" role="group" aria-label="Edit the crop box in the view">
        {([['translate', 'Move'], ['scale', 'Resize']] as const).map(([m, label]) => (
          <button key={m} type="button" className="segment" aria-pressed={mode === m} onClick={() => onMode(mode === m ? null : m)} data-testid={`crop-${m}`}>
            {label}
          </button>
        ))}
      </div>
      <table className="crop-fields">
        <thead><tr><th />{AXES.map((a) => <th key={a} scope="col">{a}</th>)}</tr></thead>
        <tbody>
          {(['min', 'max'] as const).map((corner) => (
            <tr key={corner}>
              <th scope="row">{corner}</th>
              {AXES.map((a, i) => (
                <td key={a}>
                  <input
                    className="input crop-input" type="number" step={0.01} aria-label={`${corner} ${a}`}
                    value={round4(box[corner][i])} onChange={(e) => setCorner(corner, i, e.target.value)}
                    data-testid={`crop-${corner}-${a}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {(invalid || crop.error) && <p className="crop-error" role="alert" data-testid="crop-error">{invalid ?? crop.error}</p>}
      <div className="crop-actions">
        <button type="button" className="button small" onClick={crop.revert} disabled={!crop.dirty || crop.saving}>Revert</button>
        <button type="button" className="button small primary" onClick={() => void crop.save()} disabled={!crop.dirty || crop.saving || !!invalid} data-testid="crop-save">
          {crop.saving ? 'Saving…' : 'Save crop box'}
        </button>
      </div>
    </div>
  );
}
