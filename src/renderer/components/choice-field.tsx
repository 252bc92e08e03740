// A row of labelled radio buttons with the hint of the chosen one below (Generate and DDRep settings).

export interface Choice<T extends string> { value: T; label: string; hint: string }

export function ChoiceField<T extends string>({ legend, name, testIdPrefix, choices, value, onChange }: {
  legend: string; name: string; testIdPrefix: string; choices: Choice<T>[]; value: T; onChange(value: T): void;
}) {
  return (
    <fieldset className="field">
      <legend className="field-label">{legend}</legend>
      <div className="path-options">
        {choices.map((c) => (
          <label key={c.value} className="path-option" title={c.hint}>
            <input type="radio" name={name} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} data-testid={`${testIdPrefix}-${c.value}`} />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      <p className="form-hint">{choices.find((c) => c.value === value)?.hint}</p>
    </fieldset>
  );
}
