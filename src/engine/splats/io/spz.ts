// Niantic's `.spz` (github.com/nianticlabs/spz, src/cc/load-spz.cc; format versions 2 and 3):
// a gzip stream of a 16-byte little-endian header
//   u32 magic 0x5053474e ("NGSP"), u32 version, u32 numPoints, u8 shDegree, u8 fractionalBits,
//   u8 flags (0x1 antialiased, 0x2 extensions follow), u8 reserved
// then attribute arrays, each over all points, in this order (N = numPoints, D = K - 1):
//   positions  N*9 bytes  x, y, z as 24-bit signed fixed point, value = int24 / 2^fractionalBits
//   alphas     N bytes    sigmoid(opacity) * 255
//   colours    N*3 bytes  f_dc * (0.15 * 255) + 127.5   (0.15, not SH_C0: room outside [0, 1])
//   scales     N*3 bytes  (logScale + 10) * 16
//   rotations  v2: N*3 bytes, x, y, z of the normalised quaternion with w >= 0, as q * 127.5 + 127.5
//              v3: N*4 bytes, "smallest three": u32 = index of the largest |component| (2 bits, top),
//              then for each other component in x, y, z, w order: sign bit + 9-bit magnitude of
//              |q| / sqrt(1/2) * 511, the largest made positive first (q and -q are one rotation)
//   sh         N*D*3 bytes  [point][coefficient][channel] (channel fastest), round(x * 128) + 128,
//              snapped to buckets of 8 (degree 1, 5 bits) or 16 (degrees 2-3, 4 bits) like the
//              reference writer; decoded as (byte - 128) / 128.
// The quaternion inside spz is (x, y, z, w); SplatScene's is (w, x, y, z).
// Coordinates are written as given (the reference's CoordinateSystem UNSPECIFIED, which is also
// what PlayCanvas splat-transform reads and writes): no RDF->RUB axis flip.
// gzip: fflate (pure JS, synchronous) keeps this module pure and its API synchronous.
import { gunzipSync, gzipSync } from 'fflate';
import { allocateSplatScene, shCoefficientsPerChannel } from '../types';
import type { ShDegree, SplatScene } from '../types';
import { checkFinite, validateSplatScene } from './ply';

export const SPZ_MAGIC = 0x5053474e;
const COLOR_SCALE = 0.15;
const SQRT1_2 = Math.SQRT1_2;

export interface SpzOptions {
  /** 3 (smallest-three rotations, the reference default) or 2 (legacy x, y, z rotations). */
  version: 2 | 3;
  /** Fixed-point fraction bits for positions; lowered automatically when positions exceed the 24-bit range. */
  fractionalBits: number;
  antialiased: boolean;
}
export const SPZ_DEFAULTS: SpzOptions = { version: 3, fractionalBits: 12, antialiased: false };

