// Adam (Kingma & Ba 2015, Algorithm 1) over a ParamStore, with moments keyed by parameter name so
// they can be checkpointed and restored exactly (tfjs' AdamOptimizer keys them by variable order).
//
//   m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
//   w <- w - lr * (m / (1 - b1^k)) / (sqrt(v / (1 - b2^k)) + eps)        k = update count
import type * as tfn from '@tensorflow/tfjs';
import type { ParamStore } from '../fields';
import type { Tf } from '../tf';

export interface AdamConfig { learningRate: number; beta1: number; beta2: number; epsilon: number }

export class NamedAdam {
  /** Number of updates applied so far (k of the bias correction). */
  updates = 0;
  private readonly m = new Map<string, tfn.Variable>();
  private readonly v = new Map<string, tfn.Variable>();
  private readonly byVarName = new Map<string, string>();

  /** A copy: changing the learning rate (setLearningRate) leaves the model's config as it is. */
  readonly config: AdamConfig;

  constructor(private readonly tf: Tf, private readonly store: ParamStore, config: AdamConfig) {
    this.config = { learningRate: config.learningRate, beta1: config.beta1, beta2: config.beta2, epsilon: config.epsilon };
    for (const name of store.names()) {
      const p = store.v(name);
      this.byVarName.set(p.name, name);
      for (const map of [this.m, this.v]) {
        const zeros = tf.zerosLike(p);
        map.set(name, tf.variable(zeros, false));
        zeros.dispose(); // the variable keeps its own reference to the data
      }
    }
  }

  /** Learning rate for the next updates (a schedule lives with the caller, e.g. scripts/train-default.ts). */
  setLearningRate(lr: number): void {
    if (!(Number.isFinite(lr) && lr > 0)) throw new Error(`dfm/adam.ts: learning rate must be a positive number, got ${lr}`);
    (this.config as { learningRate: number }).learningRate = lr;
  }

  /** Apply gradients keyed by tf variable name (as `tf.variableGrads` returns them). */
  apply(grads: Record<string, tfn.Tensor>): void {
    const { tf } = this;
    const { learningRate: lr, beta1: b1, beta2: b2, epsilon } = this.config;
    this.updates += 1;
    const c1 = 1 - b1 ** this.updates;
    const c2 = 1 - b2 ** this.updates;
    tf.tidy(() => {
      for (const [varName, g] of Object.entries(grads)) {
        const name = this.byVarName.get(varName);
        if (!name) throw new Error(`dfm/adam.ts: gradient for unknown variable ${varName}`);
        const m = this.m.get(name)!; const v = this.v.get(name)!;
        m.assign(tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)));
        v.assign(tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2)));
        const step = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), epsilon));
        const p = this.store.v(name);
        p.assign(tf.sub(p, tf.mul(step, lr)));
      }
    });
  }

  /** Moments by name: `m/<param>` and `v/<param>`. */
  snapshot(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const [n, t] of this.m) out.set(`m/${n}`, t.dataSync() as Float32Array);
    for (const [n, t] of this.v) out.set(`v/${n}`, t.dataSync() as Float32Array);
    return out;
  }

  load(values: ReadonlyMap<string, Float32Array>, updates: number): void {
    const { tf } = this;
    for (const [prefix, map] of [['m', this.m], ['v', this.v]] as const) {
      for (const [n, t] of map) {
        const d = values.get(`${prefix}/${n}`);
        if (!d || d.length !== t.size) throw new Error(`dfm/adam.ts: checkpoint moment ${prefix}/${n} is missing or has the wrong size`);
        tf.tidy(() => t.assign(tf.tensor(d, t.shape, 'float32')));
      }
    }
    this.updates = updates;
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
    this.m.clear(); this.v.clear();
  }
}
