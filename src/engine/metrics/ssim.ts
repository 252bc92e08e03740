// Structural similarity (Wang et al. 2004, Eq. 13) with the standard settings used by NeRF
// papers: 11x11 Gaussian window, sigma 1.5, K1 = 0.01, K2 = 0.03, data range 1, computed on
// each RGB channel separately over the "valid" window positions (no padding, as in the
// mip-NeRF / JAX reference) and averaged over positions and channels.
// Images smaller than the window use a window cropped to the image (centre taps).
import type { RgbImage } from '../data/types';
import { checkSameSize } from './psnr';

export const SSIM_WINDOW = 11;
export const SSIM_SIGMA = 1.5;

function gaussianKernel(size: number, sigma: number): Float64Array {
  const k = new Float64Array(size);
  const c = (size - 1) / 2;
  let s = 0;
  for (let i = 0; i < size; i++) { k[i] = Math.exp(-((i - c) ** 2) / (2 * sigma * sigma)); s += k[i]; }
  for (let i = 0; i < size; i++) k[i] /= s;
  return k;
}

/** Valid separable filtering of a w x h plane with kernel g (length n): (w-n+1) x (h-n+1). */
function filterValid(src: Float64Array, w: number, h: number, g: Float64Array): Float64Array {
  const n = g.length, ow = w - n + 1, oh = h - n + 1;
  const tmp = new Float64Array(ow * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += g[i] * src[y * w + x + i];
      tmp[y * ow + x] = s;
    }
  }
  const out = new Float64Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += g[i] * tmp[(y + i) * ow + x];
      out[y * ow + x] = s;
    }
  }
  return out;
}

export function ssim(a: RgbImage, b: RgbImage): number {
  checkSameSize(a, b, 'ssim');
  const { width: w, height: h } = a;
  let size = Math.min(SSIM_WINDOW, w, h);
  if (size % 2 === 0) size--;
  const g = gaussianKernel(size, SSIM_SIGMA);
  const C1 = 0.01 ** 2, C2 = 0.03 ** 2;
  const n = w * h;
  let total = 0;
  for (let c = 0; c < 3; c++) {
    const x = new Float64Array(n), y = new Float64Array(n), xx = new Float64Array(n), yy = new Float64Array(n), xy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = a.data[3 * i + c], q = b.data[3 * i + c];
      x[i] = p; y[i] = q; xx[i] = p * p; yy[i] = q * q; xy[i] = p * q;
    }
    const mx = filterValid(x, w, h, g), my = filterValid(y, w, h, g);
    const sxx = filterValid(xx, w, h, g), syy = filterValid(yy, w, h, g), sxy = filterValid(xy, w, h, g);
    let s = 0;
    for (let i = 0; i < mx.length; i++) {
      const vx = Math.max(0, sxx[i] - mx[i] * mx[i]), vy = Math.max(0, syy[i] - my[i] * my[i]);
      const cov = sxy[i] - mx[i] * my[i];
      s += ((2 * mx[i] * my[i] + C1) * (2 * cov + C2)) / ((mx[i] * mx[i] + my[i] * my[i] + C1) * (vx + vy + C2));
    }
    total += s / mx.length;
  }
  return total / 3;
}
