// Named trainable parameters with seeded, backend-independent initialisation.
// Names are stable strings ("enc.down0.res0.conv1.w") so weights can be saved, loaded and averaged (EMA).
import type * as tfn from '@tensorflow/tfjs';
import type { Tf } from '../tf';

export type ParamInit = 'he' | 'zeros' | 'ones' | { normal: number };

/** mulberry32 step: returns the next state and a uniform number in [0, 1). */
function mulberry32Step(state: number): [number, number] {
  const a = (state + 0x6d2b79f5) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [a, ((t ^ (t >>> 14)) >>> 0) / 4294967296];
}

/** mulberry32: small deterministic PRNG, uniform in [0, 1). */
export function makeRng(seed: number): () => number {
  const r = new SeededRng(seed);
  return () => r.next();
}

/** mulberry32 with an inspectable state (saved in checkpoints for exact resume). */
export class SeededRng {
  /** The 32-bit generator state; assign a saved value to resume the stream. */
  state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  next(): number {
    const [s, u] = mulberry32Step(this.state);
    this.state = s;
    return u;
  }
  /** Integer in [0, n). */
  int(n: number): number { return Math.min(n - 1, Math.floor(this.next() * n)); }
}

export class ParamStore {
  private readonly vars = new Map<string, tfn.Variable>();
  private readonly rng: () => number;

  constructor(private readonly tf: Tf, seed: number) {
    this.rng = makeRng(seed);
  }

  /** Create a parameter; fanIn (for 'he') defaults to the product of all but the last dimension. */
  add(name: string, shape: number[], init: ParamInit, fanIn?: number): tfn.Variable {
    if (this.vars.has(name)) throw new Error(`fields/params.ts: parameter ${name} already exists`);
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (init === 'ones') data.fill(1);
    else if (init !== 'zeros') {
      const fi = fanIn ?? size / shape[shape.length - 1];
      const std = init === 'he' ? Math.sqrt(2 / fi) : init.normal;
      for (let i = 0; i < size; i++) {
        const u1 = Math.max(this.rng(), 1e-12);
        const u2 = this.rng();
        data[i] = std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      }
    }
    const init0 = this.tf.tensor(data, shape, 'float32');
    const v = this.tf.variable(init0, true);
    init0.dispose(); // the variable holds its own reference to the data
    this.vars.set(name, v);
    return v;
  }

  v(name: string): tfn.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`fields/params.ts: unknown parameter ${name}`);
    return v;
  }

  has(name: string): boolean { return this.vars.has(name); }
  names(): string[] { return [...this.vars.keys()]; }
  variables(): tfn.Variable[] { return [...this.vars.values()]; }
  /** Variables whose name starts with one of the prefixes. */
  variablesWithPrefix(prefixes: readonly string[]): tfn.Variable[] {
    return [...this.vars.entries()].filter(([n]) => prefixes.some((p) => n.startsWith(p))).map(([, v]) => v);
  }
  count(): number { return this.variables().reduce((a, v) => a + v.size, 0); }

  /** Copy of every parameter's values (for checkpoints, EMA, model files). */
  snapshot(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const [n, v] of this.vars) out.set(n, v.dataSync() as Float32Array);
    return out;
  }

  load(values: ReadonlyMap<string, Float32Array>): void {
    for (const [n, v] of this.vars) {
      const data = values.get(n);
      if (!data) throw new Error(`fields/params.ts: missing parameter ${n} in loaded weights`);
      if (data.length !== v.size) throw new Error(`fields/params.ts: parameter ${n} has ${data.length} values, expected ${v.size}`);
      this.tf.tidy(() => v.assign(this.tf.tensor(data, v.shape, 'float32')));
    }
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}
