// IEEE 754 binary16 <-> binary32 conversion in pure TypeScript.
// float32 -> float16 rounds to nearest, ties to even (subnormals included); overflow gives +-Inf.
// float16 -> float32 is exact (every binary16 value is a binary32 value), via a 65536-entry table.

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** Largest finite binary16 value. */
export const FLOAT16_MAX = 65504;

/** binary16 bit pattern of x (round to nearest even). */
export function float32ToFloat16Bits(x: number): number {
  scratchF32[0] = x;
  const b = scratchU32[0];
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  const mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf / NaN (quiet)
  const e = exp - 127 + 15; // biased binary16 exponent
  if (e >= 0x1f) return sign | 0x7c00; // overflow
  if (e <= 0) {
    // Subnormal binary16: value = m * 2^-24 with m = M * 2^(exp - 126), M = 1.mant as a 24-bit integer.
    const shift = 14 - e;
    if (shift > 24) return sign; // below half the smallest subnormal: rounds to zero
    const m24 = mant | 0x800000;
    let q = m24 >>> shift;
    const r = m24 & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (r > half || (r === half && (q & 1) === 1)) q++;
    return sign | q; // q === 1024 carries into the smallest normal, which is correct
  }
  let q = mant >>> 13;
  const r = mant & 0x1fff;
  if (r > 0x1000 || (r === 0x1000 && (q & 1) === 1)) q++;
  return sign | ((e << 10) + q); // a carry into the exponent is correct (up to Inf)
}

let decodeTable: Float32Array | null = null;

function float16Table(): Float32Array {
  if (decodeTable) return decodeTable;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >>> 10) & 0x1f;
    const m = h & 0x3ff;
    if (e === 0) t[h] = s * m * 2 ** -24;
    else if (e === 0x1f) t[h] = m ? NaN : s * Infinity;
    else t[h] = s * (1 + m / 1024) * 2 ** (e - 15);
  }
  decodeTable = t;
  return t;
}

export function float16BitsToFloat32(h: number): number {
  return float16Table()[h & 0xffff];
}

/** Convert a float32 array to binary16 bit patterns. */
export function toFloat16(data: Float32Array): Uint16Array {
  const out = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = float32ToFloat16Bits(data[i]);
  return out;
}

/** Convert binary16 bit patterns to float32. */
export function fromFloat16(bits: Uint16Array): Float32Array {
  const t = float16Table();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = t[bits[i]];
  return out;
}
