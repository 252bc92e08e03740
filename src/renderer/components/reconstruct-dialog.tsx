// "Reconstruct…" on a capture: method (Gaussian splats | Voxel field), then the method's own
// options — quality preset for the voxel field, training iterations for splats (empty: planned
// from the time budget) — a time budget
// and the scene name → startJob('fit'). The spec is checked with the shared schema first, so
// mistakes are shown by field before anything is sent; errors the backend reports are shown
// the same way.
import { useEffect, useState, type FormEvent } from 'react';
import { FitJobSpecSchema, SPLAT_AUTO_ITERATIONS_LABEL, SPLAT_ITERATION_DEFAULTS, type FitMethod, type FitSceneType, type JobSpecInput, type QualityPreset, type WorkspaceItem } from '../../shared';
import { DEFAULT_FIT_METHOD, errorIsFor, itemName } from '../lib';
import type { UiError } from '../lib';
import { FieldError } from './field-error';
import { FitMethodField } from './fit-method-field';
import { ModalDialog } from './modal-dialog';

interface ReconstructDialogProps {
  capture: WorkspaceItem | null;
  onClose(): void;
  onStart(spec: JobSpecInput): Promise<UiError | null>;
}

const PRESETS: { value: QualityPreset; label: string; hint: string; minutes: string }[] = [
  { value: 'draft', label: 'Draft', hint: 'Coarse grid, quick look', minutes: '1' },
  { value: 'standard', label: 'Standard', hint: 'Balanced detail and time', minutes: '5' },
  { value: 'high', label: 'High', hint: 'Finest grid; use a longer budget', minutes: '20' },
];

const SCENE_TYPES: { value: FitSceneType; label: string; hint: string }[] = [
  { value: 'auto', label: 'Auto (from the cameras)', hint: 'Decided from the cameras, the sparse points and the photos’ borders; the scene records why.' },
  { value: 'object', label: 'Object on a plain backdrop', hint: 'A bounded box; everything outside it is the backdrop colour. For masked or studio captures.' },
  { value: 'unbounded', label: 'Unbounded 360°', hint: 'Cameras around a subject with a real background (floor, walls, sky): the background is modelled too.' },
  { value: 'forward-facing', label: 'Forward-facing', hint: 'All photos taken from one side looking the same way (LLFF-style).' },
];

/** Splat defaults (src/shared/splat-defaults.ts): no iteration count (auto: planned from the budget) and its budget. */
const SPLAT_DEFAULTS = { iterations: '', minutes: String(SPLAT_ITERATION_DEFAULTS.minutes) };

/** Messages for the fields the form checks itself (the schema's own wording is for API callers). */
const FIELD_MESSAGES: Record<string, string> = {
  minutes: 'Enter a budget between 0.1 and 1440 minutes.',
  iterations: 'Enter a whole number of iterations from 1 to 1,000,000, or leave it empty for auto.',
};

