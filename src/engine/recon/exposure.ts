// Per-image exposure and white balance: a small, regularised affine colour map per training
// image, applied to the rendered pixel before the loss (NeRF-W's per-image appearance, reduced
// to what a phone's auto-exposure and auto-white-balance change: a gain and an offset per channel).
//
//   C'_v = exp(s_v) * C + b_v          (per channel; s_v, b_v in R^3 for training image v)
//   L    = mean_rays |C'_v - C_gt|^2 + lambda * sum_v (|s_v|^2 + |b_v|^2)
//   dL/dC = exp(s_v) dL/dC',   dL/ds_v = sum_rays dL/dC' * exp(s_v) * C,   dL/db_v = sum_rays dL/dC'
//
// The field then models the scene under one shared exposure, and held-out views are rendered
// with the identity map (s = b = 0): a held-out photo's own exposure is not known at render time.
// The regulariser keeps the maps near identity, so the shared exposure stays that of the capture's
// typical image instead of drifting.
//
// Layout: params [V, 6] = (s_r, s_g, s_b, b_r, b_g, b_b) per view, in the order of the capture's
// training views (train-rays.ts gives each ray its view index). Gradients are accumulated per
// batch chunk (one buffer per chunk, summed in chunk order, so results do not depend on threads),
// and Adam runs on the calling thread (6V numbers).

export interface ExposureSettings {
  /** Adam learning rate of s and b. */
  lr: number;
  /** lambda of the L2 pull towards the identity map (per batch loss, i.e. per mean squared error). */
  weight: number;
}

export const EXPOSURE_DEFAULTS: ExposureSettings = { lr: 1e-3, weight: 1e-3 };

export interface ExposureState {
  /** [V*6] */
  params: Float32Array;
  /** Adam moments [V*6] each. */
  m: Float32Array;
  v: Float32Array;
  t: number;
}

export const EXPOSURE_STRIDE = 6;

export function makeExposure(views: number, alloc: (n: number) => Float32Array = (n) => new Float32Array(n)): ExposureState {
  const n = EXPOSURE_STRIDE * views;
  return { params: alloc(n), m: new Float32Array(n), v: new Float32Array(n), t: 0 };
}

const B1 = 0.9, B2 = 0.99, EPS = 1e-8;

/**
 * One Adam step: g = sum_c grads[c] (chunk order) + 2 lambda p; `grads` are zeroed for the next batch.
 * `lrScale` is the trainer's learning-rate decay factor.
 */
export function exposureAdamStep(e: ExposureState, grads: Float32Array[], s: ExposureSettings, lrScale: number): void {
  e.t++;
  const bc1 = 1 - Math.pow(B1, e.t), bc2 = 1 - Math.pow(B2, e.t), lr = s.lr * lrScale;
  const p = e.params;
  for (let i = 0; i < p.length; i++) {
    let g = 2 * s.weight * p[i];
    for (const gc of grads) { g += gc[i]; gc[i] = 0; }
    e.m[i] = B1 * e.m[i] + (1 - B1) * g;
    e.v[i] = B2 * e.v[i] + (1 - B2) * g * g;
    p[i] -= (lr * (e.m[i] / bc1)) / (Math.sqrt(e.v[i] / bc2) + EPS);
  }
}

/** Summary for the scene settings: the range of the fitted gains and offsets over the views. */
export function exposureSummary(e: ExposureState): { gain: [number, number]; offset: [number, number] } {
  let gLo = Infinity, gHi = -Infinity, oLo = Infinity, oHi = -Infinity;
  for (let i = 0; i < e.params.length; i += EXPOSURE_STRIDE) {
    for (let c = 0; c < 3; c++) {
      const g = Math.exp(e.params[i + c]), o = e.params[i + 3 + c];
      gLo = Math.min(gLo, g); gHi = Math.max(gHi, g); oLo = Math.min(oLo, o); oHi = Math.max(oHi, o);
    }
  }
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  return e.params.length ? { gain: [r(gLo), r(gHi)], offset: [r(oLo), r(oHi)] } : { gain: [1, 1], offset: [0, 0] };
}
