// DFM and pixelNeRF-baseline models <-> versioned model files (src/engine/model-file).
// A 'dfm' file holds every parameter (encoder, O_det field, joint field); a 'pixelnerf' file holds
// the deterministic part only (encoder + O_det field), the baseline of issue 4 item 6.
// The config stored in the file is the full DfmConfig, so a file rebuilds its model exactly.
import type * as tfn from '@tensorflow/tfjs';
import {
  assignWeights, decodeModelFile, encodeModelFile, type DecodedModel, type ModelMethod, type ModelProvenance, type StorageDtype,
} from '../model-file';
import type { Tf } from '../tf';
import { resolveDfmConfig, type DfmConfig } from './config';
import { createDfmModel, deterministicPrefixes, disposeDfmModel, type DfmModel } from './model';

const FILE = 'src/engine/dfm/model-io.ts';

function namesFor(model: DfmModel, method: ModelMethod): string[] {
  const names = model.store.names();
  if (method === 'dfm') return names;
  const pre = deterministicPrefixes();
  return names.filter((n) => pre.some((p) => n.startsWith(p)));
}

/** Encode `weights` (default: the model's current weights; pass the EMA snapshot to ship EMA). */
export function encodeDfmModelFile(
  model: DfmModel, method: ModelMethod, provenance: ModelProvenance,
  weights: ReadonlyMap<string, Float32Array> = model.store.snapshot(), storage: StorageDtype = 'float32',
): Uint8Array {
  const tensors = namesFor(model, method).map((name) => {
    const data = weights.get(name);
    if (!data) throw new Error(`${FILE}: weights: missing parameter ${name}`);
    return { name, shape: model.store.v(name).shape, data };
  });
  return encodeModelFile({ method, config: model.config as unknown as Record<string, unknown>, provenance, tensors, storage });
}

export interface LoadedDfmModel {
  model: DfmModel;
  method: ModelMethod;
  provenance: ModelProvenance;
  /** Content hash (CRC-32 hex) of the file. */
  checksum: string;
  decoded: DecodedModel;
}

/** Decode a model file and build the model on the active backend (any backend). */
export function loadDfmModelFile(tf: Tf, bytes: Uint8Array, options: { method?: ModelMethod; source?: string } = {}): LoadedDfmModel {
  const source = options.source ?? 'model file';
  const decoded = decodeModelFile(bytes, {
    method: options.method, source,
    configCheck: (cfg) => {
      try { resolveDfmConfig(cfg as unknown as Partial<DfmConfig>); return null; } catch (e) { return e instanceof Error ? e.message : String(e); }
    },
  });
  const model = createDfmModel(tf, decoded.config as unknown as Partial<DfmConfig>, 0);
  try {
    const vars = new Map<string, tfn.Variable>();
    for (const n of namesFor(model, decoded.method)) vars.set(n, model.store.v(n));
    assignWeights(tf, vars, decoded, source);
  } catch (e) {
    disposeDfmModel(model);
    throw e;
  }
  return { model, method: decoded.method, provenance: decoded.provenance, checksum: decoded.checksum, decoded };
}
