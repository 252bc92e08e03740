// The DFM model: one time-conditioned encoder enc_t shared by context (t = 0) and target (t) views,
// the O_det field (pixelNeRF conditioned on the context only; DFM Sec. 4.1) and the joint field
// S_{t-1} conditioned on context and noisy target (Eq. 14). DFM's code also keeps two field MLPs.
import { makeNoiseSchedule, type NoiseSchedule } from '../diffusion';
import { ParamStore, initEncoder, initPixelField } from '../fields';
import type { Tf } from '../tf';
import { encoderConfigOf, fieldConfigOf, resolveDfmConfig, type DfmConfig } from './config';

export const ENCODER_PREFIX = 'enc';
export const DET_FIELD_PREFIX = 'det';
export const JOINT_FIELD_PREFIX = 'joint';

export interface DfmModel {
  readonly tf: Tf;
  readonly config: DfmConfig;
  readonly store: ParamStore;
  readonly schedule: NoiseSchedule;
}

export function createDfmModel(tf: Tf, config: Partial<DfmConfig> = {}, seed = 0): DfmModel {
  const c = resolveDfmConfig(config);
  const store = new ParamStore(tf, seed);
  initEncoder(store, ENCODER_PREFIX, encoderConfigOf(c));
  initPixelField(store, DET_FIELD_PREFIX, fieldConfigOf(c));
  initPixelField(store, JOINT_FIELD_PREFIX, fieldConfigOf(c));
  return { tf, config: c, store, schedule: makeNoiseSchedule(c.schedule) };
}

export function disposeDfmModel(m: DfmModel): void {
  m.store.dispose();
}

/** Parameters the deterministic pixelNeRF baseline (and the DFM warm-up) trains. */
export function deterministicPrefixes(): string[] {
  return [`${ENCODER_PREFIX}.`, `${DET_FIELD_PREFIX}.`];
}
