// The model a fine-tune job produced, with its provenance: base model, steps, the captures it
// learned from, training time and hardware first; every other recorded field under "All details".
import type { WorkspaceItem } from '../../shared';
import { formatDate, formatDuration, formatMetric, itemName, thumbnailPath } from '../lib';
import { ItemThumbnail } from './item-thumbnail';
import { KindBadge } from './kind-badge';

interface FinetuneResultProps {
  model: WorkspaceItem;
  nameOf(id: string): string | undefined;
  /** "Generate with this model". */
  onUse(modelId: string): void;
}

type NameOf = (id: string) => string | undefined;

/** The headline provenance rows: [label, keys tried in order, formatter]. */
const HEADLINE: [string, string[], (v: unknown, nameOf: NameOf) => string][] = [
  ['Base model', ['baseModelId', 'baseModel'], (v, nameOf) => (v === 'default' ? 'Default model (shipped)' : names(v, nameOf))],
  ['Steps', ['steps'], (v) => String(v)],
  ['Captures', ['captureNames', 'captureIds', 'captures'], names],
  ['Training time', ['wallTimeSeconds'], (v) => (typeof v === 'number' ? formatDuration(v) : String(v))],
  ['Hardware', ['hardware', 'backend'], (v) => String(v)],
];

export function FinetuneResult({ model, nameOf, onUse }: FinetuneResultProps) {
  if (model.status !== 'ok' || model.manifest.kind !== 'model') return null;
  const m = model.manifest;
  const { headline, rest } = provenanceRows(m.provenance, nameOf);
  return (
    <section className="finetune-result" data-testid="finetune-result" data-id={model.id} aria-labelledby="finetune-result-title">
      <h3 id="finetune-result-title" className="side-title">Result: a new model</h3>
      <div className="finetune-result-body">
        <div className="finetune-result-thumb"><ItemThumbnail path={thumbnailPath(model)} kind="model" /></div>
        <div className="finetune-result-text">
          <div className="finetune-result-head">
            <strong className="finetune-model-name" data-testid="finetune-model-name">{itemName(model)}</strong>
            <KindBadge kind="model" />
            <button type="button" className="button small primary result-use" onClick={() => onUse(model.id)} data-testid="finetune-use">
              Generate with it
            </button>
          </div>
          <p className="muted finetune-result-meta">{m.method.toUpperCase()} model · made {formatDate(m.createdAt)}</p>
          <dl className="kv provenance" data-testid="finetune-provenance">
            {headline.map(([label, value]) => <div key={label}><dt>{label}</dt><dd title={value}>{value}</dd></div>)}
          </dl>
          {rest.length > 0 && (
            <details className="provenance-details">
              <summary>All details</summary>
              <dl className="kv provenance">
                {rest.map(([label, value]) => <div key={label}><dt>{label}</dt><dd title={value}>{value}</dd></div>)}
              </dl>
            </details>
          )}
        </div>
      </div>
    </section>
  );
}

/** Headline rows (known keys, ids shown as names) and the remaining fields as [label, text]. */
export function provenanceRows(provenance: Record<string, unknown>, nameOf: NameOf): { headline: [string, string][]; rest: [string, string][] } {
  const used = new Set<string>();
  const headline: [string, string][] = [];
  for (const [label, keys, format] of HEADLINE) {
    const key = keys.find((k) => provenance[k] !== undefined && provenance[k] !== null);
    if (!key) continue;
    headline.push([label, format(provenance[key], nameOf)]);
    for (const k of keys) used.add(k);
  }
  const rest: [string, string][] = [];
  for (const [key, value] of Object.entries(provenance)) {
    if (used.has(key) || value === undefined || value === null) continue;
    rest.push([labelOf(key), text(key, value)]);
  }
  return { headline, rest };
}

function names(value: unknown, nameOf: NameOf): string {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === 'string' ? nameOf(v) ?? v : String(v))).join(', ');
}

function text(key: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => text(key, v)).join(', ');
  if (typeof value === 'number') return formatMetric(key, value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function labelOf(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
