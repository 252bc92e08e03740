// Import a capture folder into the workspace: validate it with openCaptureFolder first (a bad
// capture never creates an item), copy it into a staging folder (symlinks are not followed or
// copied), add a thumbnail, then commit the staging folder as a new capture item.
// Photos, zips and uploads are first turned into such a folder by import-source.ts.
import { cp, lstat, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../shared';
import type { WorkspaceItem } from '../../shared';
import type { Workspace } from '../workspace';

export const CAPTURE_ROOT = 'capture';
export const THUMBNAIL = 'thumbnail.png';

/** Largest image side decoded while validating (every image is still fully decoded and checked). */
const VALIDATE_MAX_SIDE = 256;

export interface ImportFolderOptions {
  /** Recorded as the manifest's `source` (defaults to the folder). */
  source?: string;
  /** How errors name the capture (defaults to the folder path). */
  label?: string;
  /** Argument the errors are about (default 'path'). */
  field?: string;
  /**
   * Move the folder into the workspace instead of copying it: only for temporary folders the
   * import owns (an extracted zip, an upload), never for the user's own files.
   */
  move?: boolean;
}

/** `not a valid capture (<label>): <file> [<field>]: <detail>`: the dialog's report parses this. */
function captureErrorMessage(err: unknown, label: string, field: string): StudioError {
  const e = err as Error & { file?: string; field?: string };
  if (e && typeof e === 'object' && 'file' in e) {
    const prefix = [e.file, e.field].filter(Boolean).join(': ');
    const message = prefix && !e.message.includes(String(e.file)) ? `${prefix}: ${e.message}` : e.message;
    return new StudioError('invalid-argument', `not a valid capture (${label}): ${message}`, field);
  }
  return new StudioError('invalid-argument', `not a valid capture (${label}): ${e?.message ?? String(err)}`, field);
}

export async function importCaptureFolder(ws: Workspace, rawPath: string, name?: string, options: ImportFolderOptions = {}): Promise<WorkspaceItem> {
  const dir = resolve(rawPath);
  const field = options.field ?? 'path';
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new StudioError('invalid-argument', `${field}: "${options.label ?? dir}" is not a folder`, field);
  const { openCaptureFolder } = await import('../capture-io');
  let capture;
  try {
    capture = await openCaptureFolder(dir, { maxSide: VALIDATE_MAX_SIDE });
  } catch (err) {
    throw captureErrorMessage(err, options.label ?? dir, field);
  }
  const staging = await ws.createStaging('import');
  try {
    const skipped: string[] = [];
    const moved = options.move ? await rename(dir, join(staging, CAPTURE_ROOT)).then(() => true, () => false) : false;
    if (!moved) {
      await cp(dir, join(staging, CAPTURE_ROOT), {
        recursive: true,
        filter: async (src) => {
          const isLink = (await lstat(src)).isSymbolicLink();
          if (isLink) skipped.push(src);
          return !isLink;
        },
      });
    }
    const first = capture.views[0];
    let thumbnail: string | undefined;
    let size: { width?: number; height?: number } = {};
    if (first) {
      const firstFile = join(staging, CAPTURE_ROOT, first.file);
      await sharp(firstFile).resize({ width: 256, height: 256, fit: 'inside' }).png().toFile(join(staging, THUMBNAIL));
      thumbnail = THUMBNAIL;
      const meta = await sharp(firstFile).metadata();
      size = { width: meta.width, height: meta.height };
    }
    const warnings = [...capture.warnings, ...skipped.map((s) => `symbolic link not imported: ${s}`)];
    return await ws.commitItem('capture', name ?? basename(dir), staging, {
      format: capture.format, root: CAPTURE_ROOT, imageCount: capture.views.length,
      ...size, source: options.source ?? dir, warnings, thumbnail,
    });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}
