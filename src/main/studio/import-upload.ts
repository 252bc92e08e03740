// importCapture({ path }) and importCapture({ uploadId }): prepare the source (photo, zip,
// folder; import-source.ts), import the folder, and always remove temporary folders. An
// upload's staging folder `<workspace>/.uploads/<uploadId>` is deleted after the import,
// whether it succeeded or failed.
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { StudioError } from '../../shared';
import type { WorkspaceItem } from '../../shared';
import { isArchiveJunk, uploadStagingDir } from '../capture-io';
import type { ZipLimits } from '../capture-io';
import type { Workspace } from '../workspace';
import { importCaptureFolder } from './import-capture';
import { isPhotoName, prepareImportSource } from './import-source';
import type { PreparedSource } from './import-source';
import { importVideoCapture, soleVideo } from './import-video';
import type { ImportFolderOptions } from './import-capture';

/** A prepared folder whose only file is a video imports as a video capture; anything else as a capture folder. */
async function importPrepared(ws: Workspace, prepared: PreparedSource, name: string, o: Required<Pick<ImportFolderOptions, 'source' | 'label' | 'field' | 'move'>>): Promise<WorkspaceItem> {
  const video = await soleVideo(prepared.dir);
  if (video) return importVideoCapture(ws, video, { source: o.source, field: o.field, name, move: o.move });
  return importCaptureFolder(ws, prepared.dir, name, o);
}

export interface ImportRequest {
  path?: string;
  uploadId?: string;
  name?: string;
}

export async function importFromPath(ws: Workspace, path: string, name?: string, zipLimits?: Partial<ZipLimits>): Promise<WorkspaceItem> {
  const prepared = await prepareImportSource(ws, path, { field: 'path', zipLimits });
  try {
    const label = prepared.dir === path ? path : `${path} → ${prepared.name}`;
    return await importPrepared(ws, prepared, name ?? prepared.name, { source: path, label, field: 'path', move: prepared.owned });
  } finally {
    await prepared.cleanup();
  }
}

/** A default name for an upload whose top level is loose files (one photo: its name). */
async function uploadFallbackName(dir: string): Promise<{ name: string; summary: string }> {
  const names = (await readdir(dir)).filter((n) => !isArchiveJunk(n)).sort();
  const photos = names.filter(isPhotoName);
  const summary = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  if (photos.length === 1 && names.length === 1) return { name: basename(photos[0], extname(photos[0])), summary };
  if (photos.length === names.length && photos.length > 1) return { name: `Photos (${photos.length})`, summary };
  return { name: 'Uploaded capture', summary };
}

export async function importFromUpload(ws: Workspace, uploadId: string, name?: string, zipLimits?: Partial<ZipLimits>): Promise<WorkspaceItem> {
  const staging = uploadStagingDir(ws.dir, uploadId);
  const st = await stat(staging).catch(() => null);
  if (!st?.isDirectory()) {
    throw new StudioError('not-found', `uploadId: no files were uploaded as "${uploadId}" (POST /upload first; uploads are cleared when the server restarts)`, 'uploadId');
  }
  try {
    const fallback = await uploadFallbackName(staging);
    const prepared = await prepareImportSource(ws, staging, { field: 'uploadId', fallbackName: fallback.name, zipLimits });
    try {
      return await importPrepared(ws, prepared, name ?? prepared.name, {
        // Everything under the upload's folder is deleted afterwards: move rather than copy.
        source: `upload: ${fallback.summary}`, label: prepared.name, field: 'uploadId', move: true,
      });
    } finally {
      await prepared.cleanup();
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export async function importCaptureRequest(ws: Workspace, req: ImportRequest, zipLimits?: Partial<ZipLimits>): Promise<WorkspaceItem> {
  if (req.uploadId !== undefined) return importFromUpload(ws, req.uploadId, req.name, zipLimits);
  if (req.path !== undefined) return importFromPath(ws, req.path, req.name, zipLimits);
  throw new StudioError('invalid-argument', 'importCapture: give exactly one of path and uploadId', 'path');
}
