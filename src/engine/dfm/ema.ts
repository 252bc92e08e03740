// Exponential moving average of the parameters (used for sampling, as DFM's trainer does with ema_pytorch):
//   ema <- d * ema + (1 - d) * w
// with d = decay, or, when the caller passes the update count n, ema_pytorch's warm-up
//   d_n = min(decay, 1 - (1 + n)^(-power))            (inv_gamma = 1; power 2/3 is its default)
// so that the first update copies the weights and the random initialisation is forgotten within a few
// hundred updates. Without the warm-up, decay 0.999 keeps 0.999^n of the initial weights: 41 % after
// 900 steps, and samples from such an average are noise.
import type * as tfn from '@tensorflow/tfjs';
import type { ParamStore } from '../fields';
import type { Tf } from '../tf';

export class EmaWeights {
  private readonly shadow = new Map<string, tfn.Variable>();

  constructor(private readonly tf: Tf, private readonly store: ParamStore, readonly decay: number) {
    if (!(decay >= 0 && decay < 1)) throw new Error(`dfm/ema.ts: decay must be in [0, 1), got ${decay}`);
    for (const name of store.names()) {
      const copy = store.v(name).clone();
      this.shadow.set(name, tf.variable(copy, false));
      copy.dispose(); // the variable keeps the data alive
    }
  }

  /** One averaging step; `updates` (updates made before this one) turns the warm-up on. */
  update(updates?: number): void {
    const { tf } = this;
    const d = updates === undefined ? this.decay : emaWarmupDecay(this.decay, updates);
    tf.tidy(() => {
      for (const [name, s] of this.shadow) {
        s.assign(tf.add(tf.mul(s, d), tf.mul(this.store.v(name), 1 - d)));
      }
    });
  }

  /** Copy of the averaged weights by parameter name (load into a ParamStore for sampling). */
  snapshot(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const [n, v] of this.shadow) out.set(n, v.dataSync() as Float32Array);
    return out;
  }

  load(values: ReadonlyMap<string, Float32Array>): void {
    const { tf } = this;
    for (const [n, v] of this.shadow) {
      const d = values.get(n);
      if (!d || d.length !== v.size) throw new Error(`dfm/ema.ts: EMA weight ${n} is missing or has the wrong size`);
      tf.tidy(() => v.assign(tf.tensor(d, v.shape, 'float32')));
    }
  }

  dispose(): void {
    for (const v of this.shadow.values()) v.dispose();
    this.shadow.clear();
  }
}

/** ema_pytorch's warm-up power (its default). */
export const EMA_WARMUP_POWER = 2 / 3;

/** The decay of update number `updates` (0-based) under the warm-up, capped at `decay`. */
export function emaWarmupDecay(decay: number, updates: number, power = EMA_WARMUP_POWER): number {
  if (!(Number.isInteger(updates) && updates >= 0)) throw new Error(`dfm/ema.ts: updates must be an integer >= 0, got ${updates}`);
  return Math.min(decay, Math.max(0, 1 - (1 + updates) ** -power));
}
