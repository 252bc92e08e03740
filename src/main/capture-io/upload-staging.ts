// Where web-mode uploads land before `importCapture({ uploadId })` imports them:
// `<workspace>/.uploads/<uploadId>/<relative path>`. Shared by the server's POST /upload route
// (writes) and the Studio service (imports, then deletes the folder).
import { isAbsolute, join, relative } from 'node:path';
import { UploadIdSchema } from '../../shared';

export const UPLOADS_FOLDER = '.uploads';

export interface UploadPathLimits {
  /** Longest relative path, characters. */
  maxPathLength: number;
  /** Longest single segment, characters. */
  maxSegmentLength: number;
  /** Most segments (folder levels + file name). */
  maxDepth: number;
}

export const UPLOAD_PATH_LIMITS_DEFAULTS: UploadPathLimits = { maxPathLength: 1024, maxSegmentLength: 255, maxDepth: 32 };

export function isUploadId(id: string): boolean {
  return UploadIdSchema.safeParse(id).success;
}

/** `<workspaceDir>/.uploads` */
export function uploadsRoot(workspaceDir: string): string {
  return join(workspaceDir, UPLOADS_FOLDER);
}

/** Staging folder of one upload; throws for anything that is not an upload id. */
export function uploadStagingDir(workspaceDir: string, uploadId: string): string {
  if (!isUploadId(uploadId)) throw new Error(`uploadId: ${JSON.stringify(uploadId)} is not an upload id (upload-<8 to 64 of a-z0-9>)`);
  return join(uploadsRoot(workspaceDir), uploadId);
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * Why `rel` (the relative path a browser sent for one uploaded file) is refused, or null when
 * it is a plain relative path: '/'-separated, no leading '/', no drive letter, no backslash,
 * NUL or control characters, no '', '.' or '..' segments, within the length limits.
 */
export function unsafeUploadPath(rel: string, limits: UploadPathLimits = UPLOAD_PATH_LIMITS_DEFAULTS): string | null {
  if (rel.length === 0) return 'empty path';
  if (rel.length > limits.maxPathLength) return `longer than ${limits.maxPathLength} characters`;
  if (CONTROL_CHARS.test(rel)) return 'contains NUL or control characters';
  if (rel.includes('\\')) return 'contains a backslash';
  if (rel.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(rel)) return 'absolute path (drive letter)';
  const segments = rel.split('/');
  if (segments.some((s) => s === '..')) return 'path traversal ("..")';
  if (segments.some((s) => s === '' || s === '.')) return 'empty or "." segment';
  if (segments.length > limits.maxDepth) return `more than ${limits.maxDepth} levels`;
  if (segments.some((s) => s.length > limits.maxSegmentLength)) return `a segment is longer than ${limits.maxSegmentLength} characters`;
  return null;
}

/** Absolute path of `rel` inside `root` after unsafeUploadPath accepted it (double-checked). */
export function resolveUploadPath(root: string, rel: string): string {
  const full = join(root, ...rel.split('/'));
  const back = relative(root, full);
  if (back === '' || back.startsWith('..') || isAbsolute(back)) throw new Error(`path "${rel}" leaves the upload folder`);
  return full;
}
