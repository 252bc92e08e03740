// PNG encoding via sharp and atomic file writes (temp file + fsync + rename).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { DecodedImage, RgbImage } from '../../engine/data';
import { rgbToRgb8 } from '../../engine/image';

function isDecoded(img: RgbImage | DecodedImage): img is DecodedImage {
  return (img as DecodedImage).rgba !== undefined;
}

/** PNG bytes of an RgbImage (8-bit RGB) or a DecodedImage (8-bit RGBA). */
export async function encodePng(img: RgbImage | DecodedImage): Promise<Uint8Array> {
  const channels = isDecoded(img) ? 4 : 3;
  const bytes = isDecoded(img) ? img.rgba : rgbToRgb8(img);
  const buf = await sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    raw: { width: img.width, height: img.height, channels },
  }).png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Write bytes to `file` atomically: a temp file in the same folder, fsync, rename. */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export async function writePng(file: string, img: RgbImage | DecodedImage): Promise<void> {
  await writeFileAtomic(file, await encodePng(img));
}
