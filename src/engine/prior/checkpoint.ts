// Training checkpoints of the image prior: the shared layout of ../train-checkpoint.ts with the
// magic "PXPRICK1".
import { readTrainCheckpoint, restoreTrainCheckpoint, serializeTrainCheckpoint, type TrainCheckpointHeader } from '../train-checkpoint';
import type { PriorConfig } from './config';
import type { PriorTrainer } from './train-step';

const KIND = { magic: 'PXPRICK1', file: 'prior/checkpoint.ts', what: 'an image-prior training checkpoint' };

export type PriorCheckpointHeader = TrainCheckpointHeader<PriorConfig>;

export function serializePriorTrainer(trainer: PriorTrainer, meta: Record<string, unknown> = {}): Uint8Array {
  return serializeTrainCheckpoint(KIND, trainer, meta);
}

/** Parse and verify a checkpoint (magic, checksum, table); `source` names the file in errors. */
export function readPriorCheckpoint(bytes: Uint8Array, source = 'checkpoint'): { header: PriorCheckpointHeader; tensors: Map<string, Float32Array> } {
  return readTrainCheckpoint<PriorConfig>(KIND, bytes, source);
}

/** Restore weights, EMA, Adam moments, step and RNG state into a trainer built with the same config. */
export function restorePriorTrainer(trainer: PriorTrainer, bytes: Uint8Array, source = 'checkpoint'): PriorCheckpointHeader {
  return restoreTrainCheckpoint(KIND, trainer, bytes, source, (c) => JSON.stringify(c.unet));
}
