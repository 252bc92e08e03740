// Image quality metrics for scripts/psnr.mjs, in plain JavaScript with no import from the studio
// (so a user can trust them as an outside check of what the studio reports).
//
// Images are { width, height, data: Float64Array } with data[(y * width + x) * 3 + c] in [0, 1].

/**
 * Mean squared error over every pixel and channel, and PSNR = 10 log10(1 / MSE) for a peak of 1
 * (Infinity when the images are identical).
 */
export function psnr(a, b) {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`psnr: sizes differ (${a.width}x${a.height} vs ${b.width}x${b.height})`);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = a.data[i] - b.data[i];
    sum += d * d;
  }
  const mse = sum / a.data.length;
  return { mse, psnr: mse === 0 ? Infinity : -10 * Math.log10(mse) };
}

/** Normalised 1-D Gaussian of `size` taps (odd) and standard deviation `sigma`. */
function gaussian(size, sigma) {
  const half = (size - 1) / 2;
  const w = Array.from({ length: size }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * sigma * sigma)));
  const s = w.reduce((x, y) => x + y, 0);
  return w.map((x) => x / s);
}

/**
 * 'Valid' separable filtering of one channel plane [h*w] with kernel k: output
 * [(h - n + 1) * (w - n + 1)] (no padding, as in the usual NeRF evaluation code).
 */
function filterValid(plane, w, h, k) {
  const n = k.length;
  const ow = w - n + 1;
  const oh = h - n + 1;
  const tmp = new Float64Array(h * ow);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += k[i] * plane[y * w + x + i];
      tmp[y * ow + x] = s;
    }
  }
  const out = new Float64Array(oh * ow);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += k[i] * tmp[(y + i) * ow + x];
      out[y * ow + x] = s;
    }
  }
  return out;
}

/**
 * SSIM of Wang et al. 2004 (Eq. 13), per channel with an 11x11 Gaussian window (sigma 1.5),
 * K1 = 0.01, K2 = 0.03, dynamic range L = 1, averaged over the valid window positions and the
 * three channels. Returns null when an image side is smaller than the window.
 *   SSIM = ((2 mu_x mu_y + C1)(2 sigma_xy + C2)) / ((mu_x^2 + mu_y^2 + C1)(sigma_x^2 + sigma_y^2 + C2))
 */
export function ssim(a, b, { size = 11, sigma = 1.5 } = {}) {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`ssim: sizes differ (${a.width}x${a.height} vs ${b.width}x${b.height})`);
  const { width: w, height: h } = a;
  if (w < size || h < size) return null;
  const k = gaussian(size, sigma);
  const C1 = 0.01 ** 2;
  const C2 = 0.03 ** 2;
  const n = w * h;
  let total = 0;
  let count = 0;
  for (let c = 0; c < 3; c++) {
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) { x[i] = a.data[3 * i + c]; y[i] = b.data[3 * i + c]; }
    const sq = (p) => p.map((v) => v * v);
    const mx = filterValid(x, w, h, k);
    const my = filterValid(y, w, h, k);
    const mxx = filterValid(sq(x), w, h, k);
    const myy = filterValid(sq(y), w, h, k);
    const mxy = filterValid(x.map((v, i) => v * y[i]), w, h, k);
    for (let i = 0; i < mx.length; i++) {
      const vx = mxx[i] - mx[i] * mx[i];
      const vy = myy[i] - my[i] * my[i];
      const cxy = mxy[i] - mx[i] * my[i];
      total += ((2 * mx[i] * my[i] + C1) * (2 * cxy + C2)) / ((mx[i] * mx[i] + my[i] * my[i] + C1) * (vx + vy + C2));
      count += 1;
    }
  }
  return total / count;
}
