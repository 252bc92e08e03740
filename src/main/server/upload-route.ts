// Web mode's `POST /upload?upload=<uploadId>&path=<relative path>`: one request per file, the
// raw bytes as the body (Content-Type: application/octet-stream, which a cross-site form cannot
// send without a CORS preflight this server never grants). The client chooses the upload id
// (`upload-` + 8..64 of [a-z0-9], UploadIdSchema) and sends every file of one import under it;
// then it calls importCapture({ uploadId }), which imports `<workspace>/.uploads/<uploadId>/`
// and deletes it. The route runs after the server's Host/Origin/token guard, like /api.
//
// Confinement: the path is checked lexically (capture-io unsafeUploadPath: no '..', absolute
// paths, backslashes, NUL, control characters, over-long paths), then joined under the upload's
// folder and re-checked; files are created with O_EXCL | O_NOFOLLOW (no overwrite, no links).
// Limits: bytes per file, bytes and files per upload, uploads at once. Errors are 4xx JSON
// StudioErrorPayloads naming the field (`upload`, `path`, `(body)`).
import { constants, existsSync } from 'node:fs';
import { mkdir, open, readdir, rm, unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import {
  isUploadId, resolveUploadPath, unsafeUploadPath, uploadStagingDir, uploadsRoot,
} from '../capture-io/upload-staging';
import { sendJson } from './static-files';

export interface UploadLimits {
  /** Largest single file, bytes. */
  maxFileBytes: number;
  /** Largest upload (all files of one id), bytes. */
  maxUploadBytes: number;
  /** Most files in one upload. */
  maxFiles: number;
  /** Most uploads in progress at once (ids seen and not yet imported). */
  maxUploads: number;
}

export const UPLOAD_LIMITS_DEFAULTS: UploadLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxUploadBytes: 4 * 1024 ** 3,
  maxFiles: 20_000,
  maxUploads: 16,
};

class UploadRefused extends Error {
  constructor(readonly status: number, readonly field: string, message: string) {
    super(message);
  }
}

interface UploadState { bytes: number; files: number; lastActivity: number; dirCreated: boolean }

/** An upload with no request for this long is abandoned: its folder and counters are removed. */
const ABANDONED_MS = 60 * 60 * 1000;

/** Remove every staging folder left by uploads that were never imported (server start). */
export async function clearUploadStaging(workspaceDir: string): Promise<number> {
  const root = uploadsRoot(workspaceDir);
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names) await rm(`${root}/${name}`, { recursive: true, force: true });
  return names.length;
}

/**
 * Copy the request body into `out`, counting bytes; refuses (without destroying the request,
 * so a 413 can still be sent) as soon as the file or the upload passes its limit.
 */
function writeBody(
  req: IncomingMessage, out: NodeJS.WritableStream & { destroy(): void }, onBytes: (n: number) => string | null,
  maxFileBytes: number, rel: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let settled = false;
    const stop = (err: Error) => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      onBytes(-bytes);
      out.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxFileBytes) return stop(new UploadRefused(413, '(body)', `${rel}: larger than the per-file limit of ${maxFileBytes} bytes`));
      const over = onBytes(chunk.length);
      if (over) return stop(new UploadRefused(413, '(body)', over));
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      if (settled) return;
      out.end(() => {
        settled = true;
        resolve(bytes);
      });
    });
    req.once('aborted', () => stop(new UploadRefused(400, '(body)', `${rel}: upload interrupted`)));
    req.once('error', (e) => stop(new UploadRefused(400, '(body)', `${rel}: upload interrupted (${e.message})`)));
    out.once('error', (e: Error) => stop(new UploadRefused(500, '(body)', `${rel}: cannot write the file (${e.message})`)));
  });
}

