// Web mode: the built renderer plus the StudioApi over HTTP (`POST /api/<method>`) and a
// WebSocket (`/events`), workspace files under `/files/<rel>`. Every request must carry the
// session token (cookie or Bearer), a Host naming this server and, when present, an Origin
// equal to this server's own origin. `POST /upload` stages files for importCapture({ uploadId })
// (upload-route.ts), under the same checks.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import type { StudioApi } from '../../shared';
import { COMMON_SECURITY_HEADERS, FILES_CSP, buildCsp } from './csp';
import { contentTypeFor, workspaceContentTypeFor } from './content-types';
import { dispatchStudioCall, httpStatusFor } from './dispatch';
import { createEventSocketHub } from './events-socket';
import {
  allowedHostHeaders, checkHostHeader, checkOriginHeader, hostWithPort, isWildcardHost,
} from './request-guard';
import { checkToken, createSessionToken, sessionCookie, tokensEqual } from './session-token';
import { sendConfinedFile, sendJson, sendText } from './static-files';
import { clearUploadStaging, createUploadRoute, type UploadLimits } from './upload-route';

export interface WebServerOptions {
  service: StudioApi & { workspaceDir?: string };
  /** Interface to bind; loopback by default. `0.0.0.0` or an address for a remote engine box. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** Root of `/files/`; defaults to `service.workspaceDir`. */
  workspaceDir?: string;
  /** Session token; a fresh random 32-byte token when omitted (pass one to keep it across restarts). */
  token?: string;
  /** Extra host names accepted in the Host header (e.g. a DNS name of the engine box). */
  allowedHosts: string[];
  /** Largest accepted API request body, bytes. */
  maxBodyBytes: number;
  /** Limits of POST /upload (UPLOAD_LIMITS_DEFAULTS). */
  uploadLimits?: Partial<UploadLimits>;
}

export const WEB_SERVER_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  allowedHosts: [] as string[],
  maxBodyBytes: 2 * 1024 * 1024,
};

