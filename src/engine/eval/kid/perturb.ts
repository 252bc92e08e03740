// Known degradations of image sets [N, S, S, 3], for testing that KID moves the right way and for the
// yardstick figures next to the prior's KID: a separable Gaussian blur and a colour shift.
const FILE = 'src/engine/eval/kid/perturb.ts';

function checkSet(images: Float32Array, size: number): number {
  const px = size * size * 3;
  if (!(images instanceof Float32Array) || images.length % px !== 0) throw new Error(`${FILE}: images must be a Float32Array of [N, ${size}, ${size}, 3] values, got ${images?.length}`);
  return images.length / px;
}

/** Gaussian blur with std `sigma` pixels (kernel radius ceil(3 sigma), edge-replicated), per image and channel. */
export function gaussianBlurSet(images: Float32Array, size: number, sigma: number): Float32Array {
  const n = checkSet(images, size);
  if (!(sigma >= 0)) throw new Error(`${FILE}: sigma must be >= 0, got ${sigma}`);
  if (sigma === 0) return images.slice();
  const r = Math.ceil(3 * sigma);
  const w = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = w.reduce((a, b) => a + b, 0);
  const k = w.map((v) => v / sum);
  const out = new Float32Array(images.length);
  const tmp = new Float32Array(size * size * 3);
  const px = size * size * 3;
  const clamp = (v: number) => Math.min(size - 1, Math.max(0, v));
  for (let i = 0; i < n; i++) {
    const o = i * px;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let d = -r; d <= r; d++) s += k[d + r] * images[o + (y * size + clamp(x + d)) * 3 + c];
      tmp[(y * size + x) * 3 + c] = s;
    }
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let d = -r; d <= r; d++) s += k[d + r] * tmp[(clamp(y + d) * size + x) * 3 + c];
      out[o + (y * size + x) * 3 + c] = s;
    }
  }
  return out;
}

/** Add `shift` [dr, dg, db] to every pixel, clamped to [0, 1]. */
export function colourShiftSet(images: Float32Array, size: number, shift: readonly [number, number, number]): Float32Array {
  checkSet(images, size);
  return images.map((v, i) => Math.min(1, Math.max(0, v + shift[i % 3])));
}
