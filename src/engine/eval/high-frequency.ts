// Sharpness of generated views: high-frequency energy relative to ground truth (issue 4 item 11).
// Mean-estimating (deterministic) models blur what they cannot see; a sampler that commits to one
// plausible completion keeps image detail. DFM reports FID/KID for this; without a pretrained
// feature network we measure detail directly.
//
// Choice: HF energy = mean over masked pixels of the squared discrete Laplacian of luminance,
//   Y = 0.2126 R + 0.7152 G + 0.0722 B            (Rec. 709 weights on the stored values)
//   L(x, y) = Y(x-1, y) + Y(x+1, y) + Y(x, y-1) + Y(x, y+1) - 4 Y(x, y)
// with edge replication at the border (a constant image has energy 0 everywhere). The Laplacian
// reads neighbours outside the mask: an edge on the mask boundary counts for the pixel inside.
// The Laplacian is the simplest isotropic high-pass; its squared response integrates the power
// spectrum weighted by ~|w|^4, so it is dominated by the finest scales where blur shows first.
import type { RgbImage } from '../data/types';
import { checkImage, checkMask, checkSameSize } from './checks';

const FILE = 'src/engine/eval/high-frequency.ts';

export function luminance(img: RgbImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  const d = img.data;
  for (let i = 0; i < n; i++) out[i] = 0.2126 * d[3 * i] + 0.7152 * d[3 * i + 1] + 0.0722 * d[3 * i + 2];
  return out;
}

/** 5-point Laplacian of luminance, edge-replicated, [H*W]. */
export function laplacianOfLuminance(img: RgbImage): Float32Array {
  const { width: w, height: h } = img;
  const y = luminance(img);
  const out = new Float32Array(w * h);
  for (let j = 0; j < h; j++) {
    const up = Math.max(j - 1, 0) * w;
    const down = Math.min(j + 1, h - 1) * w;
    const row = j * w;
    for (let i = 0; i < w; i++) {
      const left = Math.max(i - 1, 0);
      const right = Math.min(i + 1, w - 1);
      out[row + i] = y[row + left] + y[row + right] + y[up + i] + y[down + i] - 4 * y[row + i];
    }
  }
  return out;
}

/** Sum of squared Laplacian over the mask, and the number of masked pixels (no input checks). */
export function energySum(img: RgbImage, mask: Uint8Array): { sum: number; count: number } {
  const lap = laplacianOfLuminance(img);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < lap.length; i++) {
    if (!mask[i]) continue;
    sum += lap[i] * lap[i];
    count++;
  }
  return { sum, count };
}

/** Mean squared Laplacian of luminance over the masked pixels (NaN when the mask is empty). */
export function highFrequencyEnergy(img: RgbImage, mask: Uint8Array): number {
  checkImage(img, FILE, 'img');
  checkMask(mask, img.width, img.height, FILE, 'mask');
  const { sum, count } = energySum(img, mask);
  return count > 0 ? sum / count : NaN;
}

/**
 * Pooled HF-energy ratio: sum_i sum_{p in mask_i} L_gen_i(p)^2 / sum_i sum_{p in mask_i} L_gt_i(p)^2.
 * 1 = as much fine detail as ground truth, < 1 blurrier, > 1 noisier. Pooling over all images
 * (instead of averaging per-image ratios) keeps views with little ground-truth detail from
 * dominating. NaN when the masks are empty or ground truth has no HF energy there.
 * generated[i] is compared with groundTruth[i] in masks[i] (repeat a ground truth for several samples).
 */
export function sharpnessRatio(
  generated: readonly RgbImage[], groundTruth: readonly RgbImage[], masks: readonly Uint8Array[],
): number {
  if (generated.length !== groundTruth.length || generated.length !== masks.length) {
    throw new Error(`${FILE}: sharpnessRatio needs as many ground truths and masks as generated images (got ${generated.length} generated, ${groundTruth.length} ground truth, ${masks.length} masks)`);
  }
  let num = 0;
  let den = 0;
  generated.forEach((g, i) => {
    const t = groundTruth[i];
    checkImage(g, FILE, `generated[${i}]`);
    checkImage(t, FILE, `groundTruth[${i}]`);
    checkSameSize(g, t, FILE, `generated[${i}]`, `groundTruth[${i}]`);
    checkMask(masks[i], g.width, g.height, FILE, `masks[${i}]`);
    num += energySum(g, masks[i]).sum;
    den += energySum(t, masks[i]).sum;
  });
  return den > 0 ? num / den : NaN;
}
