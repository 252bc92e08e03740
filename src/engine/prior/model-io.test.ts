import type * as tfn from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeModelFile, ModelFileError } from '../model-file';
import { useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import { createPriorModel, disposePriorModel, priorEpsilon } from './model';
import { encodePriorModelFile, loadPriorModelFile } from './model-io';
import { createPriorTrainer, disposePriorTrainer, priorTrainStep } from './train-step';
import { TINY_PRIOR, tinyData } from './test-fixtures';

let tf: Tf;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
});

const PROV = { dataset: 'tiny squares', seed: 3, steps: 5, wallTimeSeconds: 1, hardware: 'test', engineVersion: '0' };

describe('prior model file', () => {
  it('save -> load gives bit-identical outputs, the EMA weights and the provenance', () => {
    const tr = createPriorTrainer(createPriorModel(tf, TINY_PRIOR, 3), 4);
    for (let i = 0; i < 5; i++) priorTrainStep(tr, tinyData(), 4);
    const bytes = encodePriorModelFile(tr.model, PROV, tr.ema.snapshot());
    const loaded = loadPriorModelFile(tf, bytes, 'tiny.plxm');
    expect(loaded.provenance).toMatchObject(PROV);
    expect(loaded.model.config).toEqual(tr.model.config);
    // Reference: the trainer's model with its EMA weights loaded.
    tr.model.store.load(tr.ema.snapshot());
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 5) as tfn.Tensor4D;
    const cond = [[0, 1, 0.3], null];
    const a = priorEpsilon(tr.model, x, [10, 600], cond);
    const b = priorEpsilon(loaded.model, x, [10, 600], cond);
    const da = a.dataSync(); const db = b.dataSync();
    expect(da.some((v) => v !== 0)).toBe(true);
    expect(Array.from(db)).toEqual(Array.from(da));
    tf.dispose([x, a, b]);
    disposePriorTrainer(tr); disposePriorModel(tr.model); disposePriorModel(loaded.model);
  });

  it('refuses a file of another method and a file whose weights do not match its config', () => {
    const model = createPriorModel(tf, TINY_PRIOR, 3);
    const tensors = model.store.names().map((name) => ({ name, shape: model.store.v(name).shape, data: model.store.v(name).dataSync() as Float32Array }));
    const dfm = encodeModelFile({ method: 'dfm', config: {}, provenance: PROV, tensors });
    expect(() => loadPriorModelFile(tf, dfm, 'other.plxm')).toThrow(ModelFileError);
    const missing = encodeModelFile({ method: 'prior', config: model.config as unknown as Record<string, unknown>, provenance: PROV, tensors: tensors.slice(1) });
    expect(() => loadPriorModelFile(tf, missing, 'short.plxm')).toThrow(/1 missing from the file \(unet\.time\.l0\.w\)/);
    const before = tf.memory().numTensors;
    expect(() => loadPriorModelFile(tf, missing, 'short.plxm')).toThrow();
    expect(tf.memory().numTensors).toBe(before); // a failed load disposes the model it built
    disposePriorModel(model);
  });
});
