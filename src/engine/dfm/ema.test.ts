import { describe, expect, it } from 'vitest';
import { ParamStore } from '../fields';
import { useBackend } from '../testing/backends';
import { EmaWeights, emaWarmupDecay } from './ema';

describe('EMA warm-up (ema_pytorch, power 2/3)', () => {
  it('copies the weights on the first update, then approaches the cap', () => {
    expect(emaWarmupDecay(0.999, 0)).toBe(0);
    expect(emaWarmupDecay(0.999, 7)).toBeCloseTo(1 - 8 ** (-2 / 3), 12); // 0.75
    expect(emaWarmupDecay(0.999, 900)).toBeCloseTo(0.9893, 4);
    expect(emaWarmupDecay(0.999, 1_000_000)).toBe(0.999);
    expect(() => emaWarmupDecay(0.999, -1)).toThrow(/updates must be an integer >= 0, got -1/);
  });

  it('forgets the initial weights: after 500 warm-up updates from step 900 the start keeps < 2 %', () => {
    // Product of the decays = the weight left on whatever the average held at step 900.
    let left = 1;
    for (let n = 900; n < 1400; n++) left *= emaWarmupDecay(0.999, n);
    expect(left).toBeLessThan(0.02);
    let constant = 1;
    for (let n = 900; n < 1400; n++) constant *= 0.999;
    expect(constant).toBeGreaterThan(0.6); // what the constant decay would have kept
  });

  it('averages a store: first warm-up update equals the weights, plain update keeps the decay', async () => {
    const s = await useBackend('wasm');
    if (!s.ok) throw new Error(s.reason);
    const tf = s.tf;
    const store = new ParamStore(tf, 0);
    store.add('w', [2], 'ones');
    const ema = new EmaWeights(tf, store, 0.9);
    store.v('w').assign(tf.tensor1d([3, 6]));
    ema.update();
    expect(Array.from(ema.snapshot().get('w')!)).toEqual([expect.closeTo(1.2, 6), expect.closeTo(1.5, 6)]);
    ema.update(0);
    expect(Array.from(ema.snapshot().get('w')!)).toEqual([3, 6]);
    ema.dispose(); store.dispose();
  });
});
