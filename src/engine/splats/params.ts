// The trainer's Gaussian parameters and per-parameter Adam state, grown as densification adds
// Gaussians. Parameters and their gradients live in KernelPool memory (the rasterizer's
// threads read and write them); the Adam moments stay on the calling thread.
// Adam (Kingma & Ba 2015) with the reference's eps = 1e-15 and one step count for all groups.
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
    const local: Alloc = (f) => new Float32Array(f);
    this.params = grow(this.params, this.alloc);
    this.grads = grow(undefined, this.alloc);
    this.m = grow(this.m, local);
    this.v = grow(this.v, local);
    for (const k of ['gradAccum', 'denom', 'maxRadii'] as const) {
      const a = new Float32Array(cap);
      a.set(this[k].subarray(0, this.count));
      this[k] = a;
    }
    this.capacity = cap;
  }

  /** One Adam step of every parameter of the first `count` Gaussians. */
  adam(t: number, lr: Record<ParamKey, number>, b1 = 0.9, b2 = 0.999, eps = 1e-15): void {
    const bc1 = 1 - b1 ** t, bc2 = Math.sqrt(1 - b2 ** t);
    for (const k of PARAM_KEYS) {
      const p = this.params[k], g = this.grads[k], m = this.m[k], v = this.v[k];
      const step = lr[k] / bc1, len = this.count * this.widths[k];
      for (let j = 0; j < len; j++) {
        const gj = g[j];
        const mj = (m[j] = b1 * m[j] + (1 - b1) * gj);
        const vj = (v[j] = b2 * v[j] + (1 - b2) * gj * gj);
        p[j] -= (step * mj) / (Math.sqrt(vj) / bc2 + eps);
      }
    }
  }
}
