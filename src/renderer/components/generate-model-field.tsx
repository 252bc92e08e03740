// Model picker shared by Generate and Fine-tune: the shipped default model (no modelId) or any DFM
// model item of the workspace, plus a button that adds the shipped model to the workspace as an
// item (so it shows in the gallery and can be exported).
import { useState } from 'react';
import type { StudioApi, WorkspaceItem } from '../../shared';
import { itemName, toUiError } from '../lib';
import type { ToastOptions } from '../hooks/use-toasts';

interface ModelFieldProps {
  id: string;
  label: string;
  api: StudioApi;
  items: WorkspaceItem[] | null;
  /** '' = the shipped default model. */
  value: string;
  onChange(modelId: string): void;
  notify(message: string, options?: ToastOptions): void;
  disabled?: boolean;
  testId: string;
}

/** DFM model items (pixelNeRF baselines cannot sample or be fine-tuned as DFM). */
export function dfmModels(items: WorkspaceItem[] | null): WorkspaceItem[] {
  return (items ?? []).filter((i) => i.status === 'ok' && i.manifest.kind === 'model' && i.manifest.method === 'dfm');
}

export function ModelField({ id, label, api, items, value, onChange, notify, disabled, testId }: ModelFieldProps) {
  const [adding, setAdding] = useState(false);
  const models = dfmModels(items);
  const missing = value !== '' && !models.some((m) => m.id === value);

  const addDefault = async () => {
    setAdding(true);
    try {
      const item = await api.importDefaultModel({});
      notify(`“${itemName(item)}” is in the workspace.`, { tone: 'success' });
      onChange(item.id);
    } catch (e) {
      notify(`Could not add the default model: ${toUiError(e).message}`, { tone: 'error' });
    } finally {
      setAdding(false);
    }
  };

  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>{label}</label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} data-testid={testId}>
        <option value="">Default model (shipped)</option>
        {models.map((m) => <option key={m.id} value={m.id}>{itemName(m)}</option>)}
        {missing && <option value={value}>{value} (loading…)</option>}
      </select>
      {value === '' && (
        <button
          type="button"
          className="link-button"
          onClick={addDefault}
          disabled={adding || disabled}
          title="Add the shipped default model to the workspace as a model item (shown in the gallery, exportable)"
          data-testid={`${testId}-add-default`}
        >
          {adding ? 'Adding the default model…' : 'Add the default model to the workspace'}
        </button>
      )}
    </div>
  );
}
