// Serving files from a root folder (the built renderer, or the workspace) over node:http,
// confined with path-confine.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { PathConfinementError, resolveConfinedFile, statusForConfinementError } from './path-confine';

export interface SendFileOptions {
  contentType: (filePath: string) => string;
  headers: Record<string, string>;
  headOnly: boolean;
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(`${text}\n`);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Send `rawPath` (URL path relative to root, percent-encoded) from `root`, or an error status. */
export async function sendConfinedFile(
  res: ServerResponse,
  root: string,
  rawPath: string,
  options: SendFileOptions,
): Promise<void> {
  let file: string;
  try {
    file = await resolveConfinedFile(root, rawPath);
  } catch (error) {
    if (error instanceof PathConfinementError) {
      const status = statusForConfinementError(error);
      sendText(res, status, status === 404 ? 'not found' : `refused: ${error.reason}`);
      return;
    }
    throw error;
  }
  const info = await stat(file);
  res.writeHead(200, {
    ...options.headers,
    'Content-Type': options.contentType(file),
    'Content-Length': info.size,
  });
  if (options.headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
