// Sample diversity (issue 4 item 11; DFM Fig. 3 shows it qualitatively): how much N samples of
// the same scene, rendered at the same pose, differ per pixel.
//
// diversity = mean over masked pixels p of (1/3) sum_c std_c(p),
//   std_c(p) = sqrt( (1/N) sum_k (x_k,c(p) - mean_c(p))^2 )    (population std over the N samples)
// Population std (divide by N) makes one sample give 0, as a deterministic model should; the
// issue fixes N = 4, so values are comparable across methods.
import type { RgbImage } from '../data/types';
import { checkImage, checkMask, checkSameSize } from './checks';

const FILE = 'src/engine/eval/diversity.ts';

/** Per-pixel sums over masked pixels, for pooling several views: { sum of per-pixel std, pixel count }. */
export function diversitySum(samples: readonly RgbImage[], mask: Uint8Array): { sum: number; count: number } {
  if (samples.length === 0) throw new Error(`${FILE}: pixelDiversity needs at least one sample (got 0)`);
  const first = samples[0];
  samples.forEach((s, k) => {
    checkImage(s, FILE, `samples[${k}]`);
    checkSameSize(s, first, FILE, `samples[${k}]`, 'samples[0]');
  });
  checkMask(mask, first.width, first.height, FILE, 'mask');
  const n = samples.length;
  let sum = 0;
  let count = 0;
  for (let p = 0; p < mask.length; p++) {
    if (!mask[p]) continue;
    let pixelStd = 0;
    for (let c = 0; c < 3; c++) {
      const idx = 3 * p + c;
      let mean = 0;
      for (let k = 0; k < n; k++) mean += samples[k].data[idx];
      mean /= n;
      let v = 0;
      for (let k = 0; k < n; k++) {
        const d = samples[k].data[idx] - mean;
        v += d * d;
      }
      pixelStd += Math.sqrt(v / n);
    }
    sum += pixelStd / 3;
    count++;
  }
  return { sum, count };
}

/** Mean over masked pixels of the per-pixel std across samples, averaged over channels (NaN for an empty mask). */
export function pixelDiversity(samples: readonly RgbImage[], mask: Uint8Array): number {
  const { sum, count } = diversitySum(samples, mask);
  return count > 0 ? sum / count : NaN;
}
