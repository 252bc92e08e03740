// Image statistics that say whether a photo looks like a model's training renders. They are
// measured on the photo as the model sees it (the centre square resized to the model's
// resolution, `squareView`), plus the size of the original file. Every feature is a plain number
// so a profile of the training renders can hold its range (domain-profile.ts).
//
// Why these features: the procedural toy category is one figure standing in the middle of a
// plain white background, taller than wide, framed with a margin. A real photo fails on the
// background (busy, not white); the bundled still life fails on the framing (wide, edge to edge);
// a small or non-square file fails on size and shape.
import type { RgbImage } from '../data/types';

export type Rgb = readonly [number, number, number];

export interface PhotoFeatures {
  /** Longer side / shorter side of the original file (renders: 1). */
  aspect: number;
  /** Shorter side of the original file / the model's resolution (< 1: the model sees an upscaled, blurry photo). */
  scale: number;
  /** Mean over RGB of the standard deviation of the border band (plain backdrop ~0). */
  borderStd: number;
  /** Mean absolute difference of the border band from the training background colour. */
  borderOffset: number;
  /** Fraction of pixels that differ from the training background (the object's area). */
  coverage: number;
  /** Width of the box around those pixels / image width. */
  objectWidth: number;
  /** Height of that box / image height. */
  objectHeight: number;
}

export const FEATURE_NAMES = ['aspect', 'scale', 'borderStd', 'borderOffset', 'coverage', 'objectWidth', 'objectHeight'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface PhotoFeatureOptions {
  /** Border band width as a fraction of the side (at least 1 px). */
  borderFraction: number;
  /** A pixel is "object" when some channel differs from the background by more than this. */
  foregroundThreshold: number;
  /** Box extents ignore this fraction of object pixels on each side (a stray pixel does not widen it). */
  extentTrim: number;
}

export const PHOTO_FEATURE_DEFAULTS: PhotoFeatureOptions = { borderFraction: 0.05, foregroundThreshold: 0.08, extentTrim: 0.01 };

/**
 * Features of `square` (the model-sized view, [H*W*3] in [0,1]) of a photo whose file is
 * `source.width` x `source.height`, against the training `background` colour.
 */
export function photoFeatures(
  square: RgbImage, source: { width: number; height: number }, modelResolution: number, background: Rgb,
  options: Partial<PhotoFeatureOptions> = {},
): PhotoFeatures {
  const o = { ...PHOTO_FEATURE_DEFAULTS, ...options };
  const { width: w, height: h, data } = square;
  if (!(w > 0 && h > 0) || data.length !== w * h * 3) {
    throw new Error(`photoFeatures: square: ${w}x${h} with ${data.length} values, expected ${w * h * 3}`);
  }
  if (!(source.width > 0 && source.height > 0)) throw new Error(`photoFeatures: source: size ${source.width}x${source.height} is not positive`);
  if (!(modelResolution > 0)) throw new Error(`photoFeatures: modelResolution: ${modelResolution} is not positive`);

  // Border band statistics (per channel mean and variance, then averaged over RGB).
  const band = Math.max(1, Math.round(o.borderFraction * Math.min(w, h)));
  const sum = [0, 0, 0]; const sq = [0, 0, 0];
  let offset = 0; let n = 0;
  // Object mask statistics: count, and per-row / per-column counts for trimmed extents.
  const cols = new Float64Array(w); const rows = new Float64Array(h);
  let objects = 0;
  for (let y = 0; y < h; y++) {
    const inBandRow = y < band || y >= h - band;
    for (let x = 0; x < w; x++) {
      const p = 3 * (y * w + x);
      let diff = 0;
      for (let c = 0; c < 3; c++) diff = Math.max(diff, Math.abs(data[p + c] - background[c]));
      if (diff > o.foregroundThreshold) { objects++; cols[x]++; rows[y]++; }
      if (inBandRow || x < band || x >= w - band) {
        for (let c = 0; c < 3; c++) {
          sum[c] += data[p + c]; sq[c] += data[p + c] ** 2;
          offset += Math.abs(data[p + c] - background[c]) / 3;
        }
        n++;
      }
    }
  }
  let borderStd = 0;
  for (let c = 0; c < 3; c++) borderStd += Math.sqrt(Math.max(0, sq[c] / n - (sum[c] / n) ** 2)) / 3;
  return {
    aspect: Math.max(source.width, source.height) / Math.min(source.width, source.height),
    scale: Math.min(source.width, source.height) / modelResolution,
    borderStd,
    borderOffset: offset / n,
    coverage: objects / (w * h),
    objectWidth: trimmedExtent(cols, objects, o.extentTrim) / w,
    objectHeight: trimmedExtent(rows, objects, o.extentTrim) / h,
  };
}

/** Number of bins between the `trim` and `1 - trim` quantiles of the histogram (0 when empty). */
function trimmedExtent(hist: Float64Array, total: number, trim: number): number {
  if (total === 0) return 0;
  const cut = trim * total;
  let lo = 0; let acc = 0;
  while (lo < hist.length - 1 && acc + hist[lo] <= cut) acc += hist[lo++];
  let hi = hist.length - 1; acc = 0;
  while (hi > lo && acc + hist[hi] <= cut) acc += hist[hi--];
  return hi - lo + 1;
}