export interface WebServerHandle {
  /** URL to open: the server's origin plus `/?token=…`. */
  url: string;
  origin: string;
  token: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

type StartOptions = Pick<WebServerOptions, 'service' | 'rendererDir'> & Partial<WebServerOptions>;

class RequestRefused extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RequestRefused(413, `request body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function displayHost(bindHost: string): string {
  if (!isWildcardHost(bindHost)) return bindHost;
  for (const list of Object.values(networkInterfaces())) {
    const v4 = list?.find((info) => info.family === 'IPv4' && !info.internal);
    if (v4) return v4.address;
  }
  return '127.0.0.1';
}

export async function startWebServer(options: StartOptions): Promise<WebServerHandle> {
  const opts = { ...WEB_SERVER_DEFAULTS, ...options };
  const { service, rendererDir } = opts;
  const maybeWorkspace = opts.workspaceDir ?? service.workspaceDir;
  if (!maybeWorkspace) throw new Error('startWebServer: workspaceDir: missing (service.workspaceDir is undefined)');
  const workspaceDir: string = maybeWorkspace;
  const token = opts.token ?? createSessionToken();
  const hub = createEventSocketHub(service);
  // Uploads never survive a restart (their counters are in memory): clear what a previous run left.
  await clearUploadStaging(workspaceDir);
  const uploads = createUploadRoute(workspaceDir, opts.uploadLimits);
  let port = opts.port;
  let allowedHosts = new Set<string>();

  /** Host, Origin and token checks shared by HTTP requests and WebSocket upgrades. */
  function guard(req: IncomingMessage): void {
    const host = checkHostHeader(req.headers.host, allowedHosts);
    if (!host.ok) throw new RequestRefused(host.status, host.reason);
    const origin = checkOriginHeader(req.headers.origin, req.headers.host);
    if (!origin.ok) throw new RequestRefused(origin.status, origin.reason);
    const auth = checkToken(req.headers, port, token);
    if (!auth.ok) throw new RequestRefused(auth.status, auth.reason);
  }

  function pageHeaders(req: IncomingMessage): Record<string, string> {
    const csp = buildCsp({ connectSrc: [`ws://${req.headers.host}`] });
    return { 'Content-Security-Policy': csp, 'Cache-Control': 'no-cache' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) res.setHeader(name, value);
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1));
    const method = req.method ?? 'GET';
    const isApi = rawPath.startsWith('/api/') || rawPath === '/upload';

    try {
      // Token exchange: `?token=` on a page URL sets the cookie and redirects without it.
      const offered = query.get('token');
      if (offered !== null && (method === 'GET' || method === 'HEAD') && !isApi) {
        const host = checkHostHeader(req.headers.host, allowedHosts);
        if (!host.ok) throw new RequestRefused(host.status, host.reason);
        if (!tokensEqual(offered, token)) throw new RequestRefused(403, 'wrong session token');
        query.delete('token');
        const rest = query.toString();
        // Only same-origin paths: `//host` or backslashes would make the redirect leave the server.
        const target = /^\/(?![/\\])[^\\]*$/.test(rawPath) ? rawPath : '/';
        res.writeHead(303, {
          'Set-Cookie': sessionCookie(token, port),
          Location: `${target}${rest ? `?${rest}` : ''}`,
          'Cache-Control': 'no-store',
        });
        res.end();
        return;
      }
      guard(req);

      if (rawPath === '/upload') {
        await uploads.handle(req, res, query);
        return;
      }
      if (isApi) {
        if (method !== 'POST') throw new RequestRefused(405, 'API methods take POST');
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (type !== 'application/json') throw new RequestRefused(415, 'API requests must be application/json');
        const text = await readBody(req, opts.maxBodyBytes);
        let args: unknown;
        try {
          args = text.trim() === '' ? {} : JSON.parse(text);
        } catch {
          sendJson(res, 400, { code: 'invalid-argument', message: 'request body is not valid JSON', field: '(body)' });
          return;
        }
        const result = await dispatchStudioCall(service, rawPath.slice('/api/'.length), args);
        if (result.ok) sendJson(res, 200, result.value);
        else sendJson(res, httpStatusFor(result.error.code), result.error);
        return;
      }
      if (method !== 'GET' && method !== 'HEAD') throw new RequestRefused(405, 'method not allowed');
      const headOnly = method === 'HEAD';
      if (rawPath.startsWith('/files/')) {
        await sendConfinedFile(res, workspaceDir, rawPath.slice('/files/'.length), {
          contentType: workspaceContentTypeFor,
          headers: { 'Cache-Control': 'no-store', 'Content-Security-Policy': FILES_CSP, ...downloadHeaders(rawPath, query) },
          headOnly,
        });
        return;
      }
      if (rawPath === '/events') throw new RequestRefused(426, 'use a WebSocket upgrade for /events');
      const rel = rawPath === '/' ? 'index.html' : rawPath.slice(1);
      await sendConfinedFile(res, rendererDir, rel, { contentType: contentTypeFor, headers: pageHeaders(req), headOnly });
    } catch (error) {
      const status = error instanceof RequestRefused ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (isApi) {
        const code = status >= 500 ? 'internal' : status === 401 || status === 403 ? 'forbidden' : 'invalid-argument';
        sendJson(res, status, { code, message });
      }
      else if (status === 401) sendText(res, 401, 'Parallax Studio: open the URL printed by `parallax serve` (it carries the session token).');
      else sendText(res, status, `refused: ${message}`);
    }
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/events') throw new RequestRefused(404, 'no such socket');
      guard(req);
      hub.handleUpgrade(req, socket, head);
    } catch (error) {
      const status = error instanceof RequestRefused ? error.status : 500;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('upgrade', handleUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(opts.host, port, opts.allowedHosts);
  const origin = `http://${hostWithPort(displayHost(opts.host), port)}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    host: opts.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `/files/...?download=1`: ask the browser to save the file under its own name (RFC 6266). */
function downloadHeaders(rawPath: string, query: URLSearchParams): Record<string, string> {
  if (query.get('download') !== '1') return {};
  let name = rawPath.slice(rawPath.lastIndexOf('/') + 1);
  try { name = decodeURIComponent(name); } catch { /* keep the raw segment */ }
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'download';
  return { 'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}` };
}
