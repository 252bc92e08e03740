// Read and verify a model file (layout: format.ts). Checks run in this order, each with its own
// error code: magic, version, preamble checksum, length (truncated / trailing data), whole-file
// checksum, header JSON and schema, tensor table, expected method, caller's config check.
import { crc32, crcHex } from '../checksum';
import { ModelFileError, show, type ModelFileErrorCode } from './errors';
import { fromFloat16 } from './float16';
import { LITTLE_ENDIAN } from './encode';
import {
  FORMAT_VERSION, MAGIC, MAX_HEADER_BYTES, PREAMBLE_BYTES, PREAMBLE_CRC_SPAN, SUPPORTED_VERSIONS, TRAILER_BYTES, align8,
  type ModelMethod, type StorageDtype,
} from './format';
import { checkTensorTable, parseHeader, type ModelConfig, type ModelProvenance } from './header';

export interface DecodedTensor {
  name: string;
  shape: number[];
  /** Always float32, converted on load when stored as float16. */
  data: Float32Array;
  /** How the tensor was stored in the file. */
  storedAs: StorageDtype;
}

export interface DecodedModel {
  formatVersion: number;
  method: ModelMethod;
  config: ModelConfig;
  provenance: ModelProvenance;
  /** In file order. */
  tensors: Map<string, DecodedTensor>;
  /** CRC-32 of the file (8 hex digits): the model's content hash. */
  checksum: string;
  byteLength: number;
}

export interface DecodeModelOptions {
  /** Fail with 'method-mismatch' when the file holds another method. */
  method?: ModelMethod;
  /** Return a reason to reject the file's config (e.g. a wrong image size), or null to accept. */
  configCheck?(config: ModelConfig): string | null;
  /** Name of the file for error messages (default 'model file'). */
  source?: string;
}

/** Recognise a few common file types in the first bytes, for the wrong-magic message. */
function sniff(bytes: Uint8Array): string {
  const ascii = (n: number) => String.fromCharCode(...bytes.subarray(0, n));
  if (ascii(4) === 'glTF') return ' (it looks like a GLB file)';
  if (bytes[0] === 0x89 && ascii(4).slice(1) === 'PNG') return ' (it looks like a PNG image)';
  if (ascii(2) === 'PK') return ' (it looks like a zip archive)';
  if (ascii(3) === 'ply') return ' (it looks like a PLY file)';
  const first = ascii(Math.min(bytes.length, 16)).trimStart()[0];
  if (first === '{' || first === '[') return ' (it looks like JSON text)';
  return '';
}

function readLittleEndian(data: Uint8Array, storage: StorageDtype): Float32Array {
  if (storage === 'float16') {
    const bits = new Uint16Array(data.length / 2);
    if (LITTLE_ENDIAN) new Uint8Array(bits.buffer).set(data);
    else { const v = new DataView(data.buffer, data.byteOffset, data.byteLength); for (let i = 0; i < bits.length; i++) bits[i] = v.getUint16(2 * i, true); }
    return fromFloat16(bits);
  }
  const out = new Float32Array(data.length / 4);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(data);
  else { const v = new DataView(data.buffer, data.byteOffset, data.byteLength); for (let i = 0; i < out.length; i++) out[i] = v.getFloat32(4 * i, true); }
  return out;
}

