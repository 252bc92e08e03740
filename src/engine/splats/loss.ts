// Training loss of 3DGS (Sec. 7): L = (1 - lambda) L1 + lambda (1 - SSIM), lambda = 0.2, and
// its gradient with respect to the rendered image. SSIM (Wang et al. 2004, Eq. 13) with an 11x11
// Gaussian window (sigma 1.5), zero padding at the borders and C1 = 0.01^2, C2 = 0.03^2 as the
// reference computes it, averaged over pixels and channels.
// Shapes: images [H*W*3] row-major RGB; the gradient has the same shape. Scratch planes
// [plane * H*W] (float64): `hp` 15 planes (per channel: horizontal blurs of x, y, x^2, y^2, xy;
// later the horizontal blurs of the 3 SSIM derivative maps), `gp` 9 planes (per channel: the
// derivatives of mean SSIM with respect to mu_x, E[x^2], E[xy]).
// The work is four passes over image rows, each a function of a row range, so a KernelPool can
// run each pass in row chunks ('splats.loss-*' in kernels.ts): the separable blur needs every
// row of one pass done before the next. Every pixel's value is computed the same way whatever
// the chunking; the sums (L1, squared error, SSIM) are returned per chunk and added in chunk
// order, so the loss depends on the chunk count only, never on the threads.

const WIN = 11, HALF = 5, SIGMA = 1.5, C1 = 0.01 ** 2, C2 = 0.03 ** 2;
const WINDOW = (() => {
  const w = new Float64Array(WIN);
  let s = 0;
  for (let i = 0; i < WIN; i++) { w[i] = Math.exp(-((i - HALF) ** 2) / (2 * SIGMA * SIGMA)); s += w[i]; }
  for (let i = 0; i < WIN; i++) w[i] /= s;
  return w;
})();

export const LOSS_DEFAULTS = { ssimWeight: 0.2 };
export const LOSS_H_PLANES = 15;
export const LOSS_G_PLANES = 9;

export interface LossImages { render: ArrayLike<number>; target: ArrayLike<number>; grad: Float32Array; hp: Float64Array; gp: Float64Array; w: number; h: number }

/**
 * Pass 1, rows [y0, y1): the L1 gradient (1 - lambda) sign(d) / (3HW) into `grad`, and the
 * horizontal blurs of x, y, x^2, y^2, xy per channel into hp. Returns [sum |d|, sum d^2].
 */
export function lossPass1(im: LossImages, ssimWeight: number, y0: number, y1: number): [number, number] {
  const { render, target, grad, hp, w, h } = im, n = w * h, N = 3 * n;
  let l1 = 0, se = 0;
  for (let k = 3 * y0 * w; k < 3 * y1 * w; k++) {
    const d = render[k] - target[k];
    l1 += Math.abs(d); se += d * d;
    grad[k] = ((1 - ssimWeight) * Math.sign(d)) / N;
  }
  for (let ch = 0; ch < 3; ch++) {
    const o = 5 * ch * n;
    for (let y = y0; y < y1; y++) {
      for (let x = 0; x < w; x++) {
        let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        const a = Math.max(0, x - HALF), b = Math.min(w - 1, x + HALF);
        for (let k = a; k <= b; k++) {
          const wk = WINDOW[k - x + HALF], q = 3 * (y * w + k) + ch, xv = render[q], yv = target[q];
          sx += wk * xv; sy += wk * yv; sxx += wk * (xv * xv); syy += wk * (yv * yv); sxy += wk * (xv * yv);
        }
        const p = y * w + x;
        hp[o + p] = sx; hp[o + n + p] = sy; hp[o + 2 * n + p] = sxx; hp[o + 3 * n + p] = syy; hp[o + 4 * n + p] = sxy;
      }
    }
  }
  return [l1, se];
}

/** Vertical blur of plane `src` (offset into `a`) at pixel (x, y). */
function vblur(a: Float64Array, src: number, x: number, y: number, w: number, h: number): number {
  let s = 0;
  const lo = Math.max(0, y - HALF), hi = Math.min(h - 1, y + HALF);
  for (let k = lo; k <= hi; k++) s += WINDOW[k - y + HALF] * a[src + k * w + x];
  return s;
}

/**
 * Pass 2, rows [y0, y1): vertical blurs give mu_x, mu_y, E[x^2], E[y^2], E[xy]; SSIM
 * S = A1 A2 / (B1 B2) per pixel and its derivatives with respect to mu_x, E[x^2], E[xy] into gp.
 * Returns the sum of S.
 */
