// DFM training checkpoints: the shared layout of ../train-checkpoint.ts with the magic "PXDFMCK1".
import { readTrainCheckpoint, restoreTrainCheckpoint, serializeTrainCheckpoint, type TrainCheckpointHeader } from '../train-checkpoint';
import type { DfmConfig } from './config';
import type { DfmTrainer } from './train-step';

const KIND = { magic: 'PXDFMCK1', file: 'dfm/checkpoint.ts', what: 'a DFM training checkpoint' };

export type CheckpointHeader = TrainCheckpointHeader<DfmConfig>;

export function serializeTrainer(trainer: DfmTrainer, meta: Record<string, unknown> = {}): Uint8Array {
  return serializeTrainCheckpoint(KIND, trainer, meta);
}

/** Parse and verify a checkpoint (magic, checksum, table). */
export function readCheckpoint(bytes: Uint8Array, source = 'checkpoint'): { header: CheckpointHeader; tensors: Map<string, Float32Array> } {
  return readTrainCheckpoint<DfmConfig>(KIND, bytes, source);
}

/** Restore weights, EMA, Adam moments, step and RNG state into a trainer built with the same config. */
export function restoreTrainer(trainer: DfmTrainer, bytes: Uint8Array, source = 'checkpoint'): CheckpointHeader {
  return restoreTrainCheckpoint(KIND, trainer, bytes, source);
}
