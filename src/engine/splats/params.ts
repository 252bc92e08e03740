// The trainer's Gaussian parameters and per-parameter Adam state, grown as densification adds
// Gaussians. Parameters, gradients and Adam moments live in KernelPool memory: the
// rasterizer's threads read the parameters and write the gradients, and Adam runs over the
// pool in chunks of Gaussians ('splats.adam' in kernels.ts).
// Adam (Kingma & Ba 2015, Algorithm 1) with the reference's eps = 1e-15 and one step count t for
// all groups: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr m / (1 - b1^t) / (sqrt(v / (1 - b2^t)) + eps).
import type { GaussianArrays } from './project';

export const PARAM_KEYS = ['positions', 'logScales', 'rotations', 'opacityLogits', 'shDc', 'shRest'] as const;
export type ParamKey = (typeof PARAM_KEYS)[number];

/** Floats per Gaussian of each parameter for a stored SH degree. */
export function paramWidths(shDegree: number): Record<ParamKey, number> {
  return { positions: 3, logScales: 3, rotations: 4, opacityLogits: 1, shDc: 3, shRest: 3 * ((shDegree + 1) ** 2 - 1) };
}

export type Alloc = (floats: number) => Float32Array;

export class GaussianStore {
  count = 0;
  capacity = 0;
  params!: GaussianArrays;
  grads!: GaussianArrays;
  m!: GaussianArrays;
  v!: GaussianArrays;
  /** Densification statistics [capacity]: sum of |view-space grad|, visible count, max radius. */
  gradAccum = new Float32Array(0);
  denom = new Float32Array(0);
  maxRadii = new Float32Array(0);
  readonly widths: Record<ParamKey, number>;

  constructor(readonly shDegree: number, private readonly alloc: Alloc) {
    this.widths = paramWidths(shDegree);
  }

  /** Make room for n Gaussians, keeping the first `count`. */
  reserve(n: number): void {
    if (n <= this.capacity && this.capacity > 0) return;
    const cap = Math.max(n, Math.ceil(this.capacity * 1.25), 16);
    const grow = (old: GaussianArrays | undefined, make: Alloc): GaussianArrays => {
      const out = {} as GaussianArrays;
      for (const k of PARAM_KEYS) {
        out[k] = make(cap * this.widths[k]);
        if (old) out[k].set(old[k].subarray(0, this.count * this.widths[k]));
      }
      return out;
    };
    this.params = grow(this.params, this.alloc);
    this.grads = grow(undefined, this.alloc);
    this.m = grow(this.m, this.alloc);
    this.v = grow(this.v, this.alloc);
    for (const k of ['gradAccum', 'denom', 'maxRadii'] as const) {
      const a = new Float32Array(cap);
      a.set(this[k].subarray(0, this.count));
      this[k] = a;
    }
    this.capacity = cap;
  }

  /** One Adam step of the first `count` Gaussians on the calling thread (see adamRange). */
  adam(t: number, lr: Record<ParamKey, number>, restActive = this.widths.shRest / 3): void {
    adamRange({ p: this.params, g: this.grads, m: this.m, v: this.v }, this.widths.shRest / 3, restActive, 0, this.count, t, lr);
  }
}

export interface AdamState { p: GaussianArrays; g: GaussianArrays; m: GaussianArrays; v: GaussianArrays }

export const ADAM_DEFAULTS = { b1: 0.9, b2: 0.999, eps: 1e-15 };

/**
 * Adam for Gaussians [from, to). Only the first `restActive` of the `restPerChannel` SH rest
 * coefficients per channel are updated: bands above the active degree get no gradient, so
 * their moments are zero and the update would be 0 / (0 + eps) = 0 (skipping them changes
 * nothing). Each element depends only on itself, so any chunking gives the same bits.
 */
export function adamRange(
  s: AdamState, restPerChannel: number, restActive: number, from: number, to: number, t: number, lr: Record<ParamKey, number>,
  b1 = ADAM_DEFAULTS.b1, b2 = ADAM_DEFAULTS.b2, eps = ADAM_DEFAULTS.eps,
): void {
  const bc1 = 1 - b1 ** t, bc2 = Math.sqrt(1 - b2 ** t);
  const widths = paramWidths(0);
  for (const k of PARAM_KEYS) {
    const p = s.p[k], g = s.g[k], m = s.m[k], v = s.v[k], step = lr[k] / bc1;
    if (k === 'shRest') {
      if (restActive <= 0) continue;
      for (let row = 3 * from; row < 3 * to; row++) {
        const base = row * restPerChannel;
        for (let j = base; j < base + restActive; j++) {
          const gj = g[j];
          const mj = (m[j] = b1 * m[j] + (1 - b1) * gj);
          const vj = (v[j] = b2 * v[j] + (1 - b2) * gj * gj);
          p[j] -= (step * mj) / (Math.sqrt(vj) / bc2 + eps);
        }
      }
      continue;
    }
    const w = widths[k];
    for (let j = from * w; j < to * w; j++) {
      const gj = g[j];
      const mj = (m[j] = b1 * m[j] + (1 - b1) * gj);
      const vj = (v[j] = b2 * v[j] + (1 - b2) * gj * gj);
      p[j] -= (step * mj) / (Math.sqrt(vj) / bc2 + eps);
    }
  }
}
