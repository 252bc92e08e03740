// Crop box of the object of interest when there are no sparse points: from the fitted density.
// A lattice of world points inside the cube of half-size `radius` about the cameras' look-at
// point; a point is "solid" when a path of radius / 8 through it would be mostly opaque
// (alpha = 1 - exp(-sigma radius / 8) > SOLID_ALPHA): a fixed world length, so coarse grids whose
// surfaces are a few cells thick still count as solid. The box spans the 2nd-98th percentiles of the solid
// points per axis, padded by 10 %, clipped to the cube. Null when nothing is solid.
import { percentile } from '../data/sparse-bounds';
import { makeWorldSampler } from './bake';
import type { Vec3 } from './space';
import type { Aabb, FittedScene } from './types';

const SOLID_ALPHA = 0.5;

export function cropBoxFromDensity(s: FittedScene, centre: Vec3, radius: number, lattice = 48): Aabb | null {
  const sample = makeWorldSampler(s), out = new Float64Array(4);
  const h = (2 * radius) / lattice, probe = radius / 8;
  const axes: number[][] = [[], [], []];
  for (let k = 0; k < lattice; k++) {
    const z = centre[2] - radius + (k + 0.5) * h;
    for (let j = 0; j < lattice; j++) {
      const y = centre[1] - radius + (j + 0.5) * h;
      for (let i = 0; i < lattice; i++) {
        const x = centre[0] - radius + (i + 0.5) * h;
        sample(x, y, z, out);
        if (1 - Math.exp(-out[0] * probe) <= SOLID_ALPHA) continue;
        axes[0].push(x); axes[1].push(y); axes[2].push(z);
      }
    }
  }
  if (axes[0].length === 0) return null;
  const min: Vec3 = [0, 0, 0], max: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const lo = percentile(axes[a], 2), hi = percentile(axes[a], 98), e = Math.max(hi - lo, h);
    min[a] = Math.max(centre[a] - radius, lo - 0.1 * e);
    max[a] = Math.min(centre[a] + radius, hi + 0.1 * e);
  }
  return { min, max };
}
