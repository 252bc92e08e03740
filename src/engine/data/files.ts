// The engine's view of a capture folder. Hosts implement `CaptureFiles` (Node: sharp-backed,
// confined to the folder; tests: in memory). All paths are relative to the capture root and
// use '/' separators.
import type { DecodedImage } from './types';
import { CaptureError, show } from './errors';

export interface CaptureFiles {
  readText(rel: string): Promise<string>;
  readBytes(rel: string): Promise<Uint8Array>;
  /** Decode PNG/JPEG/WebP to 8-bit RGBA. */
  decodeImage(rel: string): Promise<DecodedImage>;
  exists(rel: string): Promise<boolean>;
  /** Names (not paths) of the regular files directly inside relDir, sorted; [] when missing. */
  list(relDir: string): Promise<string[]>;
}

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

export function isImageName(name: string): boolean {
  const lower = name.toLowerCase();
  return IMAGE_EXTENSIONS.some((e) => lower.endsWith(e));
}

/**
 * Normalise a capture-relative path: '\\' -> '/', drop '.' segments, resolve '..' segments.
 * Absolute paths (leading '/', '\\', drive letters, URLs) and paths that climb above the
 * capture root are rejected with a CaptureError naming `file` and `field`.
 */
export function safeRelativePath(path: string, file: string, field: string, base = ''): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new CaptureError(`expected a non-empty relative path, got ${show(path)}`, file, field);
  }
  if (path.includes('\0')) throw new CaptureError(`path contains a NUL byte: ${show(path)}`, file, field);
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p) || /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(p)) {
    throw new CaptureError(`absolute paths are not allowed (must stay inside the capture folder): ${show(path)}`, file, field);
  }
  const out: string[] = base ? base.split('/').filter((s) => s && s !== '.') : [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) {
        throw new CaptureError(`path escapes the capture folder: ${show(path)}`, file, field);
      }
      out.pop();
    } else {
      out.push(seg);
    }
  }
  if (out.length === 0) throw new CaptureError(`path names the capture folder itself: ${show(path)}`, file, field);
  return out.join('/');
}

export function dirname(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

export function joinRel(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** In-memory CaptureFiles (tests, browser hosts). Images are given decoded. */
export function memoryCaptureFiles(entries: Record<string, string | Uint8Array | DecodedImage>): CaptureFiles {
  const get = (rel: string) => {
    const key = safeRelativePath(rel, rel, 'path');
    if (!(key in entries)) throw new CaptureError('file not found', key, 'path');
    return entries[key];
  };
  return {
    async readText(rel) {
      const v = get(rel);
      if (typeof v === 'string') return v;
      if (v instanceof Uint8Array) return new TextDecoder().decode(v);
      throw new CaptureError('is an image, not text', rel, 'path');
    },
    async readBytes(rel) {
      const v = get(rel);
      if (typeof v === 'string') return new TextEncoder().encode(v);
      if (v instanceof Uint8Array) return v;
      return v.rgba;
    },
    async decodeImage(rel) {
      const v = get(rel);
      if (typeof v === 'string' || v instanceof Uint8Array) throw new CaptureError('cannot decode image', rel, 'image');
      return v;
    },
    async exists(rel) {
      return safeRelativePath(rel, rel, 'path') in entries;
    },
    async list(relDir) {
      const dir = relDir ? safeRelativePath(relDir, relDir, 'path') : '';
      const prefix = dir ? `${dir}/` : '';
      return Object.keys(entries)
        .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
        .map((k) => k.slice(prefix.length))
        .sort();
    },
  };
}
