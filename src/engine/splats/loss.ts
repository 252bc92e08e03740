// Training loss of 3DGS (Sec. 7): L = (1 - lambda) L1 + lambda (1 - SSIM), lambda = 0.2, and
// its gradient with respect to the rendered image. SSIM (Wang et al. 2004) with an 11x11
// Gaussian window (sigma 1.5), zero padding at the borders and C1 = 0.01^2, C2 = 0.03^2 as the
// reference computes it, averaged over pixels and channels.
// Shapes: images [H*W*3] row-major RGB; the gradient has the same shape.

const WIN = 11, HALF = 5, SIGMA = 1.5, C1 = 0.01 ** 2, C2 = 0.03 ** 2;
const WINDOW = (() => {
  const w = new Float64Array(WIN);
  let s = 0;
  for (let i = 0; i < WIN; i++) { w[i] = Math.exp(-((i - HALF) ** 2) / (2 * SIGMA * SIGMA)); s += w[i]; }
  for (let i = 0; i < WIN; i++) w[i] /= s;
  return w;
})();

/** Separable zero-padded Gaussian filter of one plane [H*W] (symmetric: its own transpose). */
function blur(src: Float64Array, w: number, h: number, tmp: Float64Array, dst: Float64Array): void {
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      const a = Math.max(0, x - HALF), b = Math.min(w - 1, x + HALF);
      for (let k = a; k <= b; k++) s += WINDOW[k - x + HALF] * src[y * w + k];
      tmp[y * w + x] = s;
    }
  }
  for (let y = 0; y < h; y++) {
    const a = Math.max(0, y - HALF), b = Math.min(h - 1, y + HALF);
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = a; k <= b; k++) s += WINDOW[k - y + HALF] * tmp[k * w + x];
      dst[y * w + x] = s;
    }
  }
}

export const LOSS_DEFAULTS = { ssimWeight: 0.2 };

export class SplatLoss {
  private n = 0;
  private planes: Float64Array[] = [];

  private ensure(n: number): Float64Array[] {
    if (n !== this.n) { this.planes = Array.from({ length: 12 }, () => new Float64Array(n)); this.n = n; }
    return this.planes;
  }

  /**
   * Loss of `render` against `target` (both [H*W*3]); writes dL/drender into `grad` and returns
   * { loss, l1, ssim, mse }.
   */
  compute(render: ArrayLike<number>, target: ArrayLike<number>, w: number, h: number, grad: Float32Array, ssimWeight = LOSS_DEFAULTS.ssimWeight) {
    const n = w * h, N = 3 * n;
    const [x, y, mx, my, sxx, syy, sxy, tmp, g1, g2, g12, acc] = this.ensure(n);
    let l1 = 0, se = 0, ssimSum = 0;
    for (let k = 0; k < N; k++) {
      const d = render[k] - target[k];
      l1 += Math.abs(d); se += d * d;
      grad[k] = ((1 - ssimWeight) * Math.sign(d)) / N;
    }
    for (let ch = 0; ch < 3; ch++) {
      for (let p = 0; p < n; p++) { x[p] = render[3 * p + ch]; y[p] = target[3 * p + ch]; }
      blur(x, w, h, tmp, mx); blur(y, w, h, tmp, my);
      for (let p = 0; p < n; p++) { acc[p] = x[p] * x[p]; } blur(acc, w, h, tmp, sxx);
      for (let p = 0; p < n; p++) { acc[p] = y[p] * y[p]; } blur(acc, w, h, tmp, syy);
      for (let p = 0; p < n; p++) { acc[p] = x[p] * y[p]; } blur(acc, w, h, tmp, sxy);
      // S = A1 A2 / (B1 B2); derivatives with respect to the blurred maps mu_x, E[x^2], E[xy].
      for (let p = 0; p < n; p++) {
        const ux = mx[p], uy = my[p];
        const vx = sxx[p] - ux * ux, vy = syy[p] - uy * uy, cxy = sxy[p] - ux * uy;
        const A1 = 2 * ux * uy + C1, A2 = 2 * cxy + C2, B1 = ux * ux + uy * uy + C1, B2 = vx + vy + C2;
        const S = (A1 * A2) / (B1 * B2);
        ssimSum += S;
        const dS_dvx = -S / B2, dS_dcxy = (2 * A1) / (B1 * B2);
        const dS_dux = (2 * uy * A2) / (B1 * B2) - (S * 2 * ux) / B1;
        g1[p] = dS_dux + dS_dvx * -2 * ux + dS_dcxy * -uy; // d/d mu_x
        g2[p] = dS_dvx; // d/d E[x^2]
        g12[p] = dS_dcxy; // d/d E[xy]
      }
      blur(g1, w, h, tmp, mx); blur(g2, w, h, tmp, sxx); blur(g12, w, h, tmp, sxy);
      const k = -ssimWeight / N; // L = ... + lambda (1 - mean S)
      for (let p = 0; p < n; p++) grad[3 * p + ch] += k * (mx[p] + 2 * x[p] * sxx[p] + y[p] * sxy[p]);
    }
    const ssim = ssimSum / N;
    return { loss: (1 - ssimWeight) * (l1 / N) + ssimWeight * (1 - ssim), l1: l1 / N, ssim, mse: se / N };
  }
}