export function ReconstructDialog({ capture, onClose, onStart }: ReconstructDialogProps) {
  const [method, setMethod] = useState<FitMethod>(DEFAULT_FIT_METHOD);
  const [preset, setPreset] = useState<QualityPreset>('draft');
  const [minutes, setMinutes] = useState('1');
  const [sceneType, setSceneType] = useState<FitSceneType>('auto');
  const [iterations, setIterations] = useState(SPLAT_DEFAULTS.iterations);
  const [sceneName, setSceneName] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const captureName = capture ? itemName(capture) : '';
  const splats = method === 'splats';

  useEffect(() => {
    if (!capture) return;
    setError(null);
    setSceneName(`${itemName(capture)} — reconstruction`.slice(0, 120));
  }, [capture]);

  const choosePreset = (value: QualityPreset) => {
    setPreset(value);
    setMinutes(PRESETS.find((p) => p.value === value)?.minutes ?? minutes);
  };

  const chooseMethod = (value: FitMethod) => {
    setMethod(value);
    setError(null);
    setMinutes(value === 'splats' ? SPLAT_DEFAULTS.minutes : PRESETS.find((p) => p.value === preset)?.minutes ?? minutes);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!capture) return;
    // Only the chosen method's options are sent: the contract refuses the other method's.
    const parsed = FitJobSpecSchema.safeParse({
      kind: 'fit', captureId: capture.id, method, minutes: Number(minutes), sceneName: sceneName.trim() || undefined,
      ...(splats ? (iterations.trim() === '' ? {} : { iterations: Number(iterations) }) : { preset, sceneType }),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      setError({ field, message: FIELD_MESSAGES[field] ?? issue?.message ?? 'Invalid settings' });
      return;
    }
    setBusy(true);
    const result = await onStart(parsed.data);
    setBusy(false);
    setError(result);
    if (!result) onClose();
  };

  const minutesError = errorIsFor(error, 'minutes') ? error?.message ?? null : null;
  const iterationsError = errorIsFor(error, 'iterations') ? error?.message ?? null : null;
  const nameError = errorIsFor(error, 'sceneName') ? error?.message ?? null : null;
  const otherError = error && !minutesError && !nameError && !iterationsError ? error.message : null;

  return (
    <ModalDialog open={capture !== null} title={`Reconstruct “${captureName}”`} onClose={() => !busy && onClose()} testId="reconstruct-dialog">
      <form className="form" onSubmit={submit} noValidate data-method={method}>
        <FitMethodField value={method} onChange={chooseMethod} />
        {!splats && (
          <fieldset className="field preset-group">
            <legend className="field-label">Quality preset</legend>
            <div className="preset-options">
              {PRESETS.map((p) => (
                <label key={p.value} className="preset-option">
                  <input
                    type="radio"
                    name="preset"
                    value={p.value}
                    checked={preset === p.value}
                    onChange={() => choosePreset(p.value)}
                    data-testid={`preset-${p.value}`}
                  />
                  <span className="preset-text">
                    <strong>{p.label}</strong>
                    <span className="preset-hint">{p.hint}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {!splats && (
          <label className="field">
            <span className="field-label">Scene type</span>
            <select
              className="input"
              value={sceneType}
              onChange={(e) => setSceneType(e.target.value as FitSceneType)}
              aria-describedby="fit-scene-type-hint"
              data-testid="fit-scene-type"
            >
              {SCENE_TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
            </select>
            <span id="fit-scene-type-hint" className="form-hint">{SCENE_TYPES.find((t) => t.value === sceneType)?.hint}</span>
          </label>
        )}
        {splats && (
          <label className="field">
            <span className="field-label">Training iterations</span>
            <input
              className={`input narrow ${iterationsError ? 'invalid' : ''}`}
              type="number"
              inputMode="numeric"
              min={1}
              max={1_000_000}
              step={1}
              value={iterations}
              placeholder="auto"
              onChange={(e) => { setIterations(e.target.value); if (iterationsError) setError(null); }}
              aria-invalid={iterationsError ? true : undefined}
              aria-describedby="fit-iterations-hint fit-iterations-error"
              data-testid="fit-iterations"
            />
            <span id="fit-iterations-hint" className="form-hint" data-testid="fit-iterations-hint">
              {iterations.trim() === ''
                ? `${SPLAT_AUTO_ITERATIONS_LABEL}: measured while training, so densification and learning rates end with the budget (at most ${SPLAT_ITERATION_DEFAULTS.maxPlanned.toLocaleString('en')}).`
                : 'A fixed count: densification and learning rates follow it; if the time budget ends first, the scene keeps what it has learned.'}
            </span>
            <FieldError id="fit-iterations-error" message={iterationsError} />
          </label>
        )}
        <label className="field">
          <span className="field-label">Time budget (minutes)</span>
          <input
            className={`input narrow ${minutesError ? 'invalid' : ''}`}
            type="number"
            inputMode="decimal"
            min={0.1}
            max={1440}
            step={0.1}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            aria-invalid={minutesError ? true : undefined}
            aria-describedby="fit-minutes-error"
            data-testid="fit-minutes"
          />
          <FieldError id="fit-minutes-error" message={minutesError} />
        </label>
        <label className="field">
          <span className="field-label">Scene name</span>
          <input
            className={`input ${nameError ? 'invalid' : ''}`}
            value={sceneName}
            onChange={(e) => setSceneName(e.target.value)}
            maxLength={120}
            aria-invalid={nameError ? true : undefined}
            aria-describedby="fit-name-error"
            data-testid="fit-scene-name"
          />
          <FieldError id="fit-name-error" message={nameError} />
        </label>
        {otherError && <p className="banner error" role="alert">{otherError}</p>}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="submit" className="button primary" disabled={busy} data-testid="fit-start">
            {busy ? 'Starting…' : 'Start reconstruction'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
