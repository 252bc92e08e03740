// DDRep settings on the Generate screen ("Method: DDRep (image prior)"): the representation (the
// shared DDREP_STUDIO_REPS, so only what the runner supports), the sampling method with a one-line hint
// each, samples, steps, guidance, inner fit iterations, seed, an optional photo to complete (RePaint,
// DDRep only) and the card of the shipped prior. Empty steps / guidance / inner = the method's default.
// The spec is checked with the shared schema before it is sent; mistakes show next to their field.
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  DDREP_FIELD_COST, DDREP_FIELD_PHOTO_COST, DDREP_FIELD_STEPS, DDREP_FORM_DEFAULTS, DDREP_MAX_SAMPLES, DDREP_METHOD_CHOICES, DDREP_REP_CHOICES, DDREP_STUDIO_REPS, DdrepJobSpecSchema,
  type DdrepMethod, type DdrepStudioRep, type JobSpecInput, type StudioApi, type WorkspaceItem,
} from '../../shared';
import { itemName, thumbnailPath, toUiError } from '../lib';
import type { UiError } from '../lib';
import type { ToastOptions } from '../hooks/use-toasts';
import { useSpecSubmit } from '../hooks/use-spec-submit';
import { usePriorDomain } from '../hooks/use-model-domain';
import { ChoiceField } from './choice-field';
import { FieldError } from './field-error';
import { ModelCard } from './generate-model-card';
import { NumberField } from './generate-number-field';
import { ItemThumbnail } from './item-thumbnail';
import { randomSeed } from './sample-group';

interface DdrepFormState {
  rep: DdrepStudioRep;
  method: DdrepMethod;
  /** '' = no photo (unconditional sampling). */
  captureId: string;
  samples: string;
  steps: string;
  guidance: string;
  inner: string;
  seed: string;
}

const REPS = DDREP_REP_CHOICES.filter((c): c is typeof c & { value: DdrepStudioRep } => (DDREP_STUDIO_REPS as readonly string[]).includes(c.value));

/** Kept for the window's life, so switching screens or methods does not reset it. */
let remembered: DdrepFormState | null = null;

function initialState(): DdrepFormState {
  return { rep: DDREP_FORM_DEFAULTS.rep, method: DDREP_FORM_DEFAULTS.method, captureId: '', samples: String(DDREP_FORM_DEFAULTS.samples), steps: '', guidance: '', inner: '', seed: String(randomSeed()) };
}

interface DdrepFormProps {
  api: StudioApi;
  items: WorkspaceItem[] | null;
  notify(message: string, options?: ToastOptions): void;
  onStart(spec: JobSpecInput): Promise<UiError | null>;
  /** Shown first in the form (the Generate screen's method choice). */
  header?: ReactNode;
}

