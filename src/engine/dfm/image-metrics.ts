// PSNR and SSIM (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, K1 0.01, K2 0.03, per channel
// on [0, 1] images, averaged). Used by DFM evaluation until src/engine/metrics exists.
import type { RgbImage } from '../data/types';

function check(a: RgbImage, b: RgbImage): void {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`dfm/image-metrics.ts: image sizes differ: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
}

export function psnr(a: RgbImage, b: RgbImage): number {
  check(a, b);
  let s = 0;
  for (let i = 0; i < a.data.length; i++) { const d = a.data[i] - b.data[i]; s += d * d; }
  const mse = s / a.data.length;
  return mse === 0 ? Infinity : -10 * Math.log10(mse);
}

export function ssim(a: RgbImage, b: RgbImage): number {
  check(a, b);
  const { width: w, height: h } = a;
  const r = 5; const g: number[] = [];
  for (let i = -r; i <= r; i++) g.push(Math.exp(-(i * i) / (2 * 1.5 * 1.5)));
  const gs = g.reduce((x, y) => x + y, 0);
  const k = g.map((v) => v / gs);
  const c1 = 0.01 ** 2; const c2 = 0.03 ** 2;
  const blur = (src: Float64Array): Float64Array => {
    const tmp = new Float64Array(w * h); const out = new Float64Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      let s = 0; for (let i = -r; i <= r; i++) s += k[i + r] * src[y * w + Math.min(w - 1, Math.max(0, x + i))]; tmp[y * w + x] = s;
    }
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      let s = 0; for (let i = -r; i <= r; i++) s += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + x]; out[y * w + x] = s;
    }
    return out;
  };
  let total = 0;
  for (let c = 0; c < 3; c++) {
    const x = new Float64Array(w * h); const y = new Float64Array(w * h);
    for (let i = 0; i < w * h; i++) { x[i] = a.data[3 * i + c]; y[i] = b.data[3 * i + c]; }
    const mx = blur(x); const my = blur(y);
    const xx = blur(x.map((v) => v * v)); const yy = blur(y.map((v) => v * v)); const xy = blur(x.map((v, i) => v * y[i]));
    let s = 0;
    for (let i = 0; i < w * h; i++) {
      const vx = xx[i] - mx[i] ** 2; const vy = yy[i] - my[i] ** 2; const cxy = xy[i] - mx[i] * my[i];
      s += ((2 * mx[i] * my[i] + c1) * (2 * cxy + c2)) / ((mx[i] ** 2 + my[i] ** 2 + c1) * (vx + vy + c2));
    }
    total += s / (w * h);
  }
  return total / 3;
}
