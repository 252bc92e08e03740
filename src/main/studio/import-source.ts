// Turn what the user gave (a capture or image folder, a single photo, a .zip of either) into a
// folder the engine's capture readers can open.
//
// 1. A photo (PNG, JPEG, WebP) is copied alone into a temporary folder: an 'images' capture
//    with one view and a placeholder pose, the kind of capture the Generate screen samples from.
// 1b. A video (MP4, MOV, M4V, WebM) is copied alone into a temporary folder: import-upload.ts
//    imports a folder whose only file is a video as a 'video' capture (import-video.ts).
// 2. A .zip is extracted safely (capture-io/zip-extract: no traversal, no links, size limits)
//    into a temporary folder; a zip inside the zip is refused.
// 3. A folder whose only content (macOS metadata aside) is one folder is unwrapped, so a zip of
//    `lego/` or an upload of a dropped folder imports `lego/` itself; a folder holding only one
//    .zip imports that zip.
// Temporary folders live in the workspace's staging area; `cleanup()` removes them.
import { copyFile, readdir, rm, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { StudioError } from '../../shared';
import { isArchiveJunk, extractZip, ZipExtractError } from '../capture-io';
import type { ZipLimits } from '../capture-io';
import type { Workspace } from '../workspace';
import { isVideoName } from './import-video';

export const PHOTO_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'];
const MAX_UNWRAP_DEPTH = 4;

export interface PreparedSource {
  /** Folder to open as a capture. */
  dir: string;
  /** Default item name. */
  name: string;
  /** True when `dir` is a temporary folder of this import (it may be moved, not copied). */
  owned: boolean;
  cleanup(): Promise<void>;
}

export interface PrepareOptions {
  /** Argument the errors are about ('path' or 'uploadId'). */
  field: string;
  /** Default name when the folder itself gives none (an upload's staging folder). */
  fallbackName?: string;
  zipLimits?: Partial<ZipLimits>;
}

export const isPhotoName = (name: string) => PHOTO_EXTENSIONS.includes(extname(name).toLowerCase());
export const isZipName = (name: string) => extname(name).toLowerCase() === '.zip';
const stem = (name: string) => basename(name, extname(name));

/** Entries of `dir` that are not macOS / Windows metadata. */
async function contentOf(dir: string): Promise<{ name: string; isDir: boolean; isFile: boolean }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((d) => !isArchiveJunk(d.name)).map((d) => ({ name: d.name, isDir: d.isDirectory(), isFile: d.isFile() }));
}

/** Descend while the folder's only content is one folder. */
async function unwrap(dir: string): Promise<{ dir: string; unwrapped: boolean }> {
  let current = dir;
  for (let i = 0; i < MAX_UNWRAP_DEPTH; i++) {
    const content = await contentOf(current);
    if (content.length !== 1 || !content[0].isDir) break;
    current = join(current, content[0].name);
  }
  return { dir: current, unwrapped: current !== dir };
}

async function extractInto(ws: Workspace, zipPath: string, opts: PrepareOptions): Promise<string> {
  const dest = await ws.createStaging('unzip');
  try {
    await extractZip(zipPath, dest, opts.zipLimits);
  } catch (err) {
    await rm(dest, { recursive: true, force: true });
    if (err instanceof ZipExtractError) throw new StudioError('invalid-argument', `zip file refused: ${err.message}`, opts.field);
    throw err;
  }
  return dest;
}

export async function prepareImportSource(ws: Workspace, rawPath: string, opts: PrepareOptions): Promise<PreparedSource> {
  const input = resolve(rawPath);
  const st = await stat(input).catch(() => null);
  if (!st) throw new StudioError('invalid-argument', `${opts.field}: "${input}" does not exist`, opts.field);
  const temps: string[] = [];
  const cleanup = async () => {
    for (const t of temps) await rm(t, { recursive: true, force: true });
  };
  try {
    if (st.isFile()) {
      if (isPhotoName(input)) {
        const dir = await ws.createStaging('photo');
        temps.push(dir);
        await copyFile(input, join(dir, basename(input)));
        return { dir, name: stem(input), owned: true, cleanup };
      }
      if (isZipName(input)) return await fromZip(ws, input, stem(input), opts, temps, cleanup);
      // A video becomes a folder holding just the video; import-upload imports it as a 'video' capture.
      if (isVideoName(input)) {
        const dir = await ws.createStaging('video');
        temps.push(dir);
        await copyFile(input, join(dir, basename(input)));
        return { dir, name: stem(input), owned: true, cleanup };
      }
      throw new StudioError(
        'invalid-argument',
        `${opts.field}: "${basename(input)}" is not a capture folder, a photo (PNG, JPEG, WebP), a video (MP4, MOV, M4V, WebM) or a .zip`, opts.field,
      );
    }
    if (!st.isDirectory()) throw new StudioError('invalid-argument', `${opts.field}: "${input}" is not a folder or a file`, opts.field);
    const { dir, unwrapped } = await unwrap(input);
    const content = await contentOf(dir);
    if (content.length === 1 && content[0].isFile && isZipName(content[0].name)) {
      return await fromZip(ws, join(dir, content[0].name), stem(content[0].name), opts, temps, cleanup);
    }
    const name = unwrapped || !opts.fallbackName ? basename(dir) : opts.fallbackName;
    return { dir, name, owned: false, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function fromZip(
  ws: Workspace, zipPath: string, zipStem: string, opts: PrepareOptions, temps: string[], cleanup: () => Promise<void>,
): Promise<PreparedSource> {
  const extracted = await extractInto(ws, zipPath, opts);
  temps.push(extracted);
  const { dir, unwrapped } = await unwrap(extracted);
  const content = await contentOf(dir);
  if (content.length === 0) throw new StudioError('invalid-argument', `zip file refused: ${basename(zipPath)}: the archive is empty`, opts.field);
  if (content.length === 1 && content[0].isFile && isZipName(content[0].name)) {
    throw new StudioError('invalid-argument', `zip file refused: ${basename(zipPath)}: holds another zip (${content[0].name}); extract it first`, opts.field);
  }
  return { dir, name: unwrapped ? basename(dir) : zipStem, owned: true, cleanup };
}
