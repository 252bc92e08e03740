// Training checkpoints of the tfjs models (DFM, the image prior): everything needed to continue a
// run bit-exactly (DESIGN.md, Jobs: weights + optimizer state + step + RNG state). One layout,
// each model with its own 8-byte magic so a file is never restored into the wrong kind of trainer.
//
// Layout (little-endian):
//   0   8  magic (e.g. "PXDFMCK1", "PXPRICK1")
//   8   4  u32 header length H (UTF-8 JSON)
//   12  4  u32 CRC-32 of bytes [16, end)
//   16  H  header JSON: { version, config, step, rngState, adamUpdates, meta, tensors: [{ name, length }] }
//   ..     zero padding to a multiple of 4, then the float32 tensors in table order.
// Tensor names: `w/<param>` weights, `ema/<param>` EMA weights, `m/<param>`, `v/<param>` Adam moments.
import { crc32 } from './checksum';

/** What a checkpoint needs of a trainer (dfm/train-step.ts, prior/train-step.ts). */
export interface CheckpointableTrainer<C> {
  model: { config: C; store: TensorSet };
  ema: TensorSet;
  optimizer: { snapshot(): Map<string, Float32Array>; load(values: ReadonlyMap<string, Float32Array>, updates: number): void; updates: number };
  step: number;
  rng: { state: number };
}

interface TensorSet {
  snapshot(): Map<string, Float32Array>;
  load(values: ReadonlyMap<string, Float32Array>): void;
}

export interface TrainCheckpointHeader<C> {
  version: 1;
  config: C;
  step: number;
  rngState: number;
  adamUpdates: number;
  /** Caller data saved with the checkpoint (loop options, data cursor, wall time, ...). */
  meta: Record<string, unknown>;
  tensors: { name: string; length: number }[];
}

/** Which kind of checkpoint: its magic, the file that names errors, and what to call it in them. */
export interface TrainCheckpointKind { magic: string; file: string; what: string }

export function serializeTrainCheckpoint<C>(kind: TrainCheckpointKind, trainer: CheckpointableTrainer<C>, meta: Record<string, unknown> = {}): Uint8Array {
  const tensors = new Map<string, Float32Array>();
  for (const [n, d] of trainer.model.store.snapshot()) tensors.set(`w/${n}`, d);
  for (const [n, d] of trainer.ema.snapshot()) tensors.set(`ema/${n}`, d);
  for (const [n, d] of trainer.optimizer.snapshot()) tensors.set(n, d);
  const header: TrainCheckpointHeader<C> = {
    version: 1, config: trainer.model.config, step: trainer.step, rngState: trainer.rng.state,
    adamUpdates: trainer.optimizer.updates, meta,
    tensors: [...tensors].map(([name, d]) => ({ name, length: d.length })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = 16 + Math.ceil(json.length / 4) * 4;
  const out = new Uint8Array(dataStart + 4 * header.tensors.reduce((a, t) => a + t.length, 0));
  out.set(new TextEncoder().encode(kind.magic), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, json.length, true);
  out.set(json, 16);
  let off = dataStart;
  for (const d of tensors.values()) {
    // Float32Array views are little-endian on every platform tfjs runs on.
    const bytes = new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
    out.set(bytes, off);
    off += bytes.length;
  }
  view.setUint32(12, crc32(out.subarray(16)), true);
  return out;
}

/** Parse and verify a checkpoint (magic, checksum, table); `source` names the file in errors. */
export function readTrainCheckpoint<C>(
  kind: TrainCheckpointKind, bytes: Uint8Array, source = 'checkpoint',
): { header: TrainCheckpointHeader<C>; tensors: Map<string, Float32Array> } {
  const fail = (field: string, msg: string) => new Error(`${kind.file}: ${source}: ${field}: ${msg}`);
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== kind.magic) throw fail('magic', `not ${kind.what}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = view.getUint32(8, true);
  if (16 + h > bytes.length) throw fail('headerLength', `${h} exceeds the file (${bytes.length} bytes): truncated`);
  if (crc32(bytes.subarray(16)) !== view.getUint32(12, true)) throw fail('checksum', 'mismatch: the checkpoint is corrupt or truncated');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + h))) as TrainCheckpointHeader<C>;
  if (header.version !== 1) throw fail('version', `unsupported ${JSON.stringify(header.version)}`);
  const tensors = new Map<string, Float32Array>();
  let off = 16 + Math.ceil(h / 4) * 4;
  for (const t of header.tensors) {
    const end = off + 4 * t.length;
    if (end > bytes.length) throw fail(`tensors.${t.name}`, 'extends past the end of the file');
    tensors.set(t.name, new Float32Array(bytes.slice(off, end).buffer));
    off = end;
  }
  return { header, tensors };
}

function prefixed(tensors: Map<string, Float32Array>, prefix: string): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [n, d] of tensors) if (n.startsWith(prefix)) out.set(n.slice(prefix.length), d);
  return out;
}

/**
 * Restore weights, EMA, Adam moments, step and RNG state into a trainer built with the same
 * config; `configHint` (optional) is appended to the config-mismatch error.
 */
export function restoreTrainCheckpoint<C>(
  kind: TrainCheckpointKind, trainer: CheckpointableTrainer<C>, bytes: Uint8Array, source = 'checkpoint', configHint?: (c: C) => string,
): TrainCheckpointHeader<C> {
  const { header, tensors } = readTrainCheckpoint<C>(kind, bytes, source);
  if (JSON.stringify(header.config) !== JSON.stringify(trainer.model.config)) {
    const hint = configHint ? ` (${configHint(header.config)})` : '';
    throw new Error(`${kind.file}: ${source}: config: the checkpoint was made with a different model config${hint}`);
  }
  trainer.model.store.load(prefixed(tensors, 'w/'));
  trainer.ema.load(prefixed(tensors, 'ema/'));
  const moments = new Map<string, Float32Array>();
  for (const [n, d] of tensors) if (n.startsWith('m/') || n.startsWith('v/')) moments.set(n, d);
  trainer.optimizer.load(moments, header.adamUpdates);
  trainer.step = header.step;
  trainer.rng.state = header.rngState;
  return header;
}
