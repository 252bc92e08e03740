import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../checksum';
import { encodePngRgba } from './png';

describe('encodePngRgba', () => {
  it('crc32 matches the published check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes PNGs that an independent decoder (libvips via sharp) reads back exactly', async () => {
    // 300x200 RGBA is 240 kB of scanlines: several stored deflate blocks.
    for (const [w, h] of [[1, 1], [7, 3], [300, 200]]) {
      const rgba = new Uint8Array(4 * w * h);
      for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 37 + (i >> 7)) & 0xff;
      const png = encodePngRgba(w, h, rgba);
      const { data, info } = await sharp(Buffer.from(png)).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height, info.channels]).toEqual([w, h, 4]);
      expect(new Uint8Array(data)).toEqual(rgba);
    }
  });

  it('rejects a wrong buffer size, naming it', () => {
    expect(() => encodePngRgba(2, 2, new Uint8Array(15))).toThrow(/rgba has length 15, expected 16/);
    expect(() => encodePngRgba(0, 2, new Uint8Array(0))).toThrow(/width\/height/);
  });
});