export function createUploadRoute(workspaceDir: string, limits: Partial<UploadLimits> = {}) {
  const lim: UploadLimits = { ...UPLOAD_LIMITS_DEFAULTS, ...limits };
  const uploads = new Map<string, UploadState>();

  /** Forget uploads that were imported (folder gone) and remove abandoned ones. */
  async function prune(): Promise<void> {
    for (const [id, state] of uploads) {
      const dir = uploadStagingDir(workspaceDir, id);
      if (state.dirCreated && !existsSync(dir)) uploads.delete(id);
      else if (Date.now() - state.lastActivity > ABANDONED_MS) {
        uploads.delete(id);
        await rm(dir, { recursive: true, force: true });
      }
    }
  }

  async function receive(req: IncomingMessage, query: URLSearchParams): Promise<{ uploadId: string; path: string; bytes: number }> {
    const uploadId = query.get('upload') ?? '';
    if (!isUploadId(uploadId)) throw new UploadRefused(400, 'upload', 'upload: must be an upload id, "upload-" followed by 8 to 64 of a-z and 0-9');
    const rel = query.get('path') ?? '';
    const why = unsafeUploadPath(rel);
    if (why) throw new UploadRefused(400, 'path', `path ${JSON.stringify(rel.slice(0, 200))}: ${why}`);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/octet-stream') throw new UploadRefused(415, '(body)', 'uploads must be sent as application/octet-stream');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > lim.maxFileBytes) {
      throw new UploadRefused(413, '(body)', `${rel}: ${declared} bytes is larger than the per-file limit of ${lim.maxFileBytes} bytes`);
    }
    await prune();
    let state = uploads.get(uploadId);
    if (!state) {
      if (uploads.size >= lim.maxUploads) throw new UploadRefused(429, 'upload', `too many uploads in progress (${lim.maxUploads}); import or restart`);
      state = { bytes: 0, files: 0, lastActivity: Date.now(), dirCreated: false };
      uploads.set(uploadId, state);
    }
    if (state.files >= lim.maxFiles) throw new UploadRefused(413, 'path', `${rel}: upload has reached the limit of ${lim.maxFiles} files`);
    state.lastActivity = Date.now();

    const root = uploadStagingDir(workspaceDir, uploadId);
    const target = resolveUploadPath(root, rel);
    try {
      await mkdir(dirname(target), { recursive: true });
      state.dirCreated = true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UploadRefused(409, 'path', `${rel}: cannot create its folder (${code === 'EEXIST' || code === 'ENOTDIR' ? 'a file of that name was uploaded' : code})`);
    }
    let handle;
    try {
      handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UploadRefused(409, 'path', `${rel}: ${code === 'EEXIST' ? 'already uploaded under this upload id' : `cannot create the file (${code})`}`);
    }
    state.files++;
    let bytes: number;
    try {
      bytes = await writeBody(req, handle.createWriteStream(), (n) => {
        state.bytes += n;
        if (n > 0 && state.bytes > lim.maxUploadBytes) return `${rel}: the upload passes its limit of ${lim.maxUploadBytes} bytes`;
        return null;
      }, lim.maxFileBytes, rel);
    } catch (err) {
      await unlink(target).catch(() => undefined);
      state.files--;
      throw err;
    } finally {
      await handle.close().catch(() => undefined);
    }
    return { uploadId, path: rel, bytes };
  }

  return {
    /** Handle one POST /upload (the caller has already run the Host/Origin/token guard). */
    async handle(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
      try {
        if (req.method !== 'POST') throw new UploadRefused(405, '(method)', 'uploads take POST');
        const result = await receive(req, query);
        sendJson(res, 201, result);
      } catch (err) {
        if (!(err instanceof UploadRefused)) throw err;
        if (!req.complete) {
          // Refused before the whole body was read: answer, then close the connection rather
          // than read (possibly endless) bytes nobody will keep.
          res.setHeader('Connection', 'close');
          res.once('finish', () => req.socket.destroy());
        }
        const code = err.status === 429 || err.status === 409 ? 'conflict' : 'invalid-argument';
        sendJson(res, err.status, { code, message: `upload refused: ${err.message}`, field: err.field });
      }
    },
    /** Forget an upload's counters (after it was imported or deleted). */
    forget(uploadId: string): void {
      uploads.delete(uploadId);
    },
    /** Counters of uploads not yet imported (tests, diagnostics). */
    pending(): number {
      return uploads.size;
    },
  };
}
