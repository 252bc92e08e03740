// Shown under the photo before sampling: whether the photo is far from the chosen model's
// training domain, why in plain words, and how far (the measured domain distance).
import type { PhotoDomainCheck } from '../../shared';
import type { UiError } from '../lib';

export function DomainWarning({ check, error }: { check: PhotoDomainCheck | null; error: UiError | null }) {
  if (error) return <p className="form-hint" data-testid="domain-check-error">Could not check the photo against the model: {error.message}</p>;
  if (!check) return null;
  if (check.inDomain === false) {
    return (
      <div className="domain-warning" role="alert" data-testid="domain-warning" data-distance={check.distance ?? undefined}>
        <p><strong>Far from what the model knows.</strong> {check.message}</p>
        {check.reasons.length > 0 && (
          <ul data-testid="domain-reasons">
            {check.reasons.map((r) => <li key={r}>{capitalise(r)}.</li>)}
          </ul>
        )}
        <p className="form-hint">Use one of the model’s example photos below, or fine-tune it on your own captures first.</p>
      </div>
    );
  }
  return <p className="form-hint domain-ok" data-testid="domain-ok" data-distance={check.distance ?? undefined}>{check.message}</p>;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
