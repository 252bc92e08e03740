// Generate settings: the photo (any imported capture; its first image), the model, the number of
// samples, DDIM steps, guidance, temperature, seed (with Randomize), the camera path and how the
// finished scene combines its views (pooling). The spec
// is checked with the shared schema before it is sent; mistakes are shown next to their field.
import { useState, type FormEvent, type ReactNode } from 'react';
import { DEFAULT_SCENE_POOLING, SampleJobSpecSchema, type JobSpecInput, type ScenePooling, type StudioApi, type WorkspaceItem } from '../../shared';
import { itemName, thumbnailPath, toUiError } from '../lib';
import type { UiError } from '../lib';
import type { ToastOptions } from '../hooks/use-toasts';
import { useSpecSubmit } from '../hooks/use-spec-submit';
import { useModelDomain, usePhotoDomainCheck } from '../hooks/use-model-domain';
import { ChoiceField, type Choice } from './choice-field';
import { FieldError } from './field-error';
import { DomainWarning } from './generate-domain-warning';
import { ModelCard } from './generate-model-card';
import { ModelField } from './generate-model-field';
import { NumberField } from './generate-number-field';
import { ItemThumbnail } from './item-thumbnail';
import { randomSeed } from './sample-group';

type CameraPath = 'orbit' | 'forward' | 'autoregressive';

export interface GenerateFormState {
  captureId: string;
  modelId: string;
  samples: string;
  steps: string;
  guidance: string;
  temperature: string;
  seed: string;
  path: CameraPath;
  pooling: ScenePooling;
}


const PATHS: Choice<CameraPath>[] = [
  { value: 'orbit', label: 'Orbit', hint: 'One generated view, then an orbit around it' },
  { value: 'forward', label: 'Forward', hint: 'Move forward into the scene' },
  { value: 'autoregressive', label: 'Autoregressive 360°', hint: 'Views all around, each conditioned on the last (slower)' },
];

export const POOLINGS: Choice<ScenePooling>[] = [
  { value: 'view-colours', label: 'Colours from the views', hint: 'Shape from the model, colour from the photo and generated views that see each point: keeps the photo\'s own detail; textures can ghost where the shape is uncertain' },
  { value: 'occlusion-aware', label: 'Views that see it', hint: 'Each point uses only the views that see it: crisper, more varied unseen sides, slightly less faithful to the photo' },
  { value: 'mean', label: 'All views', hint: 'Every point averages all views, as the model was trained (the paper\'s scene): smoothest, closest to ground truth on average' },
];

/** The form's state is kept for the window's life, so switching screens does not reset it. */
let remembered: GenerateFormState | null = null;

/** Preselect a model the next time the Generate form shows (e.g. "Generate with it" after fine-tuning). */
export function preselectGenerateModel(modelId: string): void {
  remembered = { ...(remembered ?? initialState()), modelId };
}

/** Preselect the photo the next time the Generate form shows ("Generate…" on a capture card). */
export function preselectGeneratePhoto(captureId: string): void {
  remembered = { ...(remembered ?? initialState()), captureId };
}

function initialState(): GenerateFormState {
  return { captureId: '', modelId: '', samples: '4', steps: '50', guidance: '0', temperature: '1', seed: String(randomSeed()), path: 'orbit', pooling: DEFAULT_SCENE_POOLING };
}

interface GenerateFormProps {
  api: StudioApi;
  items: WorkspaceItem[] | null;
  notify(message: string, options?: ToastOptions): void;
  onStart(spec: JobSpecInput): Promise<UiError | null>;
  /** Shown first in the form (the Generate screen's method choice). */
  header?: ReactNode;
}

