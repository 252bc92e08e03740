// Image helpers for generation outputs: the per-pixel spread across samples (variance view) and
// the tiled per-sample preview strip of a sample job's progress.
import type { RgbImage } from '../../engine/data/types';

export interface SpreadImage {
  /** Colour-ramped standard deviation, normalised by `max` (black = all samples agree). */
  image: RgbImage;
  /** Per pixel: mean over RGB of the standard deviation across samples [H*W]. */
  std: Float32Array;
  /** Largest and mean per-pixel std (in [0, 1] colour units). */
  max: number;
  mean: number;
  /** The std drawn at full brightness (the 98th percentile, so a few edge pixels do not darken the rest). */
  scale: number;
}

/** A perceptual dark-to-bright ramp (black, purple, red, orange, pale yellow), t in [0, 1]. */
const RAMP: [number, number, number][] = [[0, 0, 0], [0.27, 0.05, 0.45], [0.8, 0.2, 0.3], [0.98, 0.6, 0.1], [1, 1, 0.75]];
export function rampColour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x)); const f = x - i;
  const a = RAMP[i]; const b = RAMP[i + 1];
  return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])];
}

/**
 * Per-pixel standard deviation over samples of images of the same pose (population std, averaged
 * over RGB), drawn with `rampColour` normalised by its 98th percentile (nearest rank) so it is
 * visible; a spread below 1/255 everywhere (e.g. one sample) stays black.
 */
export function spreadImage(images: readonly RgbImage[]): SpreadImage {
  if (images.length === 0) throw new Error('spreadImage: images: at least one image is required');
  const { width, height } = images[0];
  for (const [i, im] of images.entries()) {
    if (im.width !== width || im.height !== height) throw new Error(`spreadImage: images[${i}]: ${im.width}x${im.height}, expected ${width}x${height}`);
  }
  const n = images.length; const px = width * height;
  const std = new Float32Array(px);
  let max = 0; let sum = 0;
  for (let p = 0; p < px; p++) {
    let s = 0;
    for (let c = 0; c < 3; c++) {
      let m = 0;
      for (const im of images) m += im.data[3 * p + c];
      m /= n;
      let v = 0;
      for (const im of images) v += (im.data[3 * p + c] - m) ** 2;
      s += Math.sqrt(v / n);
    }
    std[p] = s / 3;
    max = Math.max(max, std[p]); sum += std[p];
  }
  const sorted = Float32Array.from(std).sort();
  const scale = Math.max(sorted[Math.max(0, Math.ceil(0.98 * px) - 1)], 1 / 255);
  const gain = max > 1 / 255 ? 1 / scale : 0;
  const data = new Float32Array(3 * px);
  for (let p = 0; p < px; p++) data.set(rampColour(std[p] * gain), 3 * p);
  return { image: { width, height, data }, std, max, mean: sum / px, scale: max > 1 / 255 ? scale : 0 };
}

/** Tiles side by side (size x size each); missing tiles are mid grey. */
export function tileStrip(tiles: readonly (RgbImage | null)[], size: number): RgbImage {
  const w = size * Math.max(1, tiles.length);
  const data = new Float32Array(w * size * 3).fill(0.5);
  tiles.forEach((t, k) => {
    if (!t || t.width !== size || t.height !== size) return;
    for (let y = 0; y < size; y++) data.set(t.data.subarray(3 * y * size, 3 * (y + 1) * size), 3 * (y * w + k * size));
  });
  return { width: w, height: size, data };
}
