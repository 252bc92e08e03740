// Write a model file (layout: format.ts).
import { crc32 } from '../checksum';
import { ModelFileError, show } from './errors';
import { FLOAT16_MAX, toFloat16 } from './float16';
import {
  FORMAT_VERSION, MAGIC, MODEL_METHODS, PREAMBLE_BYTES, PREAMBLE_CRC_SPAN, TRAILER_BYTES, align8, bytesPerElement,
  shapeSize, type ModelMethod, type StorageDtype,
} from './format';
import { ProvenanceSchema, jsonValueError, parseWith, type ModelConfig, type ModelHeader, type ModelProvenance, type TensorEntry } from './header';

const FILE = 'src/engine/model-file/encode.ts';

export interface ModelTensorInput {
  name: string;
  shape: readonly number[];
  data: Float32Array;
  /** Overrides the file-wide storage dtype for this tensor. */
  storage?: StorageDtype;
}

export interface ModelFileInput {
  method: ModelMethod;
  config: ModelConfig;
  provenance: ModelProvenance;
  tensors: readonly ModelTensorInput[];
  /** Storage dtype of the weights in the file (default float32; float16 halves the size). */
  storage?: StorageDtype;
}

export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function invalid(field: string, detail: string): never {
  throw new ModelFileError('invalid-input', FILE, field, detail);
}

function validateTensor(t: ModelTensorInput, i: number, storage: StorageDtype, names: Set<string>): void {
  const field = `tensors[${i}]`;
  if (typeof t.name !== 'string' || t.name.length === 0) invalid(`${field}.name`, `must be a non-empty string (got ${show(t.name)})`);
  if (names.has(t.name)) invalid(`${field}.name`, `duplicate tensor name ${show(t.name)}`);
  names.add(t.name);
  if (!Array.isArray(t.shape) || t.shape.some((d) => !Number.isInteger(d) || d < 0)) {
    invalid(`${field}.shape`, `tensor ${show(t.name)} shape must be non-negative integers (got ${show(t.shape)})`);
  }
  if (!(t.data instanceof Float32Array)) invalid(`${field}.data`, `tensor ${show(t.name)} data must be a Float32Array`);
  if (t.data.length !== shapeSize(t.shape)) {
    invalid(`${field}.data`, `tensor ${show(t.name)} has ${t.data.length} values but shape [${t.shape.join(', ')}] needs ${shapeSize(t.shape)}`);
  }
  if (storage !== 'float32' && storage !== 'float16') invalid(`${field}.storage`, `must be float32 or float16 (got ${show(storage)})`);
  for (let k = 0; k < t.data.length; k++) {
    const x = t.data[k];
    if (!Number.isFinite(x)) invalid(`${field}.data[${k}]`, `tensor ${show(t.name)} has a non-finite weight ${x}`);
    if (storage === 'float16' && Math.abs(x) > FLOAT16_MAX) {
      invalid(`${field}.data[${k}]`, `tensor ${show(t.name)} value ${x} exceeds the float16 range (+-${FLOAT16_MAX}); store it as float32`);
    }
  }
}

function tensorBytes(data: Float32Array, storage: StorageDtype): Uint8Array {
  const arr = storage === 'float16' ? toFloat16(data) : data;
  if (LITTLE_ENDIAN) return new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
  const out = new Uint8Array(arr.byteLength);
  const view = new DataView(out.buffer);
  if (arr instanceof Uint16Array) arr.forEach((v, i) => view.setUint16(2 * i, v, true));
  else arr.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return out;
}

/**
 * Assemble preamble + header + data + trailer around an already-serialised header. Exported for
 * tests that need well-checksummed files with deliberately bad headers; use encodeModelFile.
 */
export function assembleModelFile(headerJson: string, data: Uint8Array, version = FORMAT_VERSION): Uint8Array {
  const header = new TextEncoder().encode(headerJson);
  const dataStart = align8(PREAMBLE_BYTES + header.length);
  const total = dataStart + data.length + TRAILER_BYTES;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, version, true);
  view.setUint32(12, header.length, true);
  view.setUint32(16, data.length % 2 ** 32, true);
  view.setUint32(20, Math.floor(data.length / 2 ** 32), true);
  view.setUint32(24, crc32(out, 0, 0, PREAMBLE_CRC_SPAN), true);
  out.set(header, PREAMBLE_BYTES);
  out.fill(0x20, PREAMBLE_BYTES + header.length, dataStart);
  out.set(data, dataStart);
  view.setUint32(dataStart + data.length, crc32(out, 0, 0, dataStart + data.length), true);
  return out;
}

/** Serialise weights, config and provenance into the model file format (format.ts). */
export function encodeModelFile(input: ModelFileInput): Uint8Array {
  if (!MODEL_METHODS.includes(input.method)) invalid('method', `must be one of ${MODEL_METHODS.join(', ')} (got ${show(input.method)})`);
  if (typeof input.config !== 'object' || input.config === null || Array.isArray(input.config)) {
    invalid('config', `must be a JSON object (got ${show(input.config)})`);
  }
  const configError = jsonValueError(input.config, 'config');
  if (configError) invalid('config', configError);
  const provenance = parseWith(ProvenanceSchema, input.provenance, FILE, 'provenance', 'invalid-input') as ModelProvenance;
  const provError = jsonValueError(provenance, 'provenance');
  if (provError) invalid('provenance', provError);
  const fileStorage = input.storage ?? 'float32';
  if (!Array.isArray(input.tensors)) invalid('tensors', 'must be an array');

  const names = new Set<string>();
  const entries: TensorEntry[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  input.tensors.forEach((t, i) => {
    const storage = t.storage ?? fileStorage;
    validateTensor(t, i, storage, names);
    const bytes = tensorBytes(t.data, storage);
    entries.push({ name: t.name, dtype: storage, shape: [...t.shape], offset, length: bytes.length });
    chunks.push(bytes);
    offset = align8(offset + bytes.length);
    if (bytes.length !== t.data.length * bytesPerElement(storage)) throw new Error(`${FILE}: internal size error`);
  });
  const data = new Uint8Array(offset);
  entries.forEach((e, i) => data.set(chunks[i], e.offset));

  const header: ModelHeader = { method: input.method, config: input.config, provenance, tensors: entries };
  return assembleModelFile(JSON.stringify(header), data);
}
