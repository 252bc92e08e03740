// Import a capture folder into the workspace: validate it with openCaptureFolder first (a bad
// capture never creates an item), copy it into a staging folder (symlinks are not followed or
// copied), add a thumbnail, then commit the staging folder as a new capture item.
import { cp, lstat, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../shared';
import type { WorkspaceItem } from '../../shared';
import type { Workspace } from '../workspace';

export const CAPTURE_ROOT = 'capture';
export const THUMBNAIL = 'thumbnail.png';

function captureErrorMessage(err: unknown, dir: string): StudioError {
  const e = err as Error & { file?: string; field?: string };
  if (e && typeof e === 'object' && 'file' in e) {
    const prefix = [e.file, e.field].filter(Boolean).join(': ');
    const message = prefix && !e.message.includes(String(e.file)) ? `${prefix}: ${e.message}` : e.message;
    return new StudioError('invalid-argument', `not a valid capture (${dir}): ${message}`, 'path');
  }
  return new StudioError('invalid-argument', `not a valid capture (${dir}): ${e?.message ?? String(err)}`, 'path');
}

export async function importCaptureFolder(ws: Workspace, rawPath: string, name?: string): Promise<WorkspaceItem> {
  const dir = resolve(rawPath);
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new StudioError('invalid-argument', `path: "${dir}" is not a folder`, 'path');
  const { openCaptureFolder } = await import('../capture-io');
  let capture;
  try {
    capture = await openCaptureFolder(dir);
  } catch (err) {
    throw captureErrorMessage(err, dir);
  }
  const staging = await ws.createStaging('import');
  try {
    const skipped: string[] = [];
    await cp(dir, join(staging, CAPTURE_ROOT), {
      recursive: true,
      filter: async (src) => {
        const isLink = (await lstat(src)).isSymbolicLink();
        if (isLink) skipped.push(src);
        return !isLink;
      },
    });
    const first = capture.views[0];
    let thumbnail: string | undefined;
    if (first) {
      await sharp(join(staging, CAPTURE_ROOT, first.file)).resize({ width: 256, height: 256, fit: 'inside' }).png().toFile(join(staging, THUMBNAIL));
      thumbnail = THUMBNAIL;
    }
    const warnings = [...capture.warnings, ...skipped.map((s) => `symbolic link not imported: ${s}`)];
    return await ws.commitItem('capture', name ?? basename(dir), staging, {
      format: capture.format, root: CAPTURE_ROOT, imageCount: capture.views.length,
      width: first?.image.width, height: first?.image.height, source: dir, warnings, thumbnail,
    });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}