export interface SpzHeader {
  magic: number; version: number; numPoints: number; shDegree: number; fractionalBits: number; flags: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const toByte = (x: number) => Math.max(0, Math.min(255, Math.round(x)));

function quantizeSh(x: number, bucket: number): number {
  let q = Math.round(x * 128) + 128;
  q = Math.floor((q + bucket / 2) / bucket) * bucket;
  return Math.max(0, Math.min(255, q));
}

/** Fraction bits that keep every |position| * 2^bits inside a signed 24-bit integer. */
function fitFractionalBits(positions: Float32Array, wanted: number): number {
  let max = 0;
  for (let i = 0; i < positions.length; i++) max = Math.max(max, Math.abs(positions[i]));
  let bits = wanted;
  while (bits > 0 && Math.round(max * 2 ** bits) > 0x7fffff) bits--;
  if (Math.round(max * 2 ** bits) > 0x7fffff) throw new Error(`encodeSpz: a position reaches ${max}, beyond the 24-bit fixed-point range of .spz`);
  return bits;
}

function packSmallestThree(out: Uint8Array, at: number, w: number, x: number, y: number, z: number): void {
  const n = Math.hypot(w, x, y, z) || 1;
  const q = [x / n, y / n, z / n, w / n];
  let largest = 0;
  for (let i = 1; i < 4; i++) if (Math.abs(q[i]) > Math.abs(q[largest])) largest = i;
  const negate = q[largest] < 0 ? 1 : 0;
  let comp = largest;
  for (let i = 0; i < 4; i++) {
    if (i === largest) continue;
    const sign = (q[i] < 0 ? 1 : 0) ^ negate;
    const mag = Math.min(511, Math.floor(511 * (Math.abs(q[i]) / SQRT1_2) + 0.5));
    comp = ((comp << 10) | (sign << 9) | mag) >>> 0;
  }
  out[at] = comp & 0xff; out[at + 1] = (comp >>> 8) & 0xff; out[at + 2] = (comp >>> 16) & 0xff; out[at + 3] = (comp >>> 24) & 0xff;
}

function unpackSmallestThree(b: Uint8Array, at: number): [number, number, number, number] {
  let comp = (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
  const largest = comp >>> 30;
  const q = [0, 0, 0, 0];
  let sum = 0;
  for (let i = 3; i >= 0; i--) {
    if (i === largest) continue;
    const mag = comp & 511, neg = (comp >>> 9) & 1;
    comp >>>= 10;
    q[i] = (SQRT1_2 * mag / 511) * (neg ? -1 : 1);
    sum += q[i] * q[i];
  }
  q[largest] = Math.sqrt(Math.max(0, 1 - sum));
  return [q[3], q[0], q[1], q[2]]; // (w, x, y, z)
}

/** The uncompressed spz payload (header + arrays), before gzip. */
export function packSpz(s: SplatScene, options: Partial<SpzOptions> = {}): Uint8Array {
  validateSplatScene(s, 'encodeSpz');
  const o = { ...SPZ_DEFAULTS, ...options };
  const n = s.count, dim = shCoefficientsPerChannel(s.shDegree) - 1;
  const rotBytes = o.version >= 3 ? 4 : 3;
  const bits = fitFractionalBits(s.positions, o.fractionalBits);
  const out = new Uint8Array(16 + n * (9 + 1 + 3 + 3 + rotBytes + 3 * dim));
  const view = new DataView(out.buffer);
  view.setUint32(0, SPZ_MAGIC, true); view.setUint32(4, o.version, true); view.setUint32(8, n, true);
  out[12] = s.shDegree; out[13] = bits; out[14] = o.antialiased ? 1 : 0; out[15] = 0;
  let at = 16;
  for (let i = 0; i < 3 * n; i++, at += 3) {
    const f = Math.round(s.positions[i] * 2 ** bits);
    out[at] = f & 0xff; out[at + 1] = (f >> 8) & 0xff; out[at + 2] = (f >> 16) & 0xff;
  }
  for (let i = 0; i < n; i++) out[at++] = toByte(sigmoid(s.opacityLogits[i]) * 255);
  for (let i = 0; i < 3 * n; i++) out[at++] = toByte(s.shDc[i] * (COLOR_SCALE * 255) + 0.5 * 255);
  for (let i = 0; i < 3 * n; i++) out[at++] = toByte((s.logScales[i] + 10) * 16);
  for (let i = 0; i < n; i++, at += rotBytes) {
    const [w, x, y, z] = s.rotations.subarray(4 * i, 4 * i + 4);
    if (rotBytes === 4) { packSmallestThree(out, at, w, x, y, z); continue; }
    const len = Math.hypot(w, x, y, z) || 1, sign = w < 0 ? -1 : 1;
    out[at] = toByte((sign * x / len) * 127.5 + 127.5); out[at + 1] = toByte((sign * y / len) * 127.5 + 127.5); out[at + 2] = toByte((sign * z / len) * 127.5 + 127.5);
  }
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dim; c++) {
      const bucket = c < 3 ? 8 : 16;
      for (let ch = 0; ch < 3; ch++) out[at++] = quantizeSh(s.shRest[3 * dim * i + dim * ch + c], bucket);
    }
  }
  return out;
}

