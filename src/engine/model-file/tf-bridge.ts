// From a decoded model file to TensorFlow.js: tensors on the active backend, or weights assigned
// into a model's named variables after checking every name and shape.
import type * as tfn from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import type { DecodedModel } from './decode';
import { ModelFileError, listNames } from './errors';

const FILE = 'src/engine/model-file/tf-bridge.ts';

/** One float32 tensor per weight, created on whatever backend is active. The caller disposes them. */
export function toTfTensors(tf: Tf, model: DecodedModel): Map<string, tfn.Tensor> {
  const out = new Map<string, tfn.Tensor>();
  for (const [name, t] of model.tensors) out.set(name, tf.tensor(t.data, t.shape, 'float32'));
  return out;
}

/** Plain name -> values map (what ParamStore.load-style loaders take). Shares the arrays. */
export function weightMap(model: DecodedModel): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [name, t] of model.tensors) out.set(name, t.data);
  return out;
}

export interface WeightsMismatch {
  /** Variables the model has that the file does not. */
  missing: string[];
  /** Tensors the file has that the model does not. */
  extra: string[];
  /** "name: file [a, b] vs model [c, d]" */
  mismatched: string[];
}

/** Compare the file's tensors with the model's variables (names, shapes, float32 dtype). */
export function compareWeights(variables: ReadonlyMap<string, tfn.Variable>, model: DecodedModel): WeightsMismatch {
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const [name, v] of variables) {
    const t = model.tensors.get(name);
    if (!t) { missing.push(name); continue; }
    const same = t.shape.length === v.shape.length && t.shape.every((d, i) => d === v.shape[i]);
    if (!same) mismatched.push(`${name}: file [${t.shape.join(', ')}] vs model [${v.shape.join(', ')}]`);
    else if (v.dtype !== 'float32') mismatched.push(`${name}: model variable is ${v.dtype}, file holds float32`);
  }
  const extra = [...model.tensors.keys()].filter((n) => !variables.has(n));
  return { missing, extra, mismatched };
}

/**
 * Assign the file's weights to the model's variables. Checks every name and shape first and
 * assigns nothing unless all match (a failed load never leaves a half-loaded model). Throws a
 * 'weights-mismatch' ModelFileError listing missing, extra and mismatched names. Returns the
 * number of variables assigned. `source` names the file in messages.
 */
export function assignWeights(
  tf: Tf, variables: ReadonlyMap<string, tfn.Variable>, model: DecodedModel, source = 'model file',
): number {
  const { missing, extra, mismatched } = compareWeights(variables, model);
  if (missing.length + extra.length + mismatched.length > 0) {
    const parts: string[] = [];
    if (missing.length) parts.push(`${missing.length} missing from the file (${listNames(missing)})`);
    if (extra.length) parts.push(`${extra.length} not in the model (${listNames(extra)})`);
    if (mismatched.length) parts.push(`${mismatched.length} with the wrong shape (${listNames(mismatched, 4)})`);
    throw new ModelFileError(
      'weights-mismatch', source, 'tensors',
      `weights do not match the ${model.method} model's variables: ${parts.join('; ')} [${FILE}]`,
    );
  }
  for (const [name, v] of variables) {
    const t = model.tensors.get(name);
    if (!t) continue; // unreachable after the check above
    tf.tidy(() => v.assign(tf.tensor(t.data, t.shape, 'float32')));
  }
  return variables.size;
}
