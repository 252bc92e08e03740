// Fine-tune settings: one or more captures (checkbox list with thumbnails), the base model, the
// number of steps and the new model's name. Checked with the shared schema before it is sent.
import { useState, type FormEvent } from 'react';
import { TrainJobSpecSchema, type JobSpecInput, type StudioApi, type WorkspaceItem } from '../../shared';
import { itemName, thumbnailPath } from '../lib';
import type { UiError } from '../lib';
import type { ToastOptions } from '../hooks/use-toasts';
import { useSpecSubmit } from '../hooks/use-spec-submit';
import { FieldError } from './field-error';
import { ModelField } from './generate-model-field';
import { ItemThumbnail } from './item-thumbnail';

export interface FinetuneFormState {
  captureIds: string[];
  baseModelId: string;
  steps: string;
  modelName: string;
}

let remembered: FinetuneFormState | null = null;

interface FinetuneFormProps {
  api: StudioApi;
  items: WorkspaceItem[] | null;
  notify(message: string, options?: ToastOptions): void;
  onStart(spec: JobSpecInput): Promise<UiError | null>;
}

export function FinetuneForm({ api, items, notify, onStart }: FinetuneFormProps) {
  // Fine-tuning learns from posed views: unposed photo captures cannot take part.
  const captures = (items ?? []).filter((i) => i.status === 'ok' && i.manifest.kind === 'capture' && i.manifest.format !== 'images');
  const [form, setForm] = useState<FinetuneFormState>(() => remembered ?? { captureIds: [], baseModelId: '', steps: '200', modelName: '' });
  const { busy, send, fieldError, otherError } = useSpecSubmit(onStart);
  const chosen = form.captureIds.filter((id) => captures.some((c) => c.id === id));

  const update = (patch: Partial<FinetuneFormState>) => setForm((prev) => {
    const next = { ...prev, ...patch };
    remembered = next;
    return next;
  });
  const toggle = (id: string, on: boolean) => update({ captureIds: on ? [...chosen, id] : chosen.filter((c) => c !== id) });
  const suggestedName = chosen.length ? `Fine-tuned on ${chosen.map((id) => itemName(captures.find((c) => c.id === id) ?? captures[0])).join(', ')}`.slice(0, 120) : '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const steps = form.steps.trim() === '' ? Number.NaN : Number(form.steps);
    const parsed = TrainJobSpecSchema.safeParse({
      kind: 'train', captureIds: chosen, baseModelId: form.baseModelId || undefined, steps,
      modelName: (form.modelName.trim() || suggestedName) || undefined,
    });
    await send(parsed, HINTS);
  };

  const otherMessage = otherError(['captureIds', 'baseModelId', 'steps', 'modelName']);

  return (
    <form className="flow-form" onSubmit={submit} noValidate aria-label="Fine-tune settings" data-testid="finetune-form">
      <fieldset className="field">
        <legend className="field-label">Captures <span className="optional">· {chosen.length} chosen</span></legend>
        {captures.length === 0 ? (
          <p className="form-hint">Import a posed capture first (top bar): fine-tuning learns from its views and cameras.</p>
        ) : (
          <ul className="capture-checklist">
            {captures.map((c) => (
              <li key={c.id}>
                <label className="capture-check">
                  <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} data-testid="finetune-capture" data-id={c.id} />
                  <ItemThumbnail path={thumbnailPath(c)} kind="capture" />
                  <span className="capture-check-text">
                    <span className="photo-name">{itemName(c)}</span>
                    <span className="muted">{c.status === 'ok' && c.manifest.kind === 'capture' ? `${c.manifest.imageCount} views · ${c.manifest.format}` : ''}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <FieldError id="ft-captures-error" message={fieldError('captureIds')} />
      </fieldset>
      <ModelField id="ft-base" label="Base model" api={api} items={items} value={form.baseModelId} onChange={(v) => update({ baseModelId: v })} notify={notify} testId="finetune-base" />
      <div className="field">
        <label className="field-label" htmlFor="ft-steps">Steps</label>
        <input id="ft-steps" className={`input narrow ${fieldError('steps') ? 'invalid' : ''}`} type="number" inputMode="numeric" min={1} step={1}
          value={form.steps} onChange={(e) => update({ steps: e.target.value })} aria-invalid={fieldError('steps') ? true : undefined} aria-describedby="ft-steps-error" data-testid="finetune-steps" />
        <FieldError id="ft-steps-error" message={fieldError('steps')} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="ft-name">Model name <span className="optional">(optional)</span></label>
        <input id="ft-name" className={`input ${fieldError('modelName') ? 'invalid' : ''}`} value={form.modelName} maxLength={120} placeholder={suggestedName || 'Fine-tuned model'}
          onChange={(e) => update({ modelName: e.target.value })} aria-invalid={fieldError('modelName') ? true : undefined} aria-describedby="ft-name-error" data-testid="finetune-name" />
        <FieldError id="ft-name-error" message={fieldError('modelName')} />
      </div>
      {otherMessage && <p className="banner error" role="alert">{otherMessage}</p>}
      <div className="flow-submit">
        <button type="submit" className="button primary large" disabled={busy || captures.length === 0} data-testid="finetune-start">
          {busy ? 'Starting…' : 'Start fine-tuning'}
        </button>
      </div>
    </form>
  );
}

const HINTS: Record<string, string> = {
  captureIds: 'Choose at least one capture.',
  steps: 'Steps is a whole number of 1 or more.',
  modelName: 'The name is 1 to 120 characters.',
};
