// A CaptureFiles rooted at a folder on disk. Every path is checked twice: lexically (no
// absolute paths, no '..' above the root) and after resolving symbolic links (realpath must
// stay inside the root's realpath). Images are decoded with sharp to 8-bit sRGB RGBA; their
// header size is checked against the limits BEFORE any pixel is decoded.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { CaptureError, IMAGE_LIMITS_DEFAULTS, checkImageSize, safeRelativePath } from '../../engine/data';
import type { CaptureFiles, DecodedImage, ImageLimits } from '../../engine/data';

const SUPPORTED = new Set(['png', 'jpeg', 'webp']);

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function ioError(e: unknown, rel: string): CaptureError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new CaptureError('file not found', rel, 'path');
  if (code === 'EISDIR') return new CaptureError('is a folder, not a file', rel, 'path');
  if (code === 'EACCES' || code === 'EPERM') return new CaptureError('permission denied', rel, 'path');
  return new CaptureError(`cannot read file (${code ?? (e instanceof Error ? e.message : String(e))})`, rel, 'path');
}

/** CaptureFiles confined to `dir`. Throws a CaptureError when the folder does not exist. */
export async function createFolderCaptureFiles(dir: string, limits: Partial<ImageLimits> = {}): Promise<CaptureFiles> {
  const lim: ImageLimits = { ...IMAGE_LIMITS_DEFAULTS, ...pickLimits(limits) };
  let root: string;
  try {
    root = await fs.realpath(path.resolve(dir));
    if (!(await fs.stat(root)).isDirectory()) throw new CaptureError('is not a folder', dir, 'path');
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    throw new CaptureError('capture folder not found', dir, 'path');
  }

  /** Absolute path of `rel`, or a CaptureError if it leaves the root (lexically or via links). */
  const resolve = async (rel: string, mustExist: boolean): Promise<string | null> => {
    const clean = rel === '' ? '' : safeRelativePath(rel, rel, 'path');
    const full = path.join(root, ...clean.split('/'));
    if (!inside(root, full)) throw new CaptureError('path escapes the capture folder', rel, 'path');
    let real: string;
    try {
      real = await fs.realpath(full);
    } catch (e) {
      if (!mustExist && (e as NodeJS.ErrnoException)?.code === 'ENOENT') return null;
      throw ioError(e, clean || '.');
    }
    if (!inside(root, real)) throw new CaptureError('path leaves the capture folder through a symbolic link', clean, 'path');
    return real;
  };

  const readBuffer = async (rel: string): Promise<Buffer> => {
    const full = (await resolve(rel, true))!;
    try {
      return await fs.readFile(full);
    } catch (e) {
      throw ioError(e, rel);
    }
  };

  return {
    async readText(rel) {
      return (await readBuffer(rel)).toString('utf8');
    },
    async readBytes(rel) {
      const b = await readBuffer(rel);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    },
    async decodeImage(rel): Promise<DecodedImage> {
      const buf = await readBuffer(rel);
      let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
      try {
        meta = await sharp(buf, { limitInputPixels: false }).metadata(); // header only: no pixels decoded
      } catch (e) {
        throw new CaptureError(`cannot read image: ${e instanceof Error ? e.message : String(e)}`, rel, 'image');
      }
      if (!meta.format || !SUPPORTED.has(meta.format)) {
        throw new CaptureError(`unsupported image format ${JSON.stringify(meta.format)} (PNG, JPEG or WebP)`, rel, 'format');
      }
      checkImageSize(meta.width ?? 0, meta.height ?? 0, rel, lim);
      try {
        const { data, info } = await sharp(buf, { limitInputPixels: lim.maxImagePixels, failOn: 'error' })
          .toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
        if (info.channels !== 4) throw new Error(`decoded ${info.channels} channels, expected 4`);
        return { width: info.width, height: info.height, rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
      } catch (e) {
        throw new CaptureError(`cannot decode image: ${e instanceof Error ? e.message : String(e)}`, rel, 'image');
      }
    },
    async exists(rel) {
      const full = await resolve(rel, false);
      if (full === null) return false;
      try {
        return (await fs.stat(full)).isFile();
      } catch {
        return false;
      }
    },
    async list(relDir) {
      const full = await resolve(relDir, false);
      if (full === null) return [];
      let entries;
      try {
        entries = await fs.readdir(full, { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException)?.code === 'ENOTDIR') return [];
        throw ioError(e, relDir || '.');
      }
      return entries.filter((d) => d.isFile() || d.isSymbolicLink()).map((d) => d.name).sort();
    },
  };
}

function pickLimits(o: Partial<ImageLimits>): Partial<ImageLimits> {
  const out: Partial<ImageLimits> = {};
  if (o.maxImageSide !== undefined) out.maxImageSide = o.maxImageSide;
  if (o.maxImagePixels !== undefined) out.maxImagePixels = o.maxImagePixels;
  return out;
}
