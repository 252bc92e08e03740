// The other two numbers eval-prior reports next to KID (issue 17), for unpaired image sets:
//
// diversity (across seeds) = mean over unordered pairs i < j of ||f_i - f_j||_2, where f are the KID
//   extractor's features of the N samples (one per seed). A collapsed sampler (every seed the same
//   image) gives 0; the dataset's own renders give the reference level (report it beside). Features,
//   not pixels: two toys of different colours should count as different even where pixels overlap
//   little, and a one-pixel shift should not. `pixelPairDistance` is the LPIPS-free pixel version
//   (mean over pairs of the RMS pixel difference) for readers who want one without a network.
//
// sharpness = (mean over generated images of HF energy) / (mean over reference images of HF energy),
//   HF energy = mean squared 5-point Laplacian of luminance over the whole image (eval/high-frequency.ts,
//   the measure `parallax eval` uses). Unpaired: the reference is the dataset renders, not a per-image
//   ground truth. 1 = as much fine detail as the dataset, < 1 blurrier, > 1 noisier.
import type { RgbImage } from '../../data/types';
import { energySum } from '../high-frequency';
import type { FeatureMatrix } from './mmd';

const FILE = 'src/engine/eval/kid/set-metrics.ts';

export function meanPairwiseDistance(features: FeatureMatrix, dim: number): number {
  const n = features.length / dim;
  if (!Number.isInteger(n) || n < 2) throw new Error(`${FILE}: meanPairwiseDistance needs [N >= 2, ${dim}] features, got ${features.length} values`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d2 = 0;
      for (let k = 0; k < dim; k++) d2 += (features[i * dim + k] - features[j * dim + k]) ** 2;
      sum += Math.sqrt(d2);
    }
  }
  return sum / ((n * (n - 1)) / 2);
}

/** Mean over pairs of the RMS difference of two images of the set [N, S, S, 3]. */
export function pixelPairDistance(images: Float32Array, size: number): number {
  const px = size * size * 3;
  const n = images.length / px;
  if (!Number.isInteger(n) || n < 2) throw new Error(`${FILE}: pixelPairDistance needs [N >= 2, ${size}, ${size}, 3] images, got ${images.length} values`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d2 = 0;
      for (let k = 0; k < px; k++) d2 += (images[i * px + k] - images[j * px + k]) ** 2;
      sum += Math.sqrt(d2 / px);
    }
  }
  return sum / ((n * (n - 1)) / 2);
}

function meanEnergy(images: Float32Array, size: number, field: string): number {
  const px = size * size * 3;
  const n = images.length / px;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${FILE}: ${field} must hold [N >= 1, ${size}, ${size}, 3] images, got ${images.length} values`);
  const mask = new Uint8Array(size * size).fill(1);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const img: RgbImage = { width: size, height: size, data: images.subarray(i * px, (i + 1) * px) };
    sum += energySum(img, mask).sum / (size * size);
  }
  return sum / n;
}

/** Sharpness of `generated` relative to `reference` (both [N, S, S, 3], any N). NaN if the reference has no HF energy. */
export function setSharpnessRatio(generated: Float32Array, reference: Float32Array, size: number): number {
  const ref = meanEnergy(reference, size, 'reference');
  return ref > 0 ? meanEnergy(generated, size, 'generated') / ref : NaN;
}
