import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../fields';
import { useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import { readPriorCheckpoint, restorePriorTrainer, serializePriorTrainer } from './checkpoint';
import { createPriorModel, disposePriorModel } from './model';
import { createPriorTrainer, disposePriorTrainer, normals, priorLoss, priorTrainStep, type PriorTrainer } from './train-step';
import { TINY_PRIOR, tinyData } from './test-fixtures';

let tf: Tf;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
});

const same = (a: Map<string, Float32Array>, b: Map<string, Float32Array>) => [...a].every(([n, d]) => {
  const e = b.get(n);
  return e !== undefined && e.length === d.length && d.every((v, i) => Object.is(v, e[i]));
});

describe('prior training', () => {
  it('training steps lower L_simple on a fixed batch (fixed x0, t, eps, conditions)', () => {
    const data = tinyData();
    const model = createPriorModel(tf, TINY_PRIOR, 3);
    const tr = createPriorTrainer(model, 4);
    const rng = new SeededRng(9);
    const x0 = tf.tensor4d(data.images, [4, 8, 8, 3]);
    const eps = tf.tensor4d(normals(rng, 4 * 8 * 8 * 3), [4, 8, 8, 3]);
    const t = [50, 250, 500, 800];
    const conds = data.conds.map((c) => [...c]);
    const evalLoss = () => { const l = priorLoss(model, x0, eps, t, conds); const v = l.dataSync()[0]; l.dispose(); return v; };
    const before = evalLoss();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) priorTrainStep(tr, data, 8);
    expect(tf.memory().numTensors).toBe(tensors); // no leak per step
    const after = evalLoss();
    expect(before).toBeCloseTo(tf.tidy(() => tf.mean(tf.square(eps)).dataSync()[0]), 5); // eps_hat = 0 at init
    expect(after).toBeLessThan(0.8 * before);
    tf.dispose([x0, eps]);
    disposePriorTrainer(tr); disposePriorModel(model);
  });

  it('resuming from a checkpoint reproduces the next steps bit-exactly (weights, EMA, Adam, RNG)', () => {
    const data = tinyData();
    const run = (tr: PriorTrainer, n: number) => Array.from({ length: n }, () => priorTrainStep(tr, data, 4).loss);
    const a = createPriorTrainer(createPriorModel(tf, TINY_PRIOR, 3), 4);
    run(a, 3);
    const bytes = serializePriorTrainer(a, { seconds: 1.5 });
    const lossesA = run(a, 2);
    // A trainer built with other seeds (other initial weights and stream) takes over from the checkpoint.
    const b = createPriorTrainer(createPriorModel(tf, TINY_PRIOR, 99), 98);
    const header = restorePriorTrainer(b, bytes, 'test.ckpt');
    expect(header.step).toBe(3);
    expect(header.meta.seconds).toBe(1.5);
    const lossesB = run(b, 2);
    expect(lossesB).toEqual(lossesA);
    expect(b.step).toBe(a.step);
    expect(b.rng.state).toBe(a.rng.state);
    expect(same(a.model.store.snapshot(), b.model.store.snapshot())).toBe(true);
    expect(same(a.ema.snapshot(), b.ema.snapshot())).toBe(true);
    expect(same(a.optimizer.snapshot(), b.optimizer.snapshot())).toBe(true);
    for (const tr of [a, b]) { disposePriorTrainer(tr); disposePriorModel(tr.model); }
  });

  it('rejects corrupt checkpoints and checkpoints of another config, naming the file and field', () => {
    const a = createPriorTrainer(createPriorModel(tf, TINY_PRIOR, 3), 4);
    const bytes = serializePriorTrainer(a);
    const bad = bytes.slice(); bad[bad.length - 1] ^= 1;
    expect(() => readPriorCheckpoint(bad, 'x.ckpt')).toThrow(/x\.ckpt: checksum: mismatch/);
    expect(() => readPriorCheckpoint(new Uint8Array(20), 'y.ckpt')).toThrow(/y\.ckpt: magic/);
    const other = createPriorTrainer(createPriorModel(tf, { ...TINY_PRIOR, unet: { ...TINY_PRIOR.unet, embedDim: 8 } }, 3), 4);
    expect(() => restorePriorTrainer(other, bytes, 'z.ckpt')).toThrow(/z\.ckpt: config/);
    for (const tr of [a, other]) { disposePriorTrainer(tr); disposePriorModel(tr.model); }
  });

  it('rejects data that does not match the model', () => {
    const tr = createPriorTrainer(createPriorModel(tf, TINY_PRIOR, 3), 4);
    const data = { ...tinyData(), resolution: 16 };
    expect(() => priorTrainStep(tr, data, 2)).toThrow(/data resolution 16 differs from the model's imageSize 8/);
    expect(() => priorTrainStep(tr, tinyData(), 0)).toThrow(/batch must be a positive integer, got 0/);
    disposePriorTrainer(tr); disposePriorModel(tr.model);
  });
});
