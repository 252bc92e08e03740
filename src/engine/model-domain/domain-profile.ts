// A model's domain as ranges of photo features over its training renders, and the domain
// distance of a photo to it.
//
//   range_f  = [lo_f, hi_f]: min and max of feature f over the calibration renders (hi may be
//              open: a larger file than the model's resolution is only downscaled)
//   spread_f = max(std_f over the renders, SPREAD_FLOOR_f)
//   d_f(x)   = max(0, lo_f - x_f, x_f - hi_f) / spread_f      (0 inside the training range)
//   D(x)     = max_f d_f(x)
// A photo is out of the domain when D > threshold. The threshold is chosen from data (scripts/
// model-domain-profile.ts prints the held-out renders' and the bundled photos' distances).
import { FEATURE_NAMES, type FeatureName, type PhotoFeatures } from './photo-features';

export interface FeatureRange {
  lo: number;
  /** null: no upper bound. */
  hi: number | null;
  /** Units of the distance: the renders' standard deviation, at least SPREAD_FLOOR. */
  spread: number;
}

export interface DomainProfile {
  /** What was rendered to calibrate (e.g. "procedural toy category, 24 train scenes x 8 views, 64x64, seed 0"). */
  source: string;
  resolution: number;
  background: [number, number, number];
  features: Record<FeatureName, FeatureRange>;
  /** Out of the domain when the distance exceeds this. */
  threshold: number;
}

/**
 * Smallest spread per feature, so a feature that is constant over the renders (aspect, scale) or
 * nearly so (a white border) still has a sensible unit: 0.1 of aspect ratio (a 16:9 photo is 7.8
 * units away), a quarter of the model's resolution, 0.01 of the colour range (2.5/255, about the
 * smallest visible step), 2 % of the image area or side.
 */
export const SPREAD_FLOOR: Record<FeatureName, number> = {
  aspect: 0.1, scale: 0.25, borderStd: 0.01, borderOffset: 0.01, coverage: 0.02, objectWidth: 0.02, objectHeight: 0.02,
};

/** Features whose range has no upper bound (a photo larger than the model's input is fine). */
const OPEN_ABOVE: ReadonlySet<FeatureName> = new Set(['scale']);

/** Ranges of the features over `renders` (at least 2). */
export function buildDomainProfile(
  renders: readonly PhotoFeatures[], meta: Omit<DomainProfile, 'features'>,
): DomainProfile {
  if (renders.length < 2) throw new Error(`buildDomainProfile: renders: ${renders.length} feature sets, need at least 2`);
  const features = {} as Record<FeatureName, FeatureRange>;
  for (const f of FEATURE_NAMES) {
    const xs = renders.map((r) => r[f]);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    features[f] = { lo: Math.min(...xs), hi: OPEN_ABOVE.has(f) ? null : Math.max(...xs), spread: Math.max(std, SPREAD_FLOOR[f]) };
  }
  return { ...meta, features };
}

export interface DomainDistance {
  /** D: the largest per-feature distance. */
  distance: number;
  /** d_f per feature (0 inside the training range). */
  perFeature: Record<FeatureName, number>;
  /** Features with d_f above the threshold, farthest first. */
  outside: FeatureName[];
  inDomain: boolean;
}

export function domainDistance(x: PhotoFeatures, profile: DomainProfile): DomainDistance {
  const perFeature = {} as Record<FeatureName, number>;
  let distance = 0;
  for (const f of FEATURE_NAMES) {
    const r = profile.features[f];
    const v = x[f];
    if (!Number.isFinite(v)) throw new Error(`domainDistance: features.${f}: ${v} is not a finite number`);
    const below = r.lo - v;
    const above = r.hi === null ? 0 : v - r.hi;
    perFeature[f] = Math.max(0, below, above) / r.spread;
    distance = Math.max(distance, perFeature[f]);
  }
  const outside = FEATURE_NAMES.filter((f) => perFeature[f] > profile.threshold).sort((a, b) => perFeature[b] - perFeature[a]);
  return { distance, perFeature, outside, inDomain: distance <= profile.threshold };
}
