// antimatter15's `.splat` (github.com/antimatter15/splat, convert.py): 32-byte records, no header,
// SH degree 0 only, values *after* activation:
//   bytes  0..11  position   f32 x 3
//   bytes 12..23  scale      f32 x 3   exp(logScale)
//   bytes 24..27  colour     u8 x 4    r,g,b = (SH_C0 * f_dc + 0.5) * 255, a = sigmoid(opacity) * 255
//   bytes 28..31  rotation   u8 x 4    normalised quaternion (w, x, y, z) as q * 128 + 128
// Records are sorted by descending exp(scale_0 + scale_1 + scale_2) * sigmoid(opacity), as the
// reference converter does, so viewers that stream the file show the big opaque splats first.
import { SH_C0, allocateSplatScene } from '../types';
import type { SplatScene } from '../types';
import { checkFinite, validateSplatScene } from './ply';

export const SPLAT_RECORD_BYTES = 32;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const toByte = (x: number) => Math.max(0, Math.min(255, Math.round(x)));

/** Record order: indices by descending size * opacity (ties keep scene order). */
export function splatImportanceOrder(s: SplatScene): Uint32Array {
  const key = new Float64Array(s.count);
  for (let i = 0; i < s.count; i++) {
    key[i] = Math.exp(s.logScales[3 * i] + s.logScales[3 * i + 1] + s.logScales[3 * i + 2]) * sigmoid(s.opacityLogits[i]);
  }
  const order = Uint32Array.from({ length: s.count }, (_, i) => i);
  return order.sort((a, b) => key[b] - key[a] || a - b);
}

export interface SplatBinaryOptions {
  /** Sort records by importance (the reference converter's order). */
  sort: boolean;
}
export const SPLAT_BINARY_DEFAULTS: SplatBinaryOptions = { sort: true };

/** Encode as `.splat`; higher SH bands are dropped (the format has none). */
export function encodeSplatBinary(s: SplatScene, options: Partial<SplatBinaryOptions> = {}): Uint8Array {
  validateSplatScene(s, 'encodeSplatBinary');
  const o = { ...SPLAT_BINARY_DEFAULTS, ...options };
  const order = o.sort ? splatImportanceOrder(s) : Uint32Array.from({ length: s.count }, (_, i) => i);
  const out = new Uint8Array(SPLAT_RECORD_BYTES * s.count);
  const view = new DataView(out.buffer);
  for (let r = 0; r < s.count; r++) {
    const i = order[r], at = SPLAT_RECORD_BYTES * r;
    for (let k = 0; k < 3; k++) {
      view.setFloat32(at + 4 * k, s.positions[3 * i + k], true);
      view.setFloat32(at + 12 + 4 * k, Math.exp(s.logScales[3 * i + k]), true);
      out[at + 24 + k] = toByte((SH_C0 * s.shDc[3 * i + k] + 0.5) * 255);
    }
    out[at + 27] = toByte(sigmoid(s.opacityLogits[i]) * 255);
    const q = s.rotations.subarray(4 * i, 4 * i + 4);
    const n = Math.hypot(q[0], q[1], q[2], q[3]) || 1;
    for (let k = 0; k < 4; k++) out[at + 28 + k] = toByte((q[k] / n) * 128 + 128);
  }
  return out;
}

/** Smallest/largest alpha a byte can stand for, so that decoded logits stay finite. */
const ALPHA_FLOOR = 0.5 / 255;

export function decodeSplatBinary(bytes: Uint8Array, file = 'scene.splat', background: [number, number, number] = [0, 0, 0]): SplatScene {
  if (bytes.length % SPLAT_RECORD_BYTES !== 0) {
    throw new Error(`${file}: length ${bytes.length} is not a multiple of the ${SPLAT_RECORD_BYTES}-byte .splat record`);
  }
  const count = bytes.length / SPLAT_RECORD_BYTES;
  const s = allocateSplatScene(count, 0, background);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) {
    const at = SPLAT_RECORD_BYTES * i;
    for (let k = 0; k < 3; k++) {
      s.positions[3 * i + k] = view.getFloat32(at + 4 * k, true);
      const scale = view.getFloat32(at + 12 + 4 * k, true);
      if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`${file}: record ${i} field "scale_${k}" is ${scale}, expected a positive number`);
      s.logScales[3 * i + k] = Math.log(scale);
      s.shDc[3 * i + k] = (bytes[at + 24 + k] / 255 - 0.5) / SH_C0;
    }
    const a = Math.min(1 - ALPHA_FLOOR, Math.max(ALPHA_FLOOR, bytes[at + 27] / 255));
    s.opacityLogits[i] = Math.log(a / (1 - a));
    for (let k = 0; k < 4; k++) s.rotations[4 * i + k] = (bytes[at + 28 + k] - 128) / 128;
  }
  checkFinite(s, file);
  return s;
}
