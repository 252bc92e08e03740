// The chosen model's card on the Generate screen: what it was trained on (category, resolution,
// training steps, read from the model file's provenance) and example photos from its domain,
// each one click away from being the photo.
import type { ModelDomain } from '../../shared';
import type { UiError } from '../lib';

interface ModelCardProps {
  domain: ModelDomain | null;
  error: UiError | null;
  /** Index of the example being added to the workspace, if any. */
  adding: number | null;
  onUseExample(index: number): void;
}

export function ModelCard({ domain, error, adding, onUseExample }: ModelCardProps) {
  if (error) return <p className="banner error" role="alert" data-testid="model-card-error">Could not read what the model was trained on: {error.message}</p>;
  if (!domain) return <p className="form-hint" data-testid="model-card-loading">Reading what the model was trained on…</p>;
  const scenes = domain.trainScenes !== null && domain.viewsPerScene !== null ? ` · ${domain.trainScenes} scenes × ${domain.viewsPerScene} views` : '';
  return (
    <section className="model-card" aria-label="What the model knows" data-testid="model-card" data-kind={domain.kind}>
      <p className="model-card-title">Trained on <strong data-testid="model-card-category">{domain.category}</strong></p>
      <p className="form-hint" title={domain.dataset} data-testid="model-card-facts">
        <span data-testid="model-card-resolution">{domain.resolution}×{domain.resolution} px</span> renders
        {' · '}<span data-testid="model-card-steps">{domain.steps.toLocaleString('en-US')} training steps</span>{scenes}
        {domain.baseModel && <> · fine-tuned from {domain.baseModel}</>}
      </p>
      {domain.examples.length > 0 && (
        <>
          <p className="form-hint">Photos it knows (held-out scenes, never seen in training) — click one to use it:</p>
          <div className="model-examples">
            {domain.examples.map((ex) => (
              <button
                key={ex.index}
                type="button"
                className="model-example"
                onClick={() => onUseExample(ex.index)}
                disabled={adding !== null}
                title={`Use this ${ex.width}×${ex.height} render (held-out scene ${ex.sceneSeed}) as the photo`}
                data-testid="model-example"
                data-scene-seed={ex.sceneSeed}
              >
                <img src={ex.png} width={ex.width} height={ex.height} alt={`Example ${ex.index + 1}: held-out scene ${ex.sceneSeed}`} />
                <span>{adding === ex.index ? 'Adding…' : 'Use as photo'}</span>
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
