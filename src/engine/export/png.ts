// Minimal PNG encoder for RGBA8 images in pure TypeScript (the engine has no zlib). It
// writes valid, uncompressed PNGs: zlib "stored" deflate blocks (RFC 1950/1951), filter 0.
// Hosts that care about size can re-encode with sharp and pass the PNG bytes instead.

import { crc32 } from '../checksum';

const FILE = 'src/engine/export/png.ts';
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];


function adler32(bytes: Uint8Array): number {
  let a = 1, b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export function encodePngRgba(width: number, height: number, rgba: Uint8Array): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`${FILE}: width/height must be positive integers, got ${width}x${height}`);
  }
  if (rgba.length !== 4 * width * height) {
    throw new Error(`${FILE}: rgba has length ${rgba.length}, expected ${4 * width * height} for ${width}x${height}`);
  }
  // Raw scanlines, each led by filter type 0.
  const stride = 4 * width;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  // zlib stream of stored blocks.
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const zlib = new Uint8Array(2 + raw.length + 5 * blocks + 4);
  zlib[0] = 0x78; zlib[1] = 0x01;
  let at = 2;
  for (let b = 0; b < blocks; b++) {
    const len = Math.min(65535, raw.length - b * 65535);
    zlib[at++] = b === blocks - 1 ? 1 : 0;
    zlib[at++] = len & 0xff; zlib[at++] = len >>> 8;
    zlib[at++] = ~len & 0xff; zlib[at++] = (~len >>> 8) & 0xff;
    zlib.set(raw.subarray(b * 65535, b * 65535 + len), at);
    at += len;
  }
  new DataView(zlib.buffer).setUint32(at, adler32(raw));

  const ihdr = new Uint8Array(13);
  const hv = new DataView(ihdr.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, filter set 0, no interlace
  const chunks: [string, Uint8Array][] = [['IHDR', ihdr], ['IDAT', zlib], ['IEND', new Uint8Array(0)]];
  const total = SIGNATURE.length + chunks.reduce((s, [, d]) => s + 12 + d.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(SIGNATURE, 0);
  let p = SIGNATURE.length;
  for (const [type, data] of chunks) {
    view.setUint32(p, data.length);
    for (let i = 0; i < 4; i++) out[p + 4 + i] = type.charCodeAt(i);
    out.set(data, p + 8);
    view.setUint32(p + 8 + data.length, crc32(out, 0, p + 4, p + 8 + data.length));
    p += 12 + data.length;
  }
  return out;
}
