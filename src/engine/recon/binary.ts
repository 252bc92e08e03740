// Versioned binary container shared by scene files and fit checkpoints:
//   magic (8 ASCII bytes) | u32 version | u32 header length | header JSON (UTF-8) | pad to 4 |
//   arrays back to back (each padded to 4 bytes) | u32 CRC-32 of everything before it.
// Integers are little-endian; array payloads are raw little-endian typed-array bytes.
import { crc32 } from '../checksum';

export type ArrayKind = 'f32' | 'u8' | 'u32';
export type PackedArray = Float32Array | Uint8Array | Uint32Array;
interface ArrayEntry { name: string; kind: ArrayKind; length: number }

const kindOf = (a: PackedArray): ArrayKind => (a instanceof Float32Array ? 'f32' : a instanceof Uint32Array ? 'u32' : 'u8');
const pad4 = (n: number) => (n + 3) & ~3;

export function packBinary(
  magic: string, version: number, header: Record<string, unknown>, arrays: Record<string, PackedArray>,
): Uint8Array {
  const entries: ArrayEntry[] = Object.entries(arrays).map(([name, a]) => ({ name, kind: kindOf(a), length: a.length }));
  const json = new TextEncoder().encode(JSON.stringify({ ...header, arrays: entries }));
  let size = 16 + pad4(json.length);
  for (const a of Object.values(arrays)) size += pad4(a.byteLength);
  const out = new Uint8Array(size + 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = magic.charCodeAt(i) || 0;
  view.setUint32(8, version, true);
  view.setUint32(12, json.length, true);
  out.set(json, 16);
  let off = 16 + pad4(json.length);
  for (const a of Object.values(arrays)) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += pad4(a.byteLength);
  }
  view.setUint32(size, crc32(out, 0, 0, size), true);
  return out;
}

export interface Unpacked {
  version: number;
  header: Record<string, unknown>;
  arrays: Record<string, PackedArray>;
}

/** Parse and verify; `what` names the kind of file in error messages (e.g. "scene file"). */
export function unpackBinary(bytes: Uint8Array, magic: string, maxVersion: number, what: string): Unpacked {
  const fail = (msg: string): never => { throw new Error(`${what}: ${msg}`); };
  if (!(bytes instanceof Uint8Array)) fail('expected a Uint8Array');
  if (bytes.length < 20) fail(`truncated: ${bytes.length} bytes is shorter than the 20-byte minimum`);
  for (let i = 0; i < 8; i++) {
    if (bytes[i] !== (magic.charCodeAt(i) || 0)) fail(`bad magic bytes (not a ${what}; expected "${magic.trim()}")`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version < 1 || version > maxVersion) fail(`unsupported version ${version} (this build reads 1..${maxVersion})`);
  const hlen = view.getUint32(12, true);
  if (16 + hlen + 4 > bytes.length) fail(`truncated: header length ${hlen} exceeds file size ${bytes.length}`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(16, 16 + hlen)));
  } catch (e) {
    return fail(`header is not valid JSON (${(e as Error).message}); the file is corrupt`);
  }
  const entries = header.arrays as ArrayEntry[] | undefined;
  if (!Array.isArray(entries)) return fail('header field "arrays" is missing; the file is corrupt');
  let size = 16 + pad4(hlen);
  for (const e of entries) {
    const bpe = e.kind === 'f32' || e.kind === 'u32' ? 4 : e.kind === 'u8' ? 1 : fail(`array "${e.name}" has unknown kind "${e.kind}"`);
    if (!Number.isInteger(e.length) || e.length < 0) fail(`array "${e.name}" has bad length ${e.length}`);
    size += pad4(e.length * bpe);
  }
  if (bytes.length !== size + 4) {
    fail(`${bytes.length < size + 4 ? 'truncated' : 'has trailing bytes'}: expected ${size + 4} bytes, got ${bytes.length}`);
  }
  const stored = view.getUint32(size, true), actual = crc32(bytes, 0, 0, size);
  if (stored !== actual) fail(`checksum mismatch (stored ${stored.toString(16)}, computed ${actual.toString(16)}); the file is corrupt`);
  const arrays: Record<string, PackedArray> = {};
  let off = 16 + pad4(hlen);
  for (const e of entries) {
    const copy = bytes.slice(off, off + e.length * (e.kind === 'u8' ? 1 : 4));
    arrays[e.name] = e.kind === 'f32' ? new Float32Array(copy.buffer) : e.kind === 'u32' ? new Uint32Array(copy.buffer) : copy;
    off += pad4(copy.byteLength);
  }
  return { version, header, arrays };
}
