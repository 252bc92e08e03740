import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import { PRIOR_DEFAULTS, resolvePriorConfig } from './config';
import { createPriorModel, disposePriorModel, parameterCount, priorEpsilon, type PriorModel } from './model';
import { createPriorTrainer, disposePriorTrainer, priorTrainStep } from './train-step';
import { TINY_PRIOR, tinyData } from './test-fixtures';
import type * as tfn from '@tensorflow/tfjs';

let tf: Tf;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
});

/**
 * Give the zero-initialised layers (conv_out, the FiLM layers that carry the embedding, the attention output)
 * random weights, as training would, so the output depends on t and c.
 */
function randomiseOutput(model: PriorModel): void {
  model.store.names().filter((n) => /(^unet\.out|\.film|attn\.out)\.w$/.test(n)).forEach((n, i) => {
    const w = model.store.v(n);
    tf.tidy(() => w.assign(tf.randomNormal(w.shape, 0, 0.2, 'float32', 3 + i)));
  });
}

const read = (t: tfn.Tensor) => { const d = Float32Array.from(t.dataSync()); t.dispose(); return d; };
const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('prior UNet', () => {
  it('the default config has 1-4 M parameters and maps [B, 32, 32, 3] to [B, 32, 32, 3] (zero at init)', () => {
    const before = tf.memory().numTensors;
    const model = createPriorModel(tf, PRIOR_DEFAULTS, 0);
    const n = parameterCount(model);
    expect(n).toBeGreaterThan(1e6);
    expect(n).toBeLessThan(4e6);
    const x = tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', 1) as tfn.Tensor4D;
    const y = priorEpsilon(model, x, [10, 900], [[0, 1, 0.3], null]);
    expect(y.shape).toEqual([2, 32, 32, 3]);
    expect(Math.max(...read(y).map(Math.abs))).toBe(0); // conv_out starts at zero
    x.dispose();
    disposePriorModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the output depends on t and on the condition; null rows use the null embedding; rows are independent', () => {
    const model = createPriorModel(tf, TINY_PRIOR, 1);
    randomiseOutput(model);
    const x = tf.randomNormal([1, 8, 8, 3], 0, 1, 'float32', 2) as tfn.Tensor4D;
    const a = read(priorEpsilon(model, x, [100], [[0, 1, 0.2]]));
    const b = read(priorEpsilon(model, x, [100], [[1, 0, 0.2]]));
    const u = read(priorEpsilon(model, x, [100], null));
    const u2 = read(priorEpsilon(model, x, [100], [null]));
    const late = read(priorEpsilon(model, x, [700], [[0, 1, 0.2]]));
    expect(maxDiff(a, b)).toBeGreaterThan(1e-4);
    expect(maxDiff(a, u)).toBeGreaterThan(1e-4);
    expect(maxDiff(a, late)).toBeGreaterThan(1e-4);
    expect(maxDiff(u, u2)).toBe(0);
    // Batch of two rows (conditioned, null) equals the rows computed alone (GroupNorm is per sample).
    const x2 = tf.concat([x, x]) as tfn.Tensor4D;
    const both = read(priorEpsilon(model, x2, [100, 100], [[0, 1, 0.2], null]));
    expect(maxDiff(both.subarray(0, a.length), a)).toBeLessThan(1e-5);
    expect(maxDiff(both.subarray(a.length), u)).toBeLessThan(1e-5);
    tf.dispose([x, x2]);
    disposePriorModel(model);
  });

  it('rejects bad conditions and sizes with the row and value', () => {
    const model = createPriorModel(tf, TINY_PRIOR, 1);
    const x = tf.zeros([1, 8, 8, 3]) as tfn.Tensor4D;
    expect(() => priorEpsilon(model, x, [1], [[0, 1]])).toThrow(/cond\[0\] must be 3 finite numbers.*got \[0, 1\]/);
    const odd = tf.zeros([1, 5, 5, 3]) as tfn.Tensor4D;
    expect(() => priorEpsilon(model, odd, [1], null)).toThrow(/5x5 is not divisible by 2/);
    expect(() => resolvePriorConfig({ unet: { channels: [12] } })).toThrow(/unet.channels\[0\] = 12 is not divisible into 8 groups/);
    tf.dispose([x, odd]);
    disposePriorModel(model);
  });

  it('condition dropout: none at p = 0, every row at p = 1, about 10% at p = 0.1', () => {
    const data = tinyData();
    const dropped = (p: number, steps: number) => {
      const model = createPriorModel(tf, { ...TINY_PRIOR, train: { ...TINY_PRIOR.train, condDropout: p } }, 1);
      const tr = createPriorTrainer(model, 5);
      let n = 0;
      for (let i = 0; i < steps; i++) n += priorTrainStep(tr, data, 16).dropped;
      disposePriorTrainer(tr); disposePriorModel(model);
      return n;
    };
    expect(dropped(0, 2)).toBe(0);
    expect(dropped(1, 2)).toBe(32);
    const n = dropped(0.1, 25); // 400 rows: mean 40, sd 6
    expect(n).toBeGreaterThan(20);
    expect(n).toBeLessThan(60);
  });
});