export function GenerateForm({ api, items, notify, onStart, header }: GenerateFormProps) {
  const captures = (items ?? []).filter((i) => i.status === 'ok' && i.kind === 'capture')
    .sort((a, b) => (a.status === 'ok' && b.status === 'ok' ? b.manifest.createdAt.localeCompare(a.manifest.createdAt) : 0));
  const [form, setForm] = useState<GenerateFormState>(() => remembered ?? initialState());
  const { busy, send, setError, fieldError, otherError } = useSpecSubmit(onStart);
  const captureId = captures.some((c) => c.id === form.captureId) ? form.captureId : captures[0]?.id ?? '';
  const domain = useModelDomain(api, form.modelId);
  const check = usePhotoDomainCheck(api, captureId, form.modelId);
  const [addingExample, setAddingExample] = useState<number | null>(null);

  // One click: the example render becomes a capture item (idempotent) and the chosen photo.
  const pickExample = async (index: number) => {
    setAddingExample(index);
    try {
      const item = await api.importDomainExample({ index, ...(form.modelId ? { modelId: form.modelId } : {}) });
      set('captureId', item.id);
    } catch (e) {
      notify(`Could not use the example photo: ${toUiError(e).message}`, { tone: 'error' });
    } finally {
      setAddingExample(null);
    }
  };

  const set = <K extends keyof GenerateFormState>(key: K, value: GenerateFormState[K]) => {
    setForm((prev) => {
      const next = { ...prev, [key]: value };
      remembered = next;
      return next;
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!captureId) {
      setError({ field: 'captureId', message: 'Import a photo or a capture first.' });
      return;
    }
    const parsed = SampleJobSpecSchema.safeParse({
      kind: 'sample', captureId, modelId: form.modelId || undefined, samples: num(form.samples), steps: num(form.steps),
      guidance: num(form.guidance), temperature: num(form.temperature), seed: num(form.seed), path: form.path, pooling: form.pooling,
    });
    // The schema allows 16 samples per job; the form keeps a run to 8 side by side.
    const tooMany = parsed.success && parsed.data.samples > 8;
    await send(tooMany ? { success: false, error: { issues: [{ path: ['samples'], message: FIELD_HINTS.samples }] } } : parsed, FIELD_HINTS);
  };

  const shownFields = ['captureId', 'modelId', 'samples', 'steps', 'guidance', 'temperature', 'seed', 'path', 'pooling'];
  const otherMessage = otherError(shownFields);

  return (
    <form className="flow-form" onSubmit={submit} noValidate aria-label="Generate settings" data-testid="generate-form">
      {header}
      <fieldset className="field">
        <legend className="field-label">Photo</legend>
        {captures.length === 0 ? (
          <p className="form-hint">Import a photo or a capture first (top bar). Its first image is the photo.</p>
        ) : (
          <div className="photo-picker" role="radiogroup" aria-label="Photo">
            {captures.map((c) => (
              <label key={c.id} className="photo-option" title={itemName(c)}>
                <input type="radio" name="photo" value={c.id} checked={c.id === captureId} onChange={() => set('captureId', c.id)} data-testid="generate-photo" />
                <ItemThumbnail path={thumbnailPath(c)} kind="capture" />
                <span className="photo-name">{itemName(c)}</span>
              </label>
            ))}
          </div>
        )}
        <FieldError id="gen-capture-error" message={fieldError('captureId')} />
        {captureId && <DomainWarning check={check?.value ?? null} error={check?.error ?? null} />}
      </fieldset>
      <ModelField id="gen-model" label="Model" api={api} items={items} value={form.modelId} onChange={(v) => set('modelId', v)} notify={notify} testId="generate-model" />
      <ModelCard domain={domain?.value ?? null} error={domain?.error ?? null} adding={addingExample} onUseExample={(i) => void pickExample(i)} />
      <div className="field-pair">
        <NumberField id="gen-samples" label="Samples" value={form.samples} min={1} max={8} step={1} onChange={(v) => set('samples', v)} error={fieldError('samples')} testId="generate-samples" />
        <NumberField id="gen-steps" label="DDIM steps" value={form.steps} min={1} max={1000} step={1} onChange={(v) => set('steps', v)} error={fieldError('steps')} testId="generate-steps" />
      </div>
      <div className="field-pair">
        <NumberField id="gen-guidance" label="Guidance" value={form.guidance} min={0} max={20} step={0.5} onChange={(v) => set('guidance', v)} error={fieldError('guidance')} testId="generate-guidance" />
        <NumberField id="gen-temperature" label="Temperature" value={form.temperature} min={0} max={2} step={0.05} onChange={(v) => set('temperature', v)} error={fieldError('temperature')} testId="generate-temperature" />
      </div>
      <p className="form-hint pair-hint">Guidance: 0 = model default, 1 = off. Temperature 1 = as trained.</p>
      <div className="field">
        <label className="field-label" htmlFor="gen-seed">Seed</label>
        <div className="field-row">
          <input id="gen-seed" className={`input ${fieldError('seed') ? 'invalid' : ''}`} type="number" inputMode="numeric" min={0} max={2 ** 31 - 1} step={1}
            value={form.seed} onChange={(e) => set('seed', e.target.value)} aria-invalid={fieldError('seed') ? true : undefined} aria-describedby="gen-seed-error" data-testid="generate-seed" />
          <button type="button" className="button small" onClick={() => set('seed', String(randomSeed()))} data-testid="generate-randomize">Randomize</button>
        </div>
        <FieldError id="gen-seed-error" message={fieldError('seed')} />
      </div>
      <ChoiceField legend="Camera path" name="camera-path" testIdPrefix="generate-path" choices={PATHS} value={form.path} onChange={(v) => set('path', v)} />
      <ChoiceField legend="Combine views" name="pooling" testIdPrefix="generate-pooling" choices={POOLINGS} value={form.pooling} onChange={(v) => set('pooling', v)} />
      {otherMessage && <p className="banner error" role="alert">{otherMessage}</p>}
      <div className="flow-submit">
        <button type="submit" className="button primary large" disabled={busy || captures.length === 0} data-testid="generate-start">
          {busy ? 'Starting…' : `Generate ${num(form.samples) > 0 ? num(form.samples) : ''} sample${num(form.samples) === 1 ? '' : 's'}`}
        </button>
      </div>
    </form>
  );
}

const FIELD_HINTS: Record<string, string> = {
  samples: 'Choose 1 to 8 samples.',
  steps: 'Choose 1 to 1000 DDIM steps.',
  guidance: 'Guidance is between 0 and 20 (0 = the model’s default, 1 = no guidance).',
  temperature: 'Temperature is between 0 and 2.',
  seed: `The seed is a whole number from 0 to ${2 ** 31 - 1}.`,
};

function num(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}
