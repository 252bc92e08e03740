// The figures eval-prior reports for one set of samples (issue 17), from features of the KID extractor
// (eval/kid, resources/models/kid-features.plxm) and the images themselves. Pure functions on arrays.
//
//   kid        KID (kid/mmd.ts: unbiased cubic-kernel MMD², Bińkowski et al. 2018) of the samples' features
//              against the held-out renders' features: mean and std over random subsets (subsets of
//              floor(min(n, m) / 2) images), and the full-set value. Unbiased, so usable at small n (its std
//              says how much); it can be negative.
//   diversity  across seeds: for each condition group (same held-out condition, different seeds), the mean
//              over pairs of the Euclidean distance between the samples' KID features (the 128-d penultimate
//              layer); averaged over groups. 0 = every seed gives the same image. `diversityPixel` is the same
//              with the RMS pixel difference (values in [0, 1]) for a network-free reading.
//   sharpness  HF energy of the samples / HF energy of the held-out renders, HF energy = mean over images of
//              the mean squared 5-point Laplacian of luminance (eval/high-frequency.ts, kid/set-metrics.ts):
//              1 = as much fine detail as the dataset, < 1 blurrier, > 1 noisier.
//   pairedPsnr (rep siren) PSNR between DDRep's sample i and the paired prior's sample i (plan.ts: the same
//              noise through image-space DDIM): what the SIREN and its inner fit change, per sample. Median over
//              pairs, since one identical pair would make a mean infinite.
//   viewConsistency  (rep 'field') view agreement, notes §4.3: the mean absolute difference in degrees between
//              the azimuth each held-out render was asked for and the azimuth the KID network reads from it
//              (kid/feature-net.ts predictAzimuths). A field that shows its front from every side (the Janus
//              problem) scores high; the network's own error on held-out dataset renders is the floor.
import { psnr } from '../../metrics/psnr';
import { kernelInceptionDistance, meanPairwiseDistance, pixelPairDistance, setSharpnessRatio, type KidOptions } from '../kid';

const FILE = 'src/engine/eval/prior-eval/metrics.ts';

export interface SampleSet {
  /** [n, S, S, 3] in [0, 1]. */
  images: Float32Array;
  /** [n, dim] KID features of the images. */
  features: Float32Array;
  /** Condition group of each image, [n]. */
  groups: readonly number[];
}

export interface ReferenceSet {
  /** [m, S, S, 3] in [0, 1]. */
  images: Float32Array;
  /** [m, dim]. */
  features: Float32Array;
}

export interface SetMetrics {
  kid: { mean: number; std: number; full: number; subsets: number; subsetSize: number; n: number; m: number };
  diversity: number;
  diversityPixel: number;
  sharpness: number;
}

/** Rows of `x` (width `w`) listed in `rows`, copied into a new array. */
function pick(x: Float32Array, w: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * w);
  rows.forEach((r, k) => out.set(x.subarray(r * w, (r + 1) * w), k * w));
  return out;
}

/** Mean over condition groups (with >= 2 members) of a pairwise distance within the group; NaN if none. */
export function groupedDiversity(data: Float32Array, width: number, groups: readonly number[], distance: (rows: Float32Array) => number): number {
  if (data.length !== groups.length * width) throw new Error(`${FILE}: ${groups.length} group labels for ${data.length / width} rows`);
  const members = new Map<number, number[]>();
  groups.forEach((g, i) => { members.set(g, [...(members.get(g) ?? []), i]); });
  let sum = 0; let count = 0;
  for (const rows of members.values()) {
    if (rows.length < 2) continue;
    sum += distance(pick(data, width, rows));
    count++;
  }
  return count > 0 ? sum / count : NaN;
}

export function setMetrics(samples: SampleSet, reference: ReferenceSet, dim: number, size: number, kid: Partial<KidOptions> = {}): SetMetrics {
  const px = size * size * 3;
  const n = samples.groups.length;
  if (samples.images.length !== n * px) throw new Error(`${FILE}: samples.images holds ${samples.images.length / px} images for ${n} group labels`);
  if (samples.features.length !== n * dim) throw new Error(`${FILE}: samples.features holds ${samples.features.length / dim} rows for ${n} images`);
  const k = kernelInceptionDistance(samples.features, reference.features, dim, kid);
  return {
    kid: { mean: k.mean, std: k.std, full: k.full, subsets: k.subsets, subsetSize: k.subsetSize, n: k.m, m: k.n },
    diversity: groupedDiversity(samples.features, dim, samples.groups, (rows) => meanPairwiseDistance(rows, dim)),
    diversityPixel: groupedDiversity(samples.images, px, samples.groups, (rows) => pixelPairDistance(rows, size)),
    sharpness: setSharpnessRatio(samples.images, reference.images, size),
  };
}

/** [-1, 1] -> [0, 1], clamped (the prior's range to the KID extractor's and the PNGs'). */
export function toUnitRange(x: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.min(1, Math.max(0, (x[i] + 1) / 2));
  return out;
}

/** Mean absolute angular difference in degrees (wrapped to [0, 180]) between predicted and requested azimuths (rad). */
export function azimuthError(predicted: ArrayLike<number>, requested: ArrayLike<number>): number {
  if (predicted.length !== requested.length || predicted.length === 0) {
    throw new Error(`${FILE}: azimuthError needs equally many predicted and requested azimuths (got ${predicted.length} and ${requested.length})`);
  }
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) {
    const d = Math.abs(predicted[i] - requested[i]) % (2 * Math.PI);
    sum += Math.min(d, 2 * Math.PI - d);
  }
  return (sum / predicted.length) * (180 / Math.PI);
}

/** Median over i of PSNR(a_i, b_i), images [n, S, S, 3] in [0, 1] (data range 1; identical pairs give +Infinity). */
export function pairedPsnr(a: Float32Array, b: Float32Array, size: number): number {
  const px = size * size * 3;
  if (a.length !== b.length || a.length === 0 || a.length % px !== 0) {
    throw new Error(`${FILE}: pairedPsnr needs two equally long non-empty sets of ${size}x${size}x3 images (got ${a.length} and ${b.length} values)`);
  }
  const image = (x: Float32Array, i: number) => ({ width: size, height: size, data: x.subarray(i * px, (i + 1) * px) });
  const values = Array.from({ length: a.length / px }, (_, i) => psnr(image(a, i), image(b, i))).sort((x, y) => x - y);
  const mid = values.length / 2;
  return values.length % 2 ? values[Math.floor(mid)] : (values[mid - 1] + values[mid]) / 2;
}
