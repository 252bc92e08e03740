// Image prior <-> versioned model file (src/engine/model-file, method 'prior'). The header's config is the
// full PriorConfig, so a file rebuilds its model exactly; the provenance records dataset, seed, steps,
// wall time and hardware (scripts/train-prior.ts).
import type * as tfn from '@tensorflow/tfjs';
import {
  assignWeights, decodeModelFile, encodeModelFile, type DecodedModel, type ModelProvenance, type StorageDtype,
} from '../model-file';
import type { Tf } from '../tf';
import { resolvePriorConfig, type PriorConfig } from './config';
import { createPriorModel, disposePriorModel, type PriorModel } from './model';

const FILE = 'src/engine/prior/model-io.ts';

/** Encode `weights` (default: the model's current weights; pass the EMA snapshot to ship EMA weights). */
export function encodePriorModelFile(
  model: PriorModel, provenance: ModelProvenance,
  weights: ReadonlyMap<string, Float32Array> = model.store.snapshot(), storage: StorageDtype = 'float32',
): Uint8Array {
  const tensors = model.store.names().map((name) => {
    const data = weights.get(name);
    if (!data) throw new Error(`${FILE}: weights: missing parameter ${name}`);
    return { name, shape: model.store.v(name).shape, data };
  });
  return encodeModelFile({ method: 'prior', config: model.config as unknown as Record<string, unknown>, provenance, tensors, storage });
}

export interface LoadedPriorModel {
  model: PriorModel;
  provenance: ModelProvenance;
  /** Content hash (CRC-32 hex) of the file. */
  checksum: string;
  decoded: DecodedModel;
}

/** Decode a 'prior' model file and build the model on the active backend. `source` names the file in errors. */
export function loadPriorModelFile(tf: Tf, bytes: Uint8Array, source = 'model file'): LoadedPriorModel {
  const decoded = decodeModelFile(bytes, {
    method: 'prior', source,
    configCheck: (cfg) => {
      try { resolvePriorConfig(cfg as unknown as Partial<PriorConfig>); return null; } catch (e) { return e instanceof Error ? e.message : String(e); }
    },
  });
  const model = createPriorModel(tf, decoded.config as unknown as Partial<PriorConfig>, 0);
  try {
    const vars = new Map<string, tfn.Variable>();
    for (const n of model.store.names()) vars.set(n, model.store.v(n));
    assignWeights(tf, vars, decoded, source);
  } catch (e) {
    disposePriorModel(model);
    throw e;
  }
  return { model, provenance: decoded.provenance, checksum: decoded.checksum, decoded };
}
