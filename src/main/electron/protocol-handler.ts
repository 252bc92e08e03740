// The `parallax://` protocol, Electron-free (Fetch API Request/Response): `parallax://app/…`
// serves the built renderer, `parallax://workspace/…` serves workspace files. Both are
// confined with path-confine; anything else (other hosts, file:, traversal) is refused.
import { readFile } from 'node:fs/promises';
import { COMMON_SECURITY_HEADERS, FILES_CSP } from '../server/csp';
import { contentTypeFor, workspaceContentTypeFor } from '../server/content-types';
import { PathConfinementError, resolveConfinedFile, statusForConfinementError } from '../server/path-confine';
import { APP_ORIGIN } from './app-security';

export interface ProtocolRoots {
  rendererDir: string;
  workspaceDir: string;
  /** CSP header for app pages. */
  csp: string;
}

const URL_PATTERN = /^parallax:\/\/([^/?#]*)(\/[^?#]*)?/i;

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...COMMON_SECURITY_HEADERS } });
}

export async function handleParallaxRequest(url: string, method: string, roots: ProtocolRoots): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'method not allowed');
  const match = URL_PATTERN.exec(url);
  if (!match) return refuse(400, 'not a parallax:// URL');
  const host = match[1].toLowerCase();
  const rawPath = (match[2] ?? '/').slice(1);
  let root: string;
  let rel: string;
  let headers: Record<string, string>;
  let typeOf: (file: string) => string;
  if (host === 'app') {
    root = roots.rendererDir;
    rel = rawPath === '' ? 'index.html' : rawPath;
    headers = { 'Content-Security-Policy': roots.csp, 'Cache-Control': 'no-cache' };
    typeOf = contentTypeFor;
  } else if (host === 'workspace') {
    root = roots.workspaceDir;
    rel = rawPath;
    headers = {
      'Content-Security-Policy': FILES_CSP,
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': APP_ORIGIN,
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    typeOf = workspaceContentTypeFor;
  } else {
    return refuse(403, `refused: unknown parallax:// host "${host}"`);
  }
  try {
    const file = await resolveConfinedFile(root, rel);
    const body = method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...COMMON_SECURITY_HEADERS, ...headers, 'Content-Type': typeOf(file) },
    });
  } catch (error) {
    if (error instanceof PathConfinementError) {
      const status = statusForConfinementError(error);
      return refuse(status, status === 404 ? 'not found' : `refused: ${error.reason}`);
    }
    return refuse(500, 'internal error');
  }
}