export function encodeSpz(s: SplatScene, options: Partial<SpzOptions> = {}): Uint8Array {
  return gzipSync(packSpz(s, options));
}

export function readSpzHeader(raw: Uint8Array, file = 'scene.spz'): SpzHeader {
  if (raw.length < 16) throw new Error(`${file}: ${raw.length} bytes after gunzip, shorter than the 16-byte spz header`);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return { magic: v.getUint32(0, true), version: v.getUint32(4, true), numPoints: v.getUint32(8, true), shDegree: raw[12], fractionalBits: raw[13], flags: raw[14] };
}

export function decodeSpz(bytes: Uint8Array, file = 'scene.spz', background: [number, number, number] = [0, 0, 0]): SplatScene {
  let raw: Uint8Array;
  try {
    raw = gunzipSync(bytes);
  } catch (err) {
    throw new Error(`${file}: not a gzip stream (${(err as Error).message}); .spz v2/v3 files are gzip-compressed`, { cause: err });
  }
  const h = readSpzHeader(raw, file);
  if (h.magic !== SPZ_MAGIC) throw new Error(`${file}: field "magic" is 0x${h.magic.toString(16)}, expected 0x${SPZ_MAGIC.toString(16)} ("NGSP")`);
  if (h.version !== 2 && h.version !== 3) throw new Error(`${file}: field "version" is ${h.version}, only versions 2 and 3 are supported`);
  if (h.shDegree > 3) throw new Error(`${file}: field "shDegree" is ${h.shDegree}, expected 0..3`);
  if (h.flags & 2) throw new Error(`${file}: field "flags" is ${h.flags}: files with spz extensions are not supported`);
  const n = h.numPoints, degree = h.shDegree as ShDegree, dim = shCoefficientsPerChannel(degree) - 1;
  const rotBytes = h.version >= 3 ? 4 : 3;
  const want = 16 + n * (9 + 1 + 3 + 3 + rotBytes + 3 * dim);
  if (raw.length < want) throw new Error(`${file}: truncated: ${n} points need ${want} bytes, the stream has ${raw.length}`);
  const s = allocateSplatScene(n, degree, background);
  let at = 16;
  const scale = 2 ** -h.fractionalBits;
  for (let i = 0; i < 3 * n; i++, at += 3) {
    let f = raw[at] | (raw[at + 1] << 8) | (raw[at + 2] << 16);
    if (f & 0x800000) f |= ~0xffffff;
    s.positions[i] = f * scale;
  }
  for (let i = 0; i < n; i++) {
    const a = Math.min(254.5 / 255, Math.max(0.5 / 255, raw[at++] / 255));
    s.opacityLogits[i] = Math.log(a / (1 - a));
  }
  for (let i = 0; i < 3 * n; i++) s.shDc[i] = (raw[at++] / 255 - 0.5) / COLOR_SCALE;
  for (let i = 0; i < 3 * n; i++) s.logScales[i] = raw[at++] / 16 - 10;
  for (let i = 0; i < n; i++, at += rotBytes) {
    if (rotBytes === 4) { s.rotations.set(unpackSmallestThree(raw, at), 4 * i); continue; }
    const x = raw[at] / 127.5 - 1, y = raw[at + 1] / 127.5 - 1, z = raw[at + 2] / 127.5 - 1;
    s.rotations.set([Math.sqrt(Math.max(0, 1 - x * x - y * y - z * z)), x, y, z], 4 * i);
  }
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dim; c++) for (let ch = 0; ch < 3; ch++) s.shRest[3 * dim * i + dim * ch + c] = (raw[at++] - 128) / 128;
  }
  checkFinite(s, file);
  return s;
}
