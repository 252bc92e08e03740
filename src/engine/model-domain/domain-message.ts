// The domain check's verdict in plain words: one sentence per feature outside the training range
// and a summary naming what the model does know.
import type { DomainDistance, DomainProfile } from './domain-profile';
import type { FeatureName, PhotoFeatures } from './photo-features';
import type { TrainingDomain } from './training-domain';

const pct = (x: number) => `${Math.round(100 * x)}%`;

function backgroundName(bg: readonly number[]): string {
  if (bg.every((c) => c > 0.95)) return 'white';
  if (bg.every((c) => c < 0.05)) return 'black';
  return `rgb(${bg.map((c) => Math.round(255 * c)).join(', ')})`;
}

/** One sentence for feature `f` of photo `x` (file `size`) against the profile's range. */
export function featureReason(f: FeatureName, x: PhotoFeatures, profile: DomainProfile, size: { width: number; height: number }): string {
  const r = profile.features[f];
  const above = r.hi !== null && x[f] > r.hi;
  const res = profile.resolution;
  switch (f) {
    case 'aspect':
      return `it is ${size.width}x${size.height}, not square: the model sees only its centre square`;
    case 'scale':
      return `it is only ${size.width}x${size.height}, smaller than the model's ${res}x${res}: it is enlarged and blurry`;
    case 'borderStd':
      return 'its edges are busy (a textured background), where the renders have a plain backdrop';
    case 'borderOffset':
      return `its background is not the plain ${backgroundName(profile.background)} of the renders`;
    case 'coverage':
      return above
        ? `the subject covers ${pct(x.coverage)} of the picture; a figure in the renders covers ${pct(r.lo)}–${pct(r.hi ?? 1)}`
        : `the subject covers only ${pct(x.coverage)} of the picture; a figure in the renders covers ${pct(r.lo)}–${pct(r.hi ?? 1)}`;
    case 'objectWidth':
      return above
        ? `the subject spans ${pct(x.objectWidth)} of the width; the figures span at most ${pct(r.hi ?? 1)} (several objects or a whole scene are not what it knows)`
        : `the subject spans only ${pct(x.objectWidth)} of the width; the figures span at least ${pct(r.lo)}`;
    case 'objectHeight':
      return above
        ? `the subject spans ${pct(x.objectHeight)} of the height; the figures span at most ${pct(r.hi ?? 1)}`
        : `the subject spans only ${pct(x.objectHeight)} of the height; the figures span at least ${pct(r.lo)}`;
  }
}

/** Reasons (farthest first) and the summary message of a domain check. */
export function describeDomainCheck(
  x: PhotoFeatures, d: DomainDistance, profile: DomainProfile, domain: Pick<TrainingDomain, 'category' | 'resolution'>,
  size: { width: number; height: number },
): { reasons: string[]; message: string } {
  const knows = `${domain.resolution}x${domain.resolution} renders of ${domain.category}, on a plain ${backgroundName(profile.background)} background`;
  const dist = `domain distance ${d.distance.toFixed(1)}, threshold ${profile.threshold}`;
  if (d.inDomain) {
    return { reasons: [], message: `This photo looks like what the model knows (${knows}; ${dist}).` };
  }
  const reasons = d.outside.map((f) => featureReason(f, x, profile, size));
  return {
    reasons,
    message: `This photo (${size.width}x${size.height}) is far from what the model knows: ${knows}. Expect noise, not a scene (${dist}).`,
  };
}
