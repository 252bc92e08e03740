// The KID feature extractor <-> model files (src/engine/model-file, method 'kid-features').
// The header's config is the full KidFeatureConfig (architecture + target standardisation), so a file
// rebuilds its network exactly; the provenance records the data, seed, steps and the held-out
// regression error the extractor reached (what a KID computed with it can be trusted for).
import {
  assignWeights, decodeModelFile, encodeModelFile, type ModelProvenance,
} from '../../model-file';
import type { Tf } from '../../tf';
import { createKidFeatureNet, disposeKidFeatureNet, validateKidFeatureConfig, type KidFeatureConfig, type KidFeatureNet } from './feature-net';

export function encodeKidFeatureFile(net: KidFeatureNet, provenance: ModelProvenance): Uint8Array {
  const weights = net.store.snapshot();
  const tensors = net.store.names().map((name) => ({ name, shape: net.store.v(name).shape, data: weights.get(name)! }));
  return encodeModelFile({ method: 'kid-features', config: net.config as unknown as Record<string, unknown>, provenance, tensors });
}

export interface LoadedKidFeatureNet {
  net: KidFeatureNet;
  provenance: ModelProvenance;
  /** Content hash (CRC-32 hex) of the file: name it next to every KID reported with this extractor. */
  checksum: string;
}

/** Decode a 'kid-features' model file and build the network on the active backend. `source` names the file in errors. */
export function loadKidFeatureFile(tf: Tf, bytes: Uint8Array, source = 'kid-features model file'): LoadedKidFeatureNet {
  const decoded = decodeModelFile(bytes, {
    method: 'kid-features', source,
    configCheck: (cfg) => {
      try { validateKidFeatureConfig(cfg as unknown as KidFeatureConfig, source); return null; } catch (e) { return e instanceof Error ? e.message : String(e); }
    },
  });
  const net = createKidFeatureNet(tf, decoded.config as unknown as KidFeatureConfig, 0);
  const variables = new Map(net.store.names().map((n) => [n, net.store.v(n)]));
  try {
    assignWeights(tf, variables, decoded, source);
  } catch (e) {
    disposeKidFeatureNet(net);
    throw e;
  }
  return { net, provenance: decoded.provenance, checksum: decoded.checksum };
}