export function decodeModelFile(bytes: Uint8Array, expected: DecodeModelOptions = {}): DecodedModel {
  const file = expected.source ?? 'model file';
  function fail(code: ModelFileErrorCode, field: string, detail: string): never {
    throw new ModelFileError(code, file, field, detail);
  }
  if (!(bytes instanceof Uint8Array)) fail('invalid-input', '(bytes)', `expected a Uint8Array, got ${show(bytes)}`);

  // 1. Magic (a short prefix of the magic is a truncated model file, anything else is not one).
  const prefix = Math.min(bytes.length, MAGIC.length);
  const magicOk = MAGIC.subarray(0, prefix).every((b, i) => bytes[i] === b);
  if (!magicOk || bytes.length === 0) {
    if (bytes.length === 0) fail('truncated', 'magic', `file is empty: expected at least ${PREAMBLE_BYTES + TRAILER_BYTES} bytes, got 0`);
    fail('not-a-model-file', 'magic', `not a Parallax model file: first bytes are ${[...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}, expected ${[...MAGIC].map((b) => b.toString(16).padStart(2, '0')).join(' ')}${sniff(bytes)}`);
  }
  if (bytes.length < PREAMBLE_BYTES) {
    fail('truncated', 'preamble', `file is truncated: expected at least ${PREAMBLE_BYTES + TRAILER_BYTES} bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // 2. Version.
  const version = view.getUint32(8, true);
  if (!SUPPORTED_VERSIONS.includes(version)) {
    const hint = version > FORMAT_VERSION ? ' (written by a newer Parallax Studio; update to load it)' : '';
    fail('unsupported-version', 'formatVersion', `unsupported model format version ${version}; this build reads version ${SUPPORTED_VERSIONS.join(', ')}${hint}`);
  }

  // 3. Preamble checksum, then lengths.
  const preambleCrc = view.getUint32(24, true);
  const actualPreambleCrc = crc32(bytes, 0, 0, PREAMBLE_CRC_SPAN);
  if (preambleCrc !== actualPreambleCrc) {
    fail('corrupt', 'preambleCrc', `file is corrupt: preamble checksum ${crcHex(actualPreambleCrc)} does not match the stored ${crcHex(preambleCrc)}`);
  }
  const headerLength = view.getUint32(12, true);
  const dataLength = view.getUint32(16, true) + view.getUint32(20, true) * 2 ** 32;
  if (headerLength > MAX_HEADER_BYTES) fail('header-malformed', 'headerLength', `header length ${headerLength} exceeds the limit of ${MAX_HEADER_BYTES} bytes`);
  if (!Number.isSafeInteger(dataLength)) fail('corrupt', 'dataLength', `data length ${dataLength} is not a safe integer`);
  const dataStart = align8(PREAMBLE_BYTES + headerLength);
  const total = dataStart + dataLength + TRAILER_BYTES;
  if (bytes.length < total) {
    fail('truncated', '(length)', `file is truncated: expected ${total} bytes (header ${headerLength} + data ${dataLength} + preamble/trailer), got ${bytes.length} (${total - bytes.length} missing)`);
  }
  if (bytes.length > total) fail('trailing-data', '(length)', `expected ${total} bytes, got ${bytes.length}: ${bytes.length - total} unexpected bytes after the end of the model`);

  // 4. Whole-file checksum.
  const stored = view.getUint32(dataStart + dataLength, true);
  const actual = crc32(bytes, 0, 0, dataStart + dataLength);
  if (stored !== actual) fail('corrupt', 'checksum', `file is corrupt: checksum ${crcHex(actual)} does not match the stored ${crcHex(stored)}`);

  // 5. Header.
  let json: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength));
    json = JSON.parse(text);
  } catch (err) {
    fail('header-malformed', 'header', `header is not valid UTF-8 JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const header = parseHeader(json, file);

  // 6. Tensor table.
  checkTensorTable(header.tensors, dataLength, file);

  // 7. What the caller expects.
  if (expected.method && header.method !== expected.method) {
    fail('method-mismatch', 'header.method', `this is a ${header.method} model, expected a ${expected.method} model`);
  }
  const configProblem = expected.configCheck?.(header.config) ?? null;
  if (configProblem) fail('config-mismatch', 'header.config', `config does not match the expected model: ${configProblem}`);

  // 8. Tensors (copied: the result does not keep `bytes` alive).
  const tensors = new Map<string, DecodedTensor>();
  for (const e of header.tensors) {
    const start = dataStart + e.offset;
    const data = readLittleEndian(bytes.subarray(start, start + e.length), e.dtype);
    tensors.set(e.name, { name: e.name, shape: e.shape, data, storedAs: e.dtype });
  }
  return {
    formatVersion: version, method: header.method, config: header.config, provenance: header.provenance, tensors,
    checksum: crcHex(stored), byteLength: total,
  };
}
