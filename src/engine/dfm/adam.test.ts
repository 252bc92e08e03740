import type * as tfn from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ParamStore } from '../fields';
import { useBackend } from '../testing/backends';
import { NamedAdam } from './adam';

describe('NamedAdam', () => {
  it('setLearningRate scales the next update and leaves the config it was built from alone', async () => {
    const s = await useBackend('wasm');
    if (!s.ok) throw new Error(s.reason);
    const tf = s.tf;
    const trainConfig = { learningRate: 1e-2, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
    const step = (lr: number | null): number => {
      const store = new ParamStore(tf, 0);
      const w = store.add('w', [1], 'zeros');
      const adam = new NamedAdam(tf, store, trainConfig);
      if (lr !== null) adam.setLearningRate(lr);
      const g = tf.tensor1d([0.5]);
      adam.apply({ [w.name]: g } as Record<string, tfn.Tensor>);
      const moved = w.dataSync()[0];
      g.dispose(); adam.dispose(); store.dispose();
      return moved;
    };
    // First Adam step moves by lr * m_hat / (sqrt(v_hat) + eps) = lr * sign(g) (up to eps).
    expect(step(null)).toBeCloseTo(-1e-2, 6);
    expect(step(1e-3)).toBeCloseTo(-1e-3, 7);
    expect(trainConfig.learningRate).toBe(1e-2);
    const store = new ParamStore(tf, 0);
    store.add('w', [1], 'zeros');
    const adam = new NamedAdam(tf, store, trainConfig);
    expect(() => adam.setLearningRate(0)).toThrow(/learning rate must be a positive number, got 0/);
    expect(() => adam.setLearningRate(Number.NaN)).toThrow(/got NaN/);
    adam.dispose(); store.dispose();
  });
});
