// A small label naming the reconstruction method of a fit job or a reconstructed scene
// ("Gaussian splats" / "Voxel field"), on job cards and scene cards.
import type { FitMethod } from '../../shared';
import { fitMethodLabel } from '../lib';

export function MethodBadge({ method }: { method: FitMethod }) {
  return (
    <span className={`method-badge method-${method}`} data-testid="method-badge" data-method={method} title={`Reconstruction method: ${fitMethodLabel(method)}`}>
      {fitMethodLabel(method)}
    </span>
  );
}