export function lossPass2(im: LossImages, y0: number, y1: number): number {
  const { hp, gp, w, h } = im, n = w * h;
  let ssimSum = 0;
  for (let ch = 0; ch < 3; ch++) {
    const o = 5 * ch * n, og = 3 * ch * n;
    for (let y = y0; y < y1; y++) {
      for (let x = 0; x < w; x++) {
        const ux = vblur(hp, o, x, y, w, h), uy = vblur(hp, o + n, x, y, w, h);
        const vx = vblur(hp, o + 2 * n, x, y, w, h) - ux * ux, vy = vblur(hp, o + 3 * n, x, y, w, h) - uy * uy;
        const cxy = vblur(hp, o + 4 * n, x, y, w, h) - ux * uy;
        const A1 = 2 * ux * uy + C1, A2 = 2 * cxy + C2, B1 = ux * ux + uy * uy + C1, B2 = vx + vy + C2;
        const S = (A1 * A2) / (B1 * B2);
        ssimSum += S;
        const dS_dvx = -S / B2, dS_dcxy = (2 * A1) / (B1 * B2);
        const dS_dux = (2 * uy * A2) / (B1 * B2) - (S * 2 * ux) / B1;
        const p = y * w + x;
        gp[og + p] = dS_dux + dS_dvx * -2 * ux + dS_dcxy * -uy; // d/d mu_x
        gp[og + n + p] = dS_dvx; // d/d E[x^2]
        gp[og + 2 * n + p] = dS_dcxy; // d/d E[xy]
      }
    }
  }
  return ssimSum;
}

/** Pass 3, rows [y0, y1): horizontal blurs of the 9 derivative planes gp into hp[0..9). */
export function lossPass3(im: LossImages, y0: number, y1: number): void {
  const { hp, gp, w } = im, n = w * im.h;
  for (let pl = 0; pl < LOSS_G_PLANES; pl++) {
    const o = pl * n;
    for (let y = y0; y < y1; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        const a = Math.max(0, x - HALF), b = Math.min(w - 1, x + HALF), r = o + y * w;
        for (let k = a; k <= b; k++) s += WINDOW[k - x + HALF] * gp[r + k];
        hp[r + x] = s;
      }
    }
  }
}

/**
 * Pass 4, rows [y0, y1): the blur is symmetric (its own transpose), so the SSIM gradient is
 * -lambda / (3HW) (blur(d/dmu_x) + 2 x blur(d/dE[x^2]) + y blur(d/dE[xy])), added to `grad`.
 */
export function lossPass4(im: LossImages, ssimWeight: number, y0: number, y1: number): void {
  const { render, target, grad, hp, w } = im, n = w * im.h, kf = -ssimWeight / (3 * n);
  for (let ch = 0; ch < 3; ch++) {
    const og = 3 * ch * n;
    for (let y = y0; y < y1; y++) {
      for (let x = 0; x < w; x++) {
        const p = y * w + x, q = 3 * p + ch;
        const bm = vblur(hp, og, x, y, w, im.h), bxx = vblur(hp, og + n, x, y, w, im.h), bxy = vblur(hp, og + 2 * n, x, y, w, im.h);
        grad[q] += kf * (bm + 2 * render[q] * bxx + target[q] * bxy);
      }
    }
  }
}

export interface LossValue { loss: number; l1: number; ssim: number; mse: number }

/** The loss value from the pass sums. */
export function lossValue(l1: number, se: number, ssimSum: number, w: number, h: number, ssimWeight: number): LossValue {
  const N = 3 * w * h, ssim = ssimSum / N;
  return { loss: (1 - ssimWeight) * (l1 / N) + ssimWeight * (1 - ssim), l1: l1 / N, ssim, mse: se / N };
}

/** The loss on the calling thread (the four passes over all rows). */
export class SplatLoss {
  private n = 0;
  private hp = new Float64Array(0);
  private gp = new Float64Array(0);

  /**
   * Loss of `render` against `target` (both [H*W*3]); writes dL/drender into `grad` and returns
   * { loss, l1, ssim, mse }.
   */
  compute(render: ArrayLike<number>, target: ArrayLike<number>, w: number, h: number, grad: Float32Array, ssimWeight = LOSS_DEFAULTS.ssimWeight): LossValue {
    if (w * h !== this.n) { this.n = w * h; this.hp = new Float64Array(LOSS_H_PLANES * this.n); this.gp = new Float64Array(LOSS_G_PLANES * this.n); }
    const im: LossImages = { render, target, grad, hp: this.hp, gp: this.gp, w, h };
    const [l1, se] = lossPass1(im, ssimWeight, 0, h);
    const ssimSum = lossPass2(im, 0, h);
    lossPass3(im, 0, h);
    lossPass4(im, ssimWeight, 0, h);
    return lossValue(l1, se, ssimSum, w, h, ssimWeight);
  }
}
