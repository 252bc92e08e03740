// Exponential moving average of the parameters (used for sampling, as DFM's trainer does with ema_pytorch):
//   ema <- decay * ema + (1 - decay) * w
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

  update(): void {
    const { tf } = this;
    tf.tidy(() => {
      for (const [name, s] of this.shadow) {
        s.assign(tf.add(tf.mul(s, this.decay), tf.mul(this.store.v(name), 1 - this.decay)));
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
