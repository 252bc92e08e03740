import { describe, expect, it } from 'vitest';
import type * as tfn from '@tensorflow/tfjs';
import { TEST_BACKENDS, useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import { decodeModelFile } from './decode';
import { encodeModelFile } from './encode';
import { ModelFileError } from './errors';
import { assignWeights, compareWeights, toTfTensors, weightMap } from './tf-bridge';

const SHAPES: Record<string, number[]> = { 'enc.w': [3, 3, 4, 8], 'enc.b': [8], 'det.w': [16, 4], 'det.s': [] };

function modelBytes(storage: 'float32' | 'float16'): Uint8Array {
  let k = 0;
  const tensors = Object.entries(SHAPES).map(([name, shape]) => ({
    name, shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.sin(++k) * 3),
  }));
  return encodeModelFile({
    method: 'pixelnerf', config: { imageSize: 64 }, storage, tensors,
    provenance: { dataset: 't', seed: 0, steps: 1, wallTimeSeconds: 0, hardware: 'test', engineVersion: '0.1.0' },
  });
}

function makeVariables(tf: Tf, shapes: Record<string, number[]>): Map<string, tfn.Variable> {
  return new Map(Object.entries(shapes).map(([n, s]) => {
    const init = tf.zeros(s);
    const v = tf.variable(init, true);
    init.dispose();
    return [n, v];
  }));
}

function disposeAll(m: Map<string, tfn.Tensor>): void {
  for (const t of m.values()) t.dispose();
}

describe.each(TEST_BACKENDS)('model file on the %s backend', (name) => {
  it('loads tensors and assigns weights on the backend, without leaks', async () => {
    const status = await useBackend(name);
    if (!status.ok) {
      expect(name, `${name} must be available here: ${status.reason}`).toBe('webgpu');
      console.log(`[model-file] skipping webgpu: ${status.reason}`);
      return;
    }
    const tf = status.tf;
    expect(tf.getBackend()).toBe(name);
    for (const storage of ['float32', 'float16'] as const) {
      const model = decodeModelFile(modelBytes(storage), { method: 'pixelnerf' });
      const before = tf.memory().numTensors;

      const tensors = toTfTensors(tf, model);
      for (const [n, t] of tensors) {
        expect(t.shape).toEqual(SHAPES[n]);
        expect(t.dtype).toBe('float32');
        expect(Float32Array.from(await t.data())).toEqual(model.tensors.get(n)!.data);
      }
      disposeAll(tensors);
      expect(tf.memory().numTensors).toBe(before);

      const vars = makeVariables(tf, SHAPES);
      const withVars = tf.memory().numTensors;
      expect(assignWeights(tf, vars, model)).toBe(4);
      expect(tf.memory().numTensors).toBe(withVars); // the assign leaves no temporaries behind
      const values = weightMap(model);
      for (const [n, v] of vars) expect(Float32Array.from(await v.data())).toEqual(values.get(n));
      // A computation with the loaded weights runs on this backend.
      const y = tf.tidy(() => tf.matMul(vars.get('det.w')!, tf.ones([4, 1])).sum());
      const expected = values.get('det.w')!.reduce((a, b) => a + b, 0);
      expect((await y.data())[0]).toBeCloseTo(expected, 3);
      y.dispose();
      disposeAll(vars);
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});

describe('assignWeights checks names and shapes', () => {
  it('reports missing, extra and mismatched names and assigns nothing', async () => {
    const status = await useBackend('cpu');
    if (!status.ok) throw new Error(status.reason);
    const tf = status.tf;
    const model = decodeModelFile(modelBytes('float32'), { source: 'models/x/model.plxm' });
    const shapes = { 'enc.w': [3, 3, 4, 8], 'enc.b': [9], 'det.w': [16, 4], 'joint.w': [2] }; // no det.s
    const vars = makeVariables(tf, shapes);
    const mismatch = compareWeights(vars, model);
    expect(mismatch).toEqual({ missing: ['joint.w'], extra: ['det.s'], mismatched: ['enc.b: file [8] vs model [9]'] });
    let caught: unknown;
    try { assignWeights(tf, vars, model, 'models/x/model.plxm'); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(ModelFileError);
    const e = caught as ModelFileError;
    expect(e.code).toBe('weights-mismatch');
    expect(e.message).toContain('models/x/model.plxm');
    expect(e.message).toMatch(/1 missing from the file \(joint\.w\)/);
    expect(e.message).toMatch(/1 not in the model \(det\.s\)/);
    expect(e.message).toMatch(/enc\.b: file \[8\] vs model \[9\]/);
    // Atomic: the matching variable was not assigned either.
    expect(Array.from(await vars.get('enc.w')!.data()).every((x) => x === 0)).toBe(true);
    disposeAll(vars);
  });
});
