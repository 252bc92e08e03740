// A labelled number input with its field error, for the Generate settings.
import { FieldError } from './field-error';

interface NumberFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  min: number;
  max: number;
  step: number;
  error: string | null;
  onChange(value: string): void;
  testId: string;
}

export function NumberField({ id, label, hint, value, min, max, step, error, onChange, testId }: NumberFieldProps) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>{label}{hint && <span className="optional"> · {hint}</span>}</label>
      <input id={id} className={`input ${error ? 'invalid' : ''}`} type="number" inputMode="decimal" min={min} max={max} step={step}
        value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={`${id}-error`} data-testid={testId} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