export function DdrepForm({ api, items, notify, onStart, header }: DdrepFormProps) {
  const captures = (items ?? []).filter((i) => i.status === 'ok' && i.kind === 'capture' && i.manifest.kind === 'capture' && i.manifest.format !== 'video')
    .sort((a, b) => (a.status === 'ok' && b.status === 'ok' ? b.manifest.createdAt.localeCompare(a.manifest.createdAt) : 0));
  const [form, setForm] = useState<DdrepFormState>(() => remembered ?? initialState());
  const { busy, send, setError, fieldError, otherError } = useSpecSubmit(onStart);
  const domain = usePriorDomain(api);
  const [adding, setAdding] = useState<number | null>(null);
  const isDdrep = form.method === 'ddrep';
  const isField = form.rep === 'field';
  // A photo is DDRep's RePaint inpainting (the contract refuses it for SDS/SJC): the choice is kept but not sent.
  const photoAllowed = isDdrep;
  const captureId = photoAllowed && captures.some((c) => c.id === form.captureId) ? form.captureId : '';

  const set = <K extends keyof DdrepFormState>(key: K, value: DdrepFormState[K]) => {
    setForm((prev) => {
      const next = { ...prev, [key]: value };
      remembered = next;
      return next;
    });
  };

  const pickExample = async (index: number) => {
    setAdding(index);
    try {
      const item = await api.importDomainExample({ index, prior: true });
      set('captureId', item.id);
      if (!isDdrep) set('method', 'ddrep');
    } catch (e) {
      notify(`Could not use the example photo: ${toUiError(e).message}`, { tone: 'error' });
    } finally {
      setAdding(null);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const opt = (text: string) => (text.trim() === '' ? undefined : Number(text));
    const parsed = DdrepJobSpecSchema.safeParse({
      kind: 'ddrep', rep: form.rep, method: form.method, ...(captureId ? { captureId } : {}),
      samples: Number(form.samples.trim() === '' ? Number.NaN : form.samples), steps: opt(form.steps), guidance: opt(form.guidance),
      ...(isDdrep ? { inner: opt(form.inner) } : {}), seed: Number(form.seed.trim() === '' ? Number.NaN : form.seed),
    });
    await send(parsed, FIELD_HINTS);
  };

  const otherMessage = otherError(['rep', 'method', 'captureId', 'samples', 'steps', 'guidance', 'inner', 'seed']);
  const samples = Number(form.samples);
  return (
    <form className="flow-form" onSubmit={submit} noValidate aria-label="DDRep settings" data-testid="ddrep-form">
      {header}
      <ChoiceField legend="Representation" name="ddrep-rep" testIdPrefix="ddrep-rep" choices={REPS} value={form.rep} onChange={(v) => set('rep', v)} />
      <FieldError id="ddrep-rep-error" message={fieldError('rep')} />
      <ChoiceField legend="Sampling method" name="ddrep-method" testIdPrefix="ddrep-method" choices={[...DDREP_METHOD_CHOICES]} value={form.method} onChange={(v) => set('method', v)} />
      <ModelCard domain={domain?.value ?? null} error={domain?.error ?? null} adding={adding} onUseExample={(i) => void pickExample(i)} />
      <fieldset className="field">
        <legend className="field-label">Photo to complete <span className="optional">· optional, DDRep only</span></legend>
        <div className="photo-picker" role="radiogroup" aria-label="Photo to complete">
          <label className="photo-option" title="No photo: sample freely">
            <input type="radio" name="ddrep-photo" value="" checked={captureId === ''} onChange={() => set('captureId', '')} data-testid="ddrep-photo-none" />
            <span className="photo-name">None</span>
          </label>
          {captures.map((c) => (
            <label key={c.id} className="photo-option" title={itemName(c)}>
              <input type="radio" name="ddrep-photo" value={c.id} checked={c.id === captureId} disabled={!photoAllowed} onChange={() => set('captureId', c.id)} data-testid="ddrep-photo" />
              <ItemThumbnail path={thumbnailPath(c)} kind="capture" />
              <span className="photo-name">{itemName(c)}</span>
            </label>
          ))}
        </div>
        <p className="form-hint">{isField
          ? `RePaint completes the radiance field around the photo, seen from its capture's camera when that is one of the prior's (a posed capture of its category), else as the object's front view. ${DDREP_FIELD_PHOTO_COST}`
          : form.rep === 'siren'
          ? 'RePaint keeps the left half of the photo and samples the right half to match.'
          : 'RePaint keeps the photo as the first window of the panorama and samples the rest of the 360° strip.'}</p>
        <FieldError id="ddrep-capture-error" message={fieldError('captureId')} />
      </fieldset>
      <div className="field-pair">
        <NumberField id="ddrep-samples" label="Samples" value={form.samples} min={1} max={DDREP_MAX_SAMPLES} step={1} onChange={(v) => set('samples', v)} error={fieldError('samples')} testId="ddrep-samples" />
        <NumberField id="ddrep-steps" label={isDdrep ? 'DDIM steps' : 'Iterations'} hint={isField ? `empty = ${DDREP_FIELD_STEPS[form.method]}` : 'empty = default'} value={form.steps} min={1} max={20000} step={1} onChange={(v) => set('steps', v)} error={fieldError('steps')} testId="ddrep-steps" />
      </div>
      <div className="field-pair">
        <NumberField id="ddrep-guidance" label="Guidance" hint="empty = default" value={form.guidance} min={0} max={1000} step={0.5} onChange={(v) => set('guidance', v)} error={fieldError('guidance')} testId="ddrep-guidance" />
        {isDdrep && <NumberField id="ddrep-inner" label="Inner fit steps" hint="empty = 200" value={form.inner} min={1} max={10000} step={1} onChange={(v) => set('inner', v)} error={fieldError('inner')} testId="ddrep-inner" />}
      </div>
      {isField && <p className="form-hint pair-hint" data-testid="ddrep-field-cost">{DDREP_FIELD_COST}</p>}
      <p className="form-hint pair-hint">Defaults: DDRep 50 steps, guidance 3; SDS 2,000 and SJC 10,000 iterations at guidance 100 (their papers). Guidance 1 = conditional only.</p>
      <div className="field">
        <label className="field-label" htmlFor="ddrep-seed">Seed</label>
        <div className="field-row">
          <input id="ddrep-seed" className={`input ${fieldError('seed') ? 'invalid' : ''}`} type="number" inputMode="numeric" min={0} max={2 ** 31 - 1} step={1}
            value={form.seed} onChange={(e) => set('seed', e.target.value)} aria-invalid={fieldError('seed') ? true : undefined} aria-describedby="ddrep-seed-error" data-testid="ddrep-seed" />
          <button type="button" className="button small" onClick={() => set('seed', String(randomSeed()))} data-testid="ddrep-randomize">Randomize</button>
        </div>
        <FieldError id="ddrep-seed-error" message={fieldError('seed')} />
      </div>
      {otherMessage && <p className="banner error" role="alert">{otherMessage}</p>}
      <div className="flow-submit">
        <button type="submit" className="button primary large" disabled={busy} data-testid="ddrep-start" onClick={() => setError(null)}>
          {busy ? 'Starting…' : `Sample ${samples > 0 ? samples : ''} ${REPS.find((r) => r.value === form.rep)?.label ?? form.rep}${samples === 1 ? '' : 's'}`}
        </button>
      </div>
    </form>
  );
}

const FIELD_HINTS: Record<string, string> = {
  samples: `Choose 1 to ${DDREP_MAX_SAMPLES} samples.`,
  steps: 'Steps are a whole number from 1 to 20,000 (empty = the method’s default).',
  guidance: 'Guidance is between 0 and 1000 (empty = the method’s default; 1 = conditional only).',
  inner: 'Inner fit steps are a whole number from 1 to 10,000 (empty = 200).',
  seed: `The seed is a whole number from 0 to ${2 ** 31 - 1}.`,
};
