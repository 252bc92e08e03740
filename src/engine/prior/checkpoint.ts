// Training checkpoints of the image prior: everything needed to continue a run bit-exactly (DESIGN.md,
// Jobs: weights + optimizer state + step + RNG state), the same layout as dfm/checkpoint.ts with its own magic.
//
// Layout (little-endian):
//   0   8  magic "PXPRICK1"
//   8   4  u32 header length H (UTF-8 JSON)
//   12  4  u32 CRC-32 of bytes [16, end)
//   16  H  header JSON: { version, config, step, rngState, adamUpdates, meta, tensors: [{ name, length }] }
//   ..     zero padding to a multiple of 4, then the float32 tensors in table order.
// Tensor names: `w/<param>` weights, `ema/<param>` EMA weights, `m/<param>`, `v/<param>` Adam moments.
import { crc32 } from '../checksum';
import type { PriorConfig } from './config';
import type { PriorTrainer } from './train-step';

const FILE = 'prior/checkpoint.ts';
const MAGIC = 'PXPRICK1';

export interface PriorCheckpointHeader {
  version: 1;
  config: PriorConfig;
  step: number;
  rngState: number;
  adamUpdates: number;
  /** Caller data (wall time, dataset, ...). */
  meta: Record<string, unknown>;
  tensors: { name: string; length: number }[];
}

export function serializePriorTrainer(trainer: PriorTrainer, meta: Record<string, unknown> = {}): Uint8Array {
  const tensors = new Map<string, Float32Array>();
  for (const [n, d] of trainer.model.store.snapshot()) tensors.set(`w/${n}`, d);
  for (const [n, d] of trainer.ema.snapshot()) tensors.set(`ema/${n}`, d);
  for (const [n, d] of trainer.optimizer.snapshot()) tensors.set(n, d);
  const header: PriorCheckpointHeader = {
    version: 1, config: trainer.model.config, step: trainer.step, rngState: trainer.rng.state,
    adamUpdates: trainer.optimizer.updates, meta,
    tensors: [...tensors].map(([name, d]) => ({ name, length: d.length })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = 16 + Math.ceil(json.length / 4) * 4;
  const out = new Uint8Array(dataStart + 4 * header.tensors.reduce((a, t) => a + t.length, 0));
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, json.length, true);
  out.set(json, 16);
  let off = dataStart;
  for (const d of tensors.values()) {
    const bytes = new Uint8Array(d.buffer, d.byteOffset, d.byteLength); // little-endian on every tfjs platform
    out.set(bytes, off);
    off += bytes.length;
  }
  view.setUint32(12, crc32(out.subarray(16)), true);
  return out;
}

/** Parse and verify a checkpoint (magic, checksum, table); `source` names the file in errors. */
export function readPriorCheckpoint(bytes: Uint8Array, source = 'checkpoint'): { header: PriorCheckpointHeader; tensors: Map<string, Float32Array> } {
  const fail = (field: string, msg: string) => new Error(`${FILE}: ${source}: ${field}: ${msg}`);
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw fail('magic', 'not an image-prior training checkpoint');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = view.getUint32(8, true);
  if (16 + h > bytes.length) throw fail('headerLength', `${h} exceeds the file (${bytes.length} bytes): truncated`);
  if (crc32(bytes.subarray(16)) !== view.getUint32(12, true)) throw fail('checksum', 'mismatch: the checkpoint is corrupt or truncated');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + h))) as PriorCheckpointHeader;
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

/** Restore weights, EMA, Adam moments, step and RNG state into a trainer built with the same config. */
export function restorePriorTrainer(trainer: PriorTrainer, bytes: Uint8Array, source = 'checkpoint'): PriorCheckpointHeader {
  const { header, tensors } = readPriorCheckpoint(bytes, source);
  if (JSON.stringify(header.config) !== JSON.stringify(trainer.model.config)) {
    throw new Error(`${FILE}: ${source}: config: the checkpoint was made with a different model config (${JSON.stringify(header.config.unet)})`);
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
