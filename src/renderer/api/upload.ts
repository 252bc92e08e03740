// Sending files to web mode's `POST /upload` and, in the desktop app, finding a File's real path.
//
// Web mode: the client makes the upload id (`upload-` + 24 random [a-z0-9], UploadIdSchema) and
// sends each file as one request, `?upload=<id>&path=<relative path>` with the raw bytes
// (application/octet-stream). The session cookie authenticates it like every other request.
// Then `importCapture({ uploadId })` imports the files and the server deletes them.
// XMLHttpRequest rather than fetch: it reports upload progress.
import { StudioError, StudioErrorSchema } from '../../shared';

export interface UploadEntry {
  /** Relative path inside the upload ('/'-separated, e.g. "lego/train/r_0.png"). */
  path: string;
  file: Blob;
}

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
  doneFiles: number;
  totalFiles: number;
}

export interface UploadOptions {
  /** Server origin; '' = the page's own. */
  baseUrl: string;
  /** Files in flight at once. */
  concurrency: number;
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
}

export const UPLOAD_DEFAULTS: UploadOptions = { baseUrl: '', concurrency: 3 };

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newUploadId(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return `upload-${Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

function sendOne(url: string, file: Blob, onSent: (bytes: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onSent(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onSent(file.size);
        resolve();
        return;
      }
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      const parsed = StudioErrorSchema.safeParse(body);
      reject(parsed.success
        ? new StudioError(parsed.data.code, parsed.data.message, parsed.data.field)
        : new StudioError(xhr.status === 401 || xhr.status === 403 ? 'forbidden' : 'internal', `upload: HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new StudioError('internal', 'upload: the connection to the Parallax server failed (is the file too large?)'));
    xhr.onabort = () => reject(new StudioError('internal', 'upload cancelled'));
    if (signal) {
      if (signal.aborted) xhr.abort();
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}

/** Upload `files` under a new upload id; resolves to the id for importCapture({ uploadId }). */
export async function uploadFiles(files: UploadEntry[], options: Partial<UploadOptions> = {}): Promise<string> {
  const opts = { ...UPLOAD_DEFAULTS, ...options };
  if (files.length === 0) throw new StudioError('invalid-argument', 'upload: no files to send', 'files');
  const id = newUploadId();
  const totalBytes = files.reduce((s, f) => s + f.file.size, 0);
  const sent = new Array<number>(files.length).fill(0);
  let doneFiles = 0;
  const report = () => opts.onProgress?.({ sentBytes: sent.reduce((a, b) => a + b, 0), totalBytes, doneFiles, totalFiles: files.length });
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const { path, file } = files[i];
      const url = `${opts.baseUrl}/upload?upload=${id}&path=${encodeURIComponent(path)}`;
      await sendOne(url, file, (n) => { sent[i] = n; report(); }, opts.signal);
      doneFiles++;
      report();
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, files.length)) }, worker));
  return id;
}

/**
 * The real path of a dropped or picked File in the desktop app (preload's getPathForFile), or
 * null in a browser or for a File made in the page.
 */
export function desktopPathForFile(file: File): string | null {
  const bridge = (globalThis as { parallax?: { getPathForFile?: (f: File) => string } }).parallax;
  if (typeof bridge?.getPathForFile !== 'function') return null;
  const path = bridge.getPathForFile(file);
  return typeof path === 'string' && path ? path : null;
}
