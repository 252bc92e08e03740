// Stage "images": every file of the source folder is decoded with sharp (fully, so truncated
// photos are caught), auto-oriented from EXIF (COLMAP ignores EXIF orientation), downscaled
// to `maxSize` on its longest side and written as JPEG into `outDir` for COLMAP. Files that do
// not decode (zero bytes, text, truncated) are skipped with a reason, named by file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

export interface PreparedImage {
  /** Name of the source file (as the user sees it, relative to the source folder). */
  source: string;
  /** Name of the prepared JPEG in the prepared folder (what COLMAP reports). */
  name: string;
  width: number;
  height: number;
}

export interface PrepareResult { images: PreparedImage[]; skipped: { file: string; reason: string }[] }

const IGNORED = /^(\.|__MACOSX$|Thumbs\.db$|desktop\.ini$)/i;

/** Regular, non-hidden files directly inside `dir`, sorted by name (capture order for video frames). */
export async function listSourceFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && !IGNORED.test(e.name)).map((e) => e.name).sort();
}

async function prepareOne(src: string, dst: string, maxSize: number): Promise<{ width: number; height: number }> {
  const stat = await fs.stat(src);
  if (stat.size === 0) throw new Error('empty file (0 bytes)');
  const img = sharp(src, { failOn: 'error', limitInputPixels: 16384 * 16384 }).rotate();
  const meta = await img.metadata();
  if (!meta.format || !['jpeg', 'png', 'webp', 'tiff', 'heif'].includes(meta.format)) throw new Error(`not a photo (format ${meta.format ?? 'unknown'})`);
  const info = await img
    .resize({ width: maxSize, height: maxSize, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
    .toFile(dst);
  return { width: info.width, height: info.height };
}

export async function prepareImages(
  sourceDir: string, files: string[], outDir: string, maxSize: number,
  onEach?: (done: number, total: number, file: string) => void, signal?: AbortSignal,
): Promise<PrepareResult> {
  await fs.mkdir(outDir, { recursive: true });
  const images: PreparedImage[] = [];
  const skipped: PrepareResult['skipped'] = [];
  const used = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
    const file = files[i];
    // One JPEG per source; "a.png" and "a.jpg" both become a*.jpg, kept apart by a suffix.
    const stem = path.parse(file).name.replace(/[^\w.-]+/g, '_') || 'image';
    let name = `${stem}.jpg`;
    for (let k = 2; used.has(name); k++) name = `${stem}-${k}.jpg`;
    try {
      const size = await prepareOne(path.join(sourceDir, file), path.join(outDir, name), maxSize);
      used.add(name);
      images.push({ source: file, name, ...size });
    } catch (e) {
      await fs.rm(path.join(outDir, name), { force: true });
      const msg = e instanceof Error ? e.message : String(e);
      skipped.push({ file, reason: `not a readable image: ${msg.split('\n')[0]}` });
    }
    onEach?.(i + 1, files.length, file);
  }
  return { images, skipped };
}
