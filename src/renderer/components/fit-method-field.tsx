// The Reconstruct dialog's method choice, "Gaussian splats | Voxel field": each option says in
// one line what it gives and which exports its scenes offer.
import type { FitMethod } from '../../shared';
import { FIT_METHOD_INFO } from '../lib';

interface FitMethodFieldProps {
  value: FitMethod;
  onChange(method: FitMethod): void;
}

export function FitMethodField({ value, onChange }: FitMethodFieldProps) {
  return (
    <fieldset className="field preset-group" data-testid="fit-method">
      <legend className="field-label">Method</legend>
      <div className="method-options">
        {FIT_METHOD_INFO.map((m) => (
          <label key={m.value} className="preset-option">
            <input
              type="radio"
              name="fit-method"
              value={m.value}
              checked={value === m.value}
              onChange={() => onChange(m.value)}
              data-testid={`method-${m.value}`}
            />
            <span className="preset-text">
              <strong>{m.label}</strong>
              <span className="preset-hint">{m.hint}</span>
              <span className="method-exports" data-testid={`method-exports-${m.value}`}>{m.exports}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
